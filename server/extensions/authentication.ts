/**
 * Authentication: every WebSocket connection to a document must carry a
 * valid session (the provider's token, else the session cookie of the
 * upgrade request). A user who may read but not write the document gets a
 * read-only connection, whose updates Hocuspocus refuses. A browser page
 * built against another document model (its `schema` parameter, see
 * schema/fingerprint.ts) is refused before it sees the document. Opening
 * a document not loaded yet makes the server load it, on the event loop:
 * loads take turns across the server, one per turn of the event loop, and
 * are paid from the opener's share of loop time (document-loads.ts); an
 * opening that cannot have a turn is refused as `busy` and the page tries
 * again later.
 *
 * A connection lasts as long as its session: when the session ends (signing
 * out, or its expiry), its sockets are closed as on a change of rights
 * (ACCESS_CHANGED: the page opens again and finds nobody signed in), at
 * once by the sign-out route of this instance (`closeSessionConnections`),
 * and by a sweep of every open connection every `recheckMs` (other
 * instances' sign-outs, expiry). Before, a socket opened before signing out
 * went on writing and receiving edits for as long as it stayed open. The
 * same sweep closes, for reopening, the sockets of an account whose
 * delegation, role or name was changed (`npm run users -- change`, from
 * another process): before, they kept the rights they opened with.
 *
 * An account holds a bounded number of document connections at once
 * (user-connections.ts); an opening past it is refused as `busy` too.
 */
import type { MemoryPressure } from '../collab/memory-pressure.js'
import type { Extension, Hocuspocus, connectedPayload, onAuthenticatePayload, onConfigurePayload } from '@hocuspocus/server'
import { accessOf } from './access-changes.js'
import { publicUser, tokenFromHeaders } from '../auth/sessions.js'
import type { Sessions } from '../auth/sessions.js'
import type { Store, User, UserRecord } from '../store/types.js'
import { SCHEMA_FINGERPRINT } from '../../schema/fingerprint.js'
import { SERVER_BUSY } from '../../protocol/refusal.js'
import type { DocumentLoads } from './document-loads.js'
import { reconnectForAccess } from '../collab/refusal.js'
import type { Logger } from '../log.js'
import { UserConnections } from './user-connections.js'

/** The reason sent to a page whose document model differs from the server's. */
export const OUTDATED_CLIENT = 'outdated-client'

/** What the connection's context holds after authentication. */
export interface ConnectionContext {
  user: User
  /** True when the user may change the comments only (a reviewer). */
  commentOnly: boolean
  /** The id of the session the connection was opened with: it is closed when that session ends. */
  session: string | null
}

/** Closes the sockets of `hocuspocus`'s connections opened with session `sessionId` (it ended); how many. */
export function closeSessionConnections(hocuspocus: Hocuspocus, sessionId: string): number {
  let closed = 0
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      if ((connection.context as Partial<ConnectionContext>).session !== sessionId) continue
      reconnectForAccess(connection)
      closed++
    }
  }
  return closed
}

/** How often every open connection's session is checked, ms (default). */
const SESSION_RECHECK_MS = 15_000

/** The authentication extension. */
export class Authentication implements Extension {
  extensionName = 'resdraft-authentication'
  private timer: NodeJS.Timeout | null = null
  private sweeping = false
  private readonly connections: UserConnections

  constructor(private readonly store: Store, private readonly sessions: Sessions, private readonly loads?: DocumentLoads,
    private readonly options: { recheckMs?: number | undefined; maxConnectionsPerUser?: number | undefined; memory?: MemoryPressure | undefined; logger?: Logger | undefined } = {}) {
    this.connections = new UserConnections(options.maxConnectionsPerUser)
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.timer = setInterval(() => { void this.sweep(instance) }, this.options.recheckMs ?? SESSION_RECHECK_MS)
    this.timer.unref()
  }

