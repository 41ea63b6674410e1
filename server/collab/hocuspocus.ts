/**
 * The collaboration core: a Hocuspocus instance with our extensions and no
 * HTTP of its own (app.ts hands it WebSocket connections).
 */
import { Hocuspocus } from '@hocuspocus/server'
import type { Extension } from '@hocuspocus/server'
import type { Sessions } from '../auth/sessions.js'
import type { Store } from '../store/types.js'
import type { StoreHealth } from '../store/store-health.js'
import type { Logger } from '../log.js'
import { Attribution } from '../extensions/attribution.js'
import { Audit } from '../extensions/audit.js'
import { Checkpoints, type CheckpointOptions } from '../extensions/checkpoints.js'
import { Authentication } from '../extensions/authentication.js'
import { AccessChanges, recheckConnections } from '../extensions/access-changes.js'
import type { FanOut } from './fan-out.js'
import type { DocumentMeta } from '../store/types.js'
import { IdRepair } from '../extensions/id-repair.js'
import { Persistence } from '../extensions/persistence.js'
import { Presence } from '../extensions/presence.js'
import { MessageRateLimit } from '../extensions/rate-limit.js'
import type { MessageRateOptions } from '../extensions/rate-limit.js'
import { Validation } from '../extensions/validation.js'
import { budgetOptions, loopTimeBudget, type UserBudgetOptions } from '../extensions/user-budgets.js'
import { DocumentLoads } from '../extensions/document-loads.js'
import { WaitingContent } from '../extensions/waiting-content.js'
import type { MemoryPressure } from './memory-pressure.js'
import { recordBracketOperations } from '../extensions/audit.js'

/** Options of the collaboration core. */
/** The collaboration core's settings, with the per-user budgets (UserBudgetOptions, handed to validation). */
export interface CollaborationOptions extends UserBudgetOptions {
  store: Store
  /** Told of every write of updates and snapshots, taken or refused (`/api/health`). */
  storeHealth?: StoreHealth | undefined
  sessions: Sessions
  /** Share documents with other instances through Redis. */
  redisUrl?: string | undefined
  /** Redis key prefix (instances sharing documents must use the same). */
  redisPrefix?: string | undefined
  maxMessageBytes?: number | undefined
  messageRate?: MessageRateOptions | undefined
  compactAfter?: number | undefined
  /** Hocuspocus store debounce, ms (default 2000). */
  debounce?: number | undefined
  /** Where refused updates and presence are reported. */
  logger?: Logger | undefined
  /** Largest encoded state of a document, bytes (validation refuses updates past it). */
  maxDocumentBytes?: number | undefined
  /** Automatic checkpoints (see CheckpointOptions). */
  checkpoints?: CheckpointOptions | undefined
  /** How often open connections are re-checked against the store, ms (extensions/access-changes.ts). */
  accessRecheckMs?: number | undefined
  /** Document connections one account may hold at once (extensions/user-connections.ts). */
  maxConnectionsPerUser?: number | undefined
  /** How long content of clocks not received may wait unchanged before it is dropped, ms (extensions/waiting-content.ts). */
  waitingExpiryMs?: number | undefined
  /** The server's memory pressure: while tight, new content and document loads are held back (collab/memory-pressure.ts). */
  memory?: MemoryPressure | undefined
  /** More extensions (the transport's hooks). */
  extensions?: readonly Extension[] | undefined
  /** Extension names to leave out (benchmarks measure each one's cost; never in production). */
  omitExtensions?: readonly string[] | undefined
}

/** The collaboration core and its parts. */
export interface Collaboration {
  hocuspocus: Hocuspocus
  persistence: Persistence
  /**
   * Who may open a document changed (its co-sponsors, now `meta`): its
   * connections here are re-checked at once, and other instances are told
   * to re-check theirs (extensions/access-changes.ts).
   */
  accessChanged(documentName: string, meta: DocumentMeta): void
}

/**
 * Builds the Hocuspocus instance with authentication, validation,
 * persistence, audit, rate limits and (optionally) Redis fan-out; the
 * Redis modules are loaded only when a Redis URL is given.
 */
export async function createCollaboration(o: CollaborationOptions): Promise<Collaboration> {
  // each user's share of the event loop's time: their changes' checks, the documents their openings load
  const loopTime = o.loopTime ?? loopTimeBudget(o.checkBudget)
  const loads = new DocumentLoads(loopTime)
  const persistence = new Persistence(o.store, { compactAfter: o.compactAfter, logger: o.logger, loads, health: o.storeHealth, shares: o.memory?.shares })
  const access = new AccessChanges(o.store, { periodMs: o.accessRecheckMs, logger: o.logger })
  const extensions: Extension[] = [
    new Authentication(o.store, o.sessions, loads, { recheckMs: o.accessRecheckMs, maxConnectionsPerUser: o.maxConnectionsPerUser, memory: o.memory, logger: o.logger }),
    access,
    new MessageRateLimit(o.messageRate, o.logger),
    new Presence(o.logger),
    new Validation({ ...budgetOptions(o), loopTime, memory: o.memory, maxMessageBytes: o.maxMessageBytes, maxDocumentBytes: o.maxDocumentBytes, logger: o.logger, onBracketOperations: (name, user, ops) => recordBracketOperations(o.store, name, user, ops, o.logger) }),
    new Attribution({ persist: (name, update) => o.store.appendUpdate(name, update, { userId: null }), logger: o.logger }),
    new IdRepair({ persist: (name, update) => o.store.appendUpdate(name, update, { userId: null }), logger: o.logger }),
    new WaitingContent({ expiryMs: o.waitingExpiryMs, logger: o.logger, onDropped: name => persistence.compactWithoutWaiting(name) }),
    persistence,
    new Audit(o.store),
    new Checkpoints(o.store, { ...o.checkpoints, logger: o.logger }),
    ...o.extensions ?? []
  ]
  const omit = new Set(o.omitExtensions ?? [])
  const kept = extensions.filter(e => !omit.has(e.extensionName ?? ''))
  extensions.length = 0
  extensions.push(...kept)
  let fanOut: FanOut | null = null
  if (o.redisUrl) {
    const url = o.redisUrl
    const { FanOut } = await import('./fan-out.js')
    fanOut = new FanOut({ url, prefix: o.redisPrefix ?? 'resdraft', logger: o.logger })
    fanOut.onAnnouncement(ACCESS_CHANGED, name => { void access.recheck(name) })
    extensions.push(fanOut)
  }
  const hocuspocus = new Hocuspocus({
    name: 'resdraft',
    quiet: true,
    debounce: o.debounce ?? 2000,
    maxDebounce: 10_000,
    extensions
  })
  const accessChanged = (name: string, meta: DocumentMeta) => {
    recheckConnections(hocuspocus.documents.get(name), meta)
    fanOut?.announce(ACCESS_CHANGED, name)
  }
  return { hocuspocus, persistence, accessChanged }
}

/** The topic of access changes among instances (collab/fan-out.ts `announce`). */
const ACCESS_CHANGED = 'access-changed'
