/**
 * The last error handler of the app and of the API: a known error gets its
 * status and a one-line message as `{error}`; anything else is logged on
 * the server and answered 500 "internal error". No stack trace, file path
 * or library message reaches the client. A store that cannot serve for now
 * (store/store-failure.ts) is a 503 `busy`, logged as a warning.
 */
import type { NextFunction, Request, Response } from 'express'
import type { ApiErrorCode } from '../../protocol/api-errors.js'
import { consoleLogger, type Logger } from '../log.js'
import { WorkBusyError, WorkError, WorkMemoryError, WorkTimeoutError } from '../work/pool.js'
import { DocumentTooLargeError } from '../documents.js'
import { isStoreUnavailable } from '../store/store-failure.js'

/**
 * An error answered with its status and `{error: message}`, and `code` when
 * given: one of the codes the interface says in its own language
 * (protocol/api-errors.ts), or `bad-shape` for a body of the wrong shape
 * (a client's mistake, not the user's).
 */
export class HttpError extends Error {
  /** The values the refusal is about, sent as `params` so that the interface can say it all in its own language (client/app/i18n-refusal-params.ts). */
  params?: Readonly<Record<string, string | number>>
  /** `retryAfter`: seconds, sent as `Retry-After` (a 429 or 503 that knows when). */
  constructor(readonly status: number, message: string, readonly code?: ApiErrorCode | 'bad-shape', readonly retryAfter?: number) { super(message); this.name = 'HttpError' }

  /** This error with the values it is about (see `params`). */
  about(params: Readonly<Record<string, string | number>>): this { this.params = params; return this }
}

/** What express, body-parser and `send` attach to the errors they raise. */
interface LibraryError { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string; charset?: string }

/** Status and message for an error raised by express or its parsers, or null for an unexpected one. */
export function describeHttpError(err: unknown): { status: number; message: string; code?: ApiErrorCode | 'bad-shape' } | null {
  if (err instanceof HttpError) return { status: err.status, message: err.message, ...(err.code ? { code: err.code } : {}) }
  if (err instanceof URIError) return { status: 400, message: 'malformed percent-encoding in the address' }
  if (err instanceof WorkBusyError) return { status: 503, message: err.message, code: 'busy' }
  if (err instanceof DocumentTooLargeError) return { status: 413, message: err.message, code: 'too-large' }
  // the printer's queue is full (export/pdf.ts), or a request whose client had gone was dropped
  if (err instanceof Error && err.name === 'PrinterBusyError') return { status: 503, message: err.message, code: 'busy' }
  if (err instanceof Error && err.name === 'AbortError') return { status: 400, message: 'request abandoned by the client' }
  if (err instanceof WorkTimeoutError || err instanceof WorkMemoryError) return { status: 422, message: err.message, code: 'too-much-work' }
  // a PDF whose printing ran past the time limit (export/pdf.ts)
  if (err instanceof Error && err.name === 'PrintTimeoutError') return { status: 422, message: err.message, code: 'too-much-work' }
  if (err instanceof WorkError && err.name === 'ImportLimitError') return { status: 413, message: err.message, code: 'too-large' }
  if (isStoreUnavailable(err)) return { status: 503, message: 'the server cannot reach its database for now; try again in a moment', code: 'busy' }
  const e = (err ?? {}) as LibraryError
  switch (e.type) {
    case 'entity.parse.failed': return { status: 400, message: 'body is not valid JSON' }
    case 'entity.too.large': return { status: 413, message: 'body too large' }
    case 'charset.unsupported': return { status: 415, message: `the body must be UTF-8 (charset ${JSON.stringify(e.charset ?? '')} is not supported)` }
    case 'encoding.unsupported': return { status: 415, message: 'unsupported Content-Encoding (send the body uncompressed, gzip or deflate)' }
    case 'request.aborted': return { status: 400, message: 'request aborted' }
    case 'request.size.invalid': return { status: 400, message: 'request size did not match Content-Length' }
  }
  const status = e.status ?? e.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, message: e.expose && e.message ? e.message : 'bad request' }
  return null
}

/**
 * Express middleware: 415 for a body whose declared charset is not UTF-8
 * (body-parser would decode some of them, e.g. utf-7, into other text).
 */
export function requireUtf8(req: Request, _res: Response, next: NextFunction): void {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')
  const charset = m?.[1]?.toLowerCase()
  if (charset && charset !== 'utf-8' && charset !== 'utf8') next(Object.assign(new Error('unsupported charset'), { type: 'charset.unsupported', charset }))
  else next()
}

/**
 * Express middleware: 400 for an address holding a NUL (`%00`, in the path
 * or the query): no id, reference or name has one, and PostgreSQL's text
 * cannot hold it (a document id ending in `%00` was a 500 with a stack in
 * the log: the fourteenth probe). Raw NUL bytes never get past Node's parser.
 */
export function refuseNulInAddress(req: Request, _res: Response, next: NextFunction): void {
  if (/%00/i.test(req.originalUrl)) next(new HttpError(400, 'the address holds a NUL character (%00), which is not text', 'bad-shape'))
  else next()
}

/** Express error middleware answering `{error}` JSON; unexpected errors are logged with their stack, a store that cannot serve with its message. */
export function errorHandler(logger: Logger = consoleLogger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = describeHttpError(err)
    if (!known) logger.error('request failed', { method: req.method, path: req.originalUrl.slice(0, 200), error: (err as Error)?.stack ?? String(err) })
    else if (isStoreUnavailable(err)) logger.warn('request refused: the store cannot serve for now', { method: req.method, path: req.originalUrl.slice(0, 200), error: (err as Error).message.slice(0, 300) })
    const { status, message, code } = known ?? { status: 500, message: 'internal error' }
    if (res.headersSent) { res.destroy(); return }
    if (err instanceof HttpError && err.retryAfter !== undefined) res.set('Retry-After', String(err.retryAfter))
    else if (status === 503) res.set('Retry-After', '5')
    const params = err instanceof HttpError ? err.params : undefined
    res.status(status).json({ error: message, ...(code ? { code } : {}), ...(params ? { params } : {}) })
  }
}
