/**
 * The collaboration core: a Hocuspocus instance with our extensions and no
 * HTTP of its own (app.ts hands it WebSocket connections).
 */
import { Hocuspocus } from '@hocuspocus/server'
import type { Extension } from '@hocuspocus/server'
import type { Sessions } from '../auth/sessions.js'
import type { Store } from '../store/types.js'
import type { Logger } from '../log.js'
import { Attribution } from '../extensions/attribution.js'
import { Audit } from '../extensions/audit.js'
import { Checkpoints, type CheckpointOptions } from '../extensions/checkpoints.js'
import { Authentication } from '../extensions/authentication.js'
import { IdRepair } from '../extensions/id-repair.js'
import { Persistence } from '../extensions/persistence.js'
import { Presence } from '../extensions/presence.js'
import { MessageRateLimit } from '../extensions/rate-limit.js'
import type { MessageRateOptions, RateLimiter } from '../extensions/rate-limit.js'
import { Validation } from '../extensions/validation.js'
import { loopTimeBudget } from '../extensions/user-budgets.js'
import { DocumentLoads } from '../extensions/document-loads.js'
import { recordBracketOperations } from '../extensions/audit.js'

/** Options of the collaboration core. */
export interface CollaborationOptions {
  store: Store
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
  /** Time validation may spend on one user's changes (see ValidationOptions). */
  checkBudget?: { msPerSecond: number; burstMs: number } | undefined
  /** The per-user budget of time on the event loop, shared with the API (made from `checkBudget` when not given). */
  loopTime?: RateLimiter | undefined
  /** New editing sessions one user's changes may bring (see ValidationOptions). */
  sessionsPerUser?: { perSecond: number; burst: number } | undefined
  /** Bytes of one user's changes stored (see ValidationOptions). */
  storedBytesPerUser?: { perSecond: number; burst: number } | undefined
  /** Bracket operations of one user's changes (see ValidationOptions). */
  bracketOperationsPerUser?: { perSecond: number; burst: number } | undefined
  answerBytesPerUser?: { perSecond: number; burst: number } | undefined
  /** Automatic checkpoints (see CheckpointOptions). */
  checkpoints?: CheckpointOptions | undefined
  /** More extensions (the transport's hooks). */
  extensions?: readonly Extension[] | undefined
  /** Extension names to leave out (benchmarks measure each one's cost; never in production). */
  omitExtensions?: readonly string[] | undefined
}

/** The collaboration core and its parts. */
export interface Collaboration {
  hocuspocus: Hocuspocus
  persistence: Persistence
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
  const persistence = new Persistence(o.store, { compactAfter: o.compactAfter, logger: o.logger, loads })
  const extensions: Extension[] = [
    new Authentication(o.store, o.sessions, loads),
    new MessageRateLimit(o.messageRate, o.logger),
    new Presence(o.logger),
    new Validation({ maxMessageBytes: o.maxMessageBytes, maxDocumentBytes: o.maxDocumentBytes, checkBudget: o.checkBudget, loopTime, sessionsPerUser: o.sessionsPerUser, storedBytesPerUser: o.storedBytesPerUser, bracketOperationsPerUser: o.bracketOperationsPerUser, answerBytesPerUser: o.answerBytesPerUser, logger: o.logger, onBracketOperations: (name, user, ops) => recordBracketOperations(o.store, name, user, ops, o.logger) }),
    new Attribution({ persist: (name, update) => o.store.appendUpdate(name, update, { userId: null }), logger: o.logger }),
    new IdRepair({ persist: (name, update) => o.store.appendUpdate(name, update, { userId: null }), logger: o.logger }),
    persistence,
    new Audit(o.store),
    new Checkpoints(o.store, { ...o.checkpoints, logger: o.logger }),
    ...o.extensions ?? []
  ]
  const omit = new Set(o.omitExtensions ?? [])
  const kept = extensions.filter(e => !omit.has(e.extensionName ?? ''))
  extensions.length = 0
  extensions.push(...kept)
  if (o.redisUrl) {
    const url = o.redisUrl
    const [{ Redis }, { Redis: IORedis }] = await Promise.all([import('@hocuspocus/extension-redis'), import('ioredis')])
    extensions.push(new Redis({ createClient: () => new IORedis(url), prefix: o.redisPrefix ?? 'resdraft' }))
  }
  const hocuspocus = new Hocuspocus({
    name: 'resdraft',
    quiet: true,
    debounce: o.debounce ?? 2000,
    maxDebounce: 10_000,
    extensions
  })
  return { hocuspocus, persistence }
}
