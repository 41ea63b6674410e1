/**
 * Presence tied to the session. Awareness states travel through the server
 * like updates; without a check a client could appear as anyone (a reviewer
 * as "Secretariat"), announce states for other connections' client ids, or
 * send shapes that break other editors. For every incoming awareness
 * message this extension:
 *
 * - refuses it (closing the document connection) when it is malformed (a
 *   state's JSON is read only for the entries that can apply: the last of
 *   each client id the connection speaks for);
 * - leaves out the states that change nothing (providers echo every state
 *   they receive, with its clock) and those for client ids the connection
 *   has not claimed: a connection claims the ids it announces first, up to
 *   a few, never one that another connection holds or whose state names
 *   another user (a participant on another instance), so nobody changes or
 *   removes another participant's state;
 * - sets the identity fields (`user`: name, delegation, role, colour) of
 *   each state from the signed-in session, and drops a malformed state
 *   (it becomes `null`, "gone", for everyone; once, not again while it
 *   is gone).
 *
 * A message that needs any of this is applied here, corrected, to the
 * document's awareness (Hocuspocus relays it from there), and the original
 * is emptied in place before Hocuspocus reads it.
 *
 * It also refuses broadcast-stateless messages, which Hocuspocus would relay
 * to every connection (the application defines none), and awareness
 * queries: Hocuspocus has no way to answer one from a client, but works out
 * every state of the document first (1 ms for 200 states; the
 * twenty-second probe's 50 sockets of one reviewer sent 390 each and held
 * the event loop 30 s). Providers never send one.
 */
import type { Connection, Extension, afterLoadDocumentPayload, beforeHandleMessagePayload } from '@hocuspocus/server'
import * as encoding from 'lib0/encoding'
import { applyAwarenessUpdate } from 'y-protocols/awareness'
import { awarenessStateProblem, presenceOf, samePresence } from '../../protocol/awareness.js'
import type { PresenceUser } from '../../protocol/awareness.js'
import { isGone, readEntries, type RawEntry } from '../collab/awareness-entries.js'
import { rememberIdentities, standsForAnother, writerDelegationOf } from '../collab/presence-identities.js'
import { MESSAGE_AWARENESS, MESSAGE_BROADCAST_STATELESS, MESSAGE_QUERY_AWARENESS, parseMessage } from '../collab/messages.js'
import { REFUSED_INVALID, droppedUnread, droppingMessages, refuse } from '../collab/refusal.js'
import type { Logger } from '../log.js'
import { RateLimiter } from './rate-limit.js'
import type { User } from '../store/types.js'

/** Most awareness client ids one connection may speak for (a page uses one per document). */
export const MAX_CLIENTS_PER_CONNECTION = 4

/**
 * Presence changes of one account relayed per second, sustained and in one
 * burst (a page makes a few a second as its cursor moves): the others are
 * dropped, a state that goes never (its page closed). Each change is sent
 * to every connection on the document, and every provider answers each
 * change it receives with a message: one account's 300 changes a second
 * from five sockets, within the message rate limits, had every honest peer
 * disconnected by the rate limit again and again, and from a hundred
 * sockets held the event loop 19 s (a fuzzing helper). A state dropped is
 * sent again by its page within 15 s (y-protocols renews it).
 */
export const PRESENCE_CHANGES = { perSecond: 30, burst: 120 } as const

interface Entry { clientId: number; clock: number; state: unknown }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The entry with its state read (throws on text that is not UTF-8 JSON). */
const readState = (e: RawEntry): Entry => ({ clientId: e.clientId, clock: e.clock, state: JSON.parse(utf8.decode(e.json)) as unknown })

/** The last entry of each client id with its highest clock (what applying them in order leaves), in first-seen order. */
function latestPerClient(entries: readonly RawEntry[]): RawEntry[] {
  const latest = new Map<number, RawEntry>()
  for (const e of entries) {
    const seen = latest.get(e.clientId)
    if (!seen || e.clock >= seen.clock) latest.set(e.clientId, e)
  }
  return [...latest.values()]
}

function writeEntries(entries: readonly Entry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  }
  return encoding.toUint8Array(e)
}

/**
 * The states to store for `entries` sent by `who` (null when they can stay
 * as they are): identity set from the session, malformed states dropped.
 */
export function correctedStates(entries: readonly Entry[], who: PresenceUser): Entry[] | null {
  let changed = false
  const out = entries.map(entry => {
    const { state } = entry
    if (state === null) return entry
    if (awarenessStateProblem(state) !== null) { changed = true; return { ...entry, state: null } }
    const s = state as { user?: unknown }
    if (samePresence(who, s.user)) return entry
    changed = true
    return { ...entry, state: { ...s, user: who } }
  })
  return changed ? out : null
}

/** The presence extension. */
export class Presence implements Extension {
  extensionName = 'resdraft-presence'
  priority = 250

