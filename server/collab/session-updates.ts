/**
 * How many updates one session (a socket's connection to one document, as
 * one user) has had stored. Persistence counts each update it stores from
 * the connection; the audit trail ("disconnect: 12 updates") and automatic
 * checkpoints (a session that changed nothing leaves none) read the count
 * when the connection closes. It is kept on the connection's Hocuspocus
 * context, which lives exactly as long as the session, so counting is one
 * property increment on the relay path.
 */

const UPDATES = Symbol('session updates')

type Counted = { [UPDATES]?: number }

/** Counts one stored update of the session whose Hocuspocus context this is. */
export function countSessionUpdate(context: unknown): void {
  if (!context || typeof context !== 'object') return
  const c = context as Counted
  c[UPDATES] = (c[UPDATES] ?? 0) + 1
}

/** The updates the session whose context this is has had stored so far. */
export function sessionUpdates(context: unknown): number {
  return context && typeof context === 'object' ? (context as Counted)[UPDATES] ?? 0 : 0
}
