/**
 * A page of a document's audit trail, as the API reads it: at most
 * `MAX_AUDIT_PAGE` entries (`limit`, default `DEFAULT_AUDIT_PAGE`; protocol/api.ts), the
 * newest of those before the entry `before` (a `seq` of the page already
 * read), oldest first. A trail grows for as long as a document is worked
 * on (an operation a second for a week is 600,000 rows): no answer holds
 * all of it.
 */
import type { AuditQuery } from '../store/types.js'
import { HttpError } from '../http/errors.js'
import { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '../../protocol/api.js'

/** `before` and `limit` from a request's query string (400 when either is not a whole number in range). */
export function auditPage(query: Record<string, unknown>): Required<Pick<AuditQuery, 'limit'>> & Pick<AuditQuery, 'before'> {
  const limit = wholeNumber(query.limit, 'limit', 1, MAX_AUDIT_PAGE) ?? DEFAULT_AUDIT_PAGE
  const before = wholeNumber(query.before, 'before', 1, Number.MAX_SAFE_INTEGER)
  return before === undefined ? { limit } : { limit, before }
}

function wholeNumber(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new HttpError(400, `"${name}" must be a whole number from ${min} to ${max}`)
  return n
}