  /** The awareness client ids each connection speaks for. */
  private readonly claims = new WeakMap<Connection, Set<number>>()
  /** The presence changes each account may still have relayed (PRESENCE_CHANGES). */
  private readonly changes = new RateLimiter(PRESENCE_CHANGES.perSecond, PRESENCE_CHANGES.burst)

  constructor(private readonly logger?: Logger) {}

  /** From its loading on, a document's client ids keep the identities they had (collab/presence-identities.ts). */
  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    rememberIdentities(documentName, document.awareness)
  }

  /** Logs a refused message and returns the error that refuses it. */
  private refused(connection: Connection, documentName: string, user: User | undefined, reason: string) {
    this.logger?.warn('message refused', { document: documentName, user: user?.username, delegation: user?.delegation, code: REFUSED_INVALID, reason })
    return refuse(connection, REFUSED_INVALID, reason)
  }

  async beforeHandleMessage({ update: data, connection, document, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    if (droppingMessages(connection)) return droppedUnread()
    let msg
    try { msg = parseMessage(data) } catch { return } // validation refuses malformed messages
    if (msg.type !== MESSAGE_AWARENESS && msg.type !== MESSAGE_BROADCAST_STATELESS && msg.type !== MESSAGE_QUERY_AWARENESS) return // most messages: sync
    const user = (context as { user?: User }).user
    if (msg.type === MESSAGE_BROADCAST_STATELESS) throw this.refused(connection, documentName, user, 'broadcast messages are not part of this application')
    if (msg.type === MESSAGE_QUERY_AWARENESS) throw this.refused(connection, documentName, user, 'awareness queries are not answered: presence comes with every change of it')
    if (!msg.awareness || !user) return
    const payload = msg.awareness
    let entries: RawEntry[]
    try { entries = readEntries(payload) } catch (e) { throw this.refused(connection, documentName, user, `malformed awareness update: ${(e as Error).message}`) }
    // Providers echo every state they receive, with the clock they received (and after a server
    // restart, the states they still hold): entries that change nothing, or that concern a client id
    // this connection has not claimed, are left out. A connection claims the ids it announces first
    // (a provider announces its own state alone when it connects), up to MAX_CLIENTS_PER_CONNECTION,
    // and never one another connection holds.
    const { awareness } = document
    const applies = (entry: RawEntry) => {
      const current = awareness.meta.get(entry.clientId)?.clock ?? 0
      return current < entry.clock || (current === entry.clock && isGone(entry) && awareness.states.has(entry.clientId))
    }
    let claimed = this.claims.get(connection)
    if (!claimed) { claimed = new Set(); this.claims.set(connection, claimed) }
    const heldElsewhere = (id: number) => document.getConnections().some(other => other !== connection && (this.claims.get(other)?.has(id) || document.getClients(other.webSocket).has(id)))
    // a client id keeps the identity it has, or last had (collab/presence-identities.ts): one that stands for another
    // user (a participant on another instance, or one whose socket dropped and who comes back with it) is not claimed
    const who = presenceOf(user)
    const someoneElses = (id: number) => {
      const another = standsForAnother(documentName, awareness, id, user)
      if (another !== undefined) return another
      // not known in this process (a restart forgets): an id that wrote the document is its writer's delegation's
      const writer = writerDelegationOf(document, id)
      return writer !== undefined && writer !== user.delegation
    }
    const claimedNow = latestPerClient(entries).filter(entry => {
      if (!applies(entry)) return false
      if (claimed.has(entry.clientId)) return true
      if (isGone(entry) || claimed.size >= MAX_CLIENTS_PER_CONNECTION || heldElsewhere(entry.clientId) || someoneElses(entry.clientId)) return false
      claimed.add(entry.clientId)
      return true
    })
    // past the account's bound, its states are not relayed; one that goes always is
    const chosen = claimedNow.some(entry => !isGone(entry)) && !this.changes.take(user.id) ? claimedNow.filter(isGone) : claimedNow
    // only now are states read: at most the few ids this connection speaks for
    let effective: Entry[]
    try { effective = chosen.map(readState) } catch (e) { throw this.refused(connection, documentName, user, `malformed awareness update: ${(e as Error).message}`) }
    const corrected = correctedStates(effective, who)
    if (!corrected && effective.length === entries.length) return // as sent: Hocuspocus applies and relays it
    // A malformed state is dropped once: for an id whose state is gone already, nothing is applied or relayed. A
    // provider told that its own state is gone, at its own clock, announces it again with the next (y-protocols lets
    // no remote remove the local state): dropping each again was a ping-pong of thousands of messages a second,
    // which every peer's provider echoed until the rate limit disconnected them all (hostile/socket-presence-loop.test.ts)
    const applied = (corrected ?? effective).filter((e, i) => e.state !== null || effective[i]!.state === null || awareness.states.has(e.clientId))
    // Apply the corrected states here; Hocuspocus then applies the message, emptied in place
    // (the first byte of its count of states set to 0, which ends the varint: no states).
    payload[0] = 0
    if (applied.length) applyAwarenessUpdate(awareness, writeEntries(applied), connection.webSocket)
  }
}