  async onDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
  }

  /**
   * Closes the sockets of connections whose session has ended, or whose
   * account is no longer what it was when they opened (`npm run users --
   * change`: another delegation, role or name), so that they open again as
   * the account now may (each session read once per sweep; one sweep at a time).
   */
  private async sweep(instance: Hocuspocus): Promise<void> {
    if (this.sweeping) return
    this.sweeping = true
    try {
      const accounts = new Map<string, UserRecord | null>()
      for (const document of [...instance.documents.values()]) {
        for (const connection of [...document.getConnections()]) {
          const { session, user } = connection.context as Partial<ConnectionContext>
          if (!session) continue
          let account = accounts.get(session)
          if (account === undefined) { account = await this.sessions.accountOf(session); accounts.set(session, account) }
          if (account && (!user || sameAccount(user, account))) continue
          this.options.logger?.info(account ? 'socket closed: its account has changed' : 'socket closed: its session has ended', { document: document.name, user: user?.username })
          reconnectForAccess(connection)
        }
      }
    } catch (e) {
      this.options.logger?.warn('the open connections\' sessions could not be checked (tried again at the next sweep)', { error: (e as Error).message })
    } finally { this.sweeping = false }
  }

  /**
   * What a read of the store for an opening gives; when the store fails (PostgreSQL away) the opening is refused as
   * busy, and the page opens again a few seconds later. Hocuspocus would tell any failure as 'permission-denied',
   * after which a page does not open again (the nineteenth probe: a change sent again after STORE_FAILED waited until
   * the provider gave up its silent socket, 30 s without a message, and was stored 28 s after PostgreSQL was back).
   */
  private async unlessStoreFails<T>(documentName: string, read: () => Promise<T>): Promise<T> {
    try { return await read() } catch (e) {
      this.options.logger?.warn('an opening could not be checked against the store (refused as busy: the page opens again)', { document: documentName, error: (e as Error).message })
      throw Object.assign(new Error(SERVER_BUSY), { reason: SERVER_BUSY })
    }
  }

  async onAuthenticate({ token, request, requestParameters, documentName, socketId, connectionConfig, instance }: onAuthenticatePayload): Promise<ConnectionContext> {
    const schema = requestParameters.get('schema')
    if (schema !== null && schema !== SCHEMA_FINGERPRINT) throw Object.assign(new Error(OUTDATED_CLIENT), { reason: OUTDATED_CLIENT })
    const given = token || tokenFromHeaders(request.headers)
    const user = await this.unlessStoreFails(documentName, () => this.sessions.userOf(given))
    if (!user) throw Object.assign(new Error('unauthorized'), { reason: 'unauthorized' })
    const doc = await this.unlessStoreFails(documentName, () => this.store.getDocument(documentName))
    const access = doc ? accessOf(user, doc) : null
    if (!access) throw Object.assign(new Error('forbidden'), { reason: 'forbidden' })
    const place = placeOf(socketId, documentName)
    if (!this.connections.reserve(user.id, place)) {
      this.options.logger?.info('opening refused: the account holds as many document connections as one may', { user: user.username, held: this.connections.heldBy(user.id) })
      throw Object.assign(new Error(SERVER_BUSY), { reason: SERVER_BUSY })
    }
    // a document to load while the heap is nearly full, by an account filling it (or past the full share): not now
    // (collab/memory-pressure.ts)
    if (!instance.documents.has(documentName) && this.options.memory && !this.options.memory.allowsGrowthBy(user.id)) {
      this.connections.release(user.id, place)
      this.options.logger?.warn('opening refused: the server is short of memory', { document: documentName, user: user.username })
      throw Object.assign(new Error(SERVER_BUSY), { reason: SERVER_BUSY })
    }
    if (this.loads && !instance.documents.has(documentName) && !await this.loads.wait(user.id, documentName)) {
      this.connections.release(user.id, place)
      throw Object.assign(new Error(SERVER_BUSY), { reason: SERVER_BUSY })
    }
    connectionConfig.readOnly = access.readOnly
    return { user: publicUser(user), commentOnly: access.commentOnly, session: this.sessions.sessionIdOf(given) }
  }

  /** The opening has reached its document: a turn it had and did not need to load is given back. */
  async connected({ documentName, socketId, context, connection }: connectedPayload): Promise<void> {
    this.loads?.release(documentName)
    const user = (context as Partial<ConnectionContext>).user
    if (!user) return
    const place = placeOf(socketId, documentName)
    this.connections.setUp(user.id, place)
    // its account's place is free once it closes: a callback of the connection's own (with an onDisconnect hook
    // instead, the shutdown test saw a document unloaded before its last save was checked); one closed already
    // (while this hook waited) gives it back at once
    connection.onClose(() => this.connections.release(user.id, place))
    if (!connection.document.hasConnection(connection)) this.connections.release(user.id, place)
  }
}

/** Whether a connection opened as `opened` still holds the rights and the name of `now` (its language is the page's affair). */
const sameAccount = (opened: User, now: UserRecord) =>
  opened.id === now.id && opened.delegation === now.delegation && opened.role === now.role && opened.name === now.name

/** The key of a document connection: its socket and its document. */
const placeOf = (socketId: string, documentName: string) => `${socketId}\u0000${documentName}`
