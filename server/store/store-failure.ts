/**
 * Errors that say the store cannot serve for now, not that the server is
 * wrong: PostgreSQL away, restarting or out of connections, a connection
 * cut or timed out, the embedded store's disk full, its file locked or
 * unwritable. A request that meets one is answered 503 `busy` (try again)
 * and logged as a warning, not as a fault with its stack (http/errors.ts):
 * during an outage every request meets one, and the health check
 * (store-health.ts) already says the store is failing.
 */

/** Node's codes of a connection refused, cut or timed out. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * PostgreSQL's codes (SQLSTATE) of a server that cannot serve now: class 08
 * (connection exception), 53 (insufficient resources: too many connections,
 * disk full, out of memory) and 57P01–57P05 (shut down, crashed, starting).
 */
const POSTGRES_UNAVAILABLE = /^(08...|53...|57P0[1-5])$/

/** The embedded store's (SQLite's) codes of a disk full, a file locked, unreadable or unwritable. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|BUSY|LOCKED|IOERR|READONLY|CANTOPEN|NOMEM)(_|$)/

/** What node-postgres says, with no code, of a connection it lost or could not make in time. */
const POSTGRES_CLIENT_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/

/** True when `err` says the store cannot serve for now (see the module comment). */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || POSTGRES_UNAVAILABLE.test(code) || SQLITE_UNAVAILABLE.test(code))) return true
  return POSTGRES_CLIENT_MESSAGES.test(err.message)
}
