/**
 * How the server refuses a message: the client gets a stateless message
 * `{"type":"refused","reason":...}` (HocuspocusProvider `onStateless`) and
 * then a close message carrying the same reason (`onClose`: event.code and
 * event.reason), and the message is neither applied, stored nor relayed.
 */
import type { Connection } from '@hocuspocus/server'

/** Close code for an update that breaks the document model or is malformed. */
export const REFUSED_INVALID = 4400
/** Close code for a write from a read-only connection. */
export const REFUSED_READ_ONLY = 4403
/** Close code for a message over the size limit. */
export const REFUSED_TOO_LARGE = 4413
/** Close code for a connection sending too many messages. */
export const REFUSED_RATE = 4429

/** The stateless message a refused client receives. */
export interface RefusalNotice {
  type: 'refused'
  code: number
  reason: string
}

/** An error that makes Hocuspocus drop the message and close the document connection with `reason`. */
export class Refusal extends Error {
  constructor(readonly code: number, readonly reason: string) {
    super(`refused: ${reason}`)
    this.name = 'Refusal'
  }
}

/** Tells the client why, then returns the error to throw from the hook. */
export function refuse(connection: Connection | undefined, code: number, reason: string): Refusal {
  const notice: RefusalNotice = { type: 'refused', code, reason }
  try { connection?.sendStateless(JSON.stringify(notice)) } catch { /* socket already gone */ }
  return new Refusal(code, reason.slice(0, 120))
}
