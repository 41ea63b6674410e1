/**
 * How the server refuses a message (the codes and the notice are shared
 * with the client, protocol/refusal.ts): the client gets a stateless
 * message `{"type":"refused","code","reason"}` (HocuspocusProvider
 * `onStateless`) and then a close message carrying the same reason
 * (`onClose`: event.code and event.reason), and the message is neither
 * applied, stored nor relayed.
 */
import type { Connection } from '@hocuspocus/server'
import { ACCESS_CHANGED, REFUSED_RATE, REFUSED_TOO_EARLY, STORE_FAILED, type RefusalNotice } from '../../protocol/refusal.js'

export { ACCESS_CHANGED, REFUSED_INVALID, REFUSED_RATE, REFUSED_READ_ONLY, REFUSED_TOO_EARLY, REFUSED_TOO_LARGE, STORE_FAILED, type RefusalNotice } from '../../protocol/refusal.js'

/**
 * An error that makes Hocuspocus drop the message and close the document
 * connection with `reason`. An expected outcome, logged where it is decided:
 * it takes no stack trace (Hocuspocus prints it again, one line then).
 */
export class Refusal extends Error {
  /** The close code Hocuspocus closes the document connection with. */
  declare readonly code: number
  /** The close reason (at most 120 characters). */
  declare readonly reason: string
  constructor(code: number, reason: string) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(`refused: ${reason}`)
    Error.stackTraceLimit = limit
    this.name = 'Refusal'
    this.stack = `Refusal ${code}: ${reason}`
    // not enumerable: printed, the error is its one line
    Object.defineProperties(this, { code: { value: code }, reason: { value: reason } })
  }
}

/** The document connections a message was refused on (Hocuspocus closes them): nothing more is read from them. */
const refusedConnections = new WeakSet<Connection>()
/** The sockets the server is closing so that their clients send again later (throttled, a store failure). */
const closedByServer = new WeakSet<object>()

/**
 * True when a message is to be dropped unread (`droppedUnread`), with no
 * notice and no log line: the server is closing its socket (throttled; the
 * close told the client, which sends its changes again on a new socket),
 * or refused a message on this document connection before (told, and the
 * connection closed: a burst of invalid messages is one refusal, not one
 * per message). A socket the client closes is read to the end: a tab
 * closed right after a keystroke sends the keystroke, then the close.
 * Hocuspocus runs the hooks of a burst's messages interleaved, so every
 * hook that does work asks again.
 */
export function droppingMessages(connection: Connection): boolean {
  return closedByServer.has(connection.webSocket) || refusedConnections.has(connection)
}

/**
 * What a hook returns for a message dropped unread: a promise that never
 * settles, so Hocuspocus neither applies the message nor prints anything
 * (a thrown refusal is printed once per extension, then once more: a burst
 * of 5,000 messages in one write was 11,000 lines on the console). Nothing
 * keeps the promise, so it is collected with the message.
 */
export function droppedUnread(): Promise<never> {
  return new Promise<never>(() => undefined)
}

/** Tells the client why, then returns the error to throw from the hook. */
export function refuse(connection: Connection | undefined, code: number, reason: string): Refusal {
  if (connection) refusedConnections.add(connection)
  const notice: RefusalNotice = { type: 'refused', code, reason }
  try { connection?.sendStateless(JSON.stringify(notice)) } catch { /* socket already gone */ }
  return new Refusal(code, reason.slice(0, 120))
}

/**
 * Closes a client's whole socket so that it sends its changes again: a
 * provider whose document connection alone is closed never opens it again
 * and would hold its changes for ever; on a new socket, after its backoff,
 * it syncs and sends them. (A store that failed: 1011; a rate limit: 1013.)
 */
export function reconnectToResend(connection: Connection, code: typeof STORE_FAILED | 1013, reason: string): void {
  closedByServer.add(connection.webSocket)
  connection.webSocket.close(code, reason)
}

/** Closes a client's socket because its rights on a document changed (extensions/access-changes.ts): it reconnects and is let in as it now may be, or refused. */
export function reconnectForAccess(connection: Connection): void {
  closedByServer.add(connection.webSocket)
  connection.webSocket.close(ACCESS_CHANGED, 'access changed: reconnect')
}

/** Refuses a message for now (a rate limit): tells the client, and closes its socket so that it sends again later. */
export function throttle(connection: Connection, reason: string): Refusal {
  return refuseForNow(connection, REFUSED_RATE, reason)
}

/**
 * Refuses a message for now with a passing code (a rate limit, a deletion
 * ahead of its text): tells the client, and closes its socket so that it
 * syncs and sends again on the next.
 */
export function refuseForNow(connection: Connection, code: typeof REFUSED_RATE | typeof REFUSED_TOO_EARLY, reason: string): Refusal {
  const refusal = refuse(connection, code, reason)
  reconnectToResend(connection, 1013, code === REFUSED_RATE ? 'rate-limited: reconnect and send again' : 'too early: reconnect and sync')
  return refusal
}
