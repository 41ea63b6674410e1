/** What the API routes share: dependencies, the signed-in user, errors. */
import type { Hocuspocus } from '@hocuspocus/server'
import type { NextFunction, Request, Response } from 'express'
import type { IncomingMessage } from 'node:http'
import type { LoginLimits } from '../auth/login-throttle.js'
import type { Sessions } from '../auth/sessions.js'
import type { Logger } from '../log.js'
import type { WorkPool } from '../work/pool.js'
import type { RateLimiter } from '../extensions/rate-limit.js'
import { publicUser, tokenFromHeaders } from '../auth/sessions.js'
import type { Actor, DocumentMeta, Store, User } from '../store/types.js'
import type { StoreHealth } from '../store/store-health.js'
import type { ContentPayer } from '../documents.js'
import { canRead } from '../auth/permissions.js'

/** Dependencies of the API. */
export interface ApiDeps {
  store: Store
  sessions: Sessions
  hocuspocus: Hocuspocus
  /** Who may open a document changed: its open connections follow, here and on other instances (collab/hocuspocus.ts). */
  accessChanged: (documentName: string, meta: DocumentMeta) => void
  sessionTtlMs: number
  /** The address a request comes from (forwarded by a trusted proxy, http/client-address.ts; default: Express's `req.ip`). */
  clientAddress?: ((request: IncomingMessage) => string) | undefined
  /** Limits on failed sign-ins (defaults: DEFAULT_LOGIN_LIMITS). */
  loginLimits?: Partial<LoginLimits> | undefined
  /** Worker threads for imports, comparisons and exports. */
  work: WorkPool
  /** Where unexpected errors are reported (default: stderr). */
  logger?: Logger | undefined
  /** The largest encoded state of a document, bytes (`MAX_DOCUMENT_BYTES`): every new document is held to it. */
  maxDocumentBytes?: number | undefined
  /** Each user's share of the event loop's time, ms (shared with the checks of their changes); routes that work on the loop pay from it. */
  loopTime?: RateLimiter | undefined
  /** Whether the store answers (`/api/health`; default: one of its own, asking `store`). */
  storeHealth?: StoreHealth | undefined
  /** Each user's budget of checkpoint bytes (shared with their sessions' checkpoints, extensions/checkpoints.ts); restores pay from it. */
  checkpointBytes?: RateLimiter | undefined
  /** Bytes of one account's answers that may wait unread before its next request is refused (api/unread-answers.ts; default 64 MiB). */
  unreadAnswerBytesPerUser?: number | undefined
}

/** Per share of time: the users with such work running now (one at a time each, so that requests sent together cannot all pass before the first is paid). */
const running = new WeakMap<RateLimiter, Set<string>>()

/**
 * Runs `work` for `user` when they have time left on the event loop and
 * nothing else of theirs paid this way is running, and charges them the time
 * it took (one request may overdraw; the next waits); otherwise a 429 that
 * says when to try again, before any work.
 */
export async function onUsersTime<T>(deps: ApiDeps, user: User, work: () => Promise<T>): Promise<T> {
  const share = deps.loopTime
  if (!share) return work()
  let busy = running.get(share)
  if (!busy) running.set(share, busy = new Set())
  const wait = busy.has(user.id) ? 1 : share.secondsUntilAny(user.id)
  if (wait > 0) throw new HttpError(429, `your requests have taken the server's time for now; try again in ${Math.ceil(wait)} s`, 'over-time-share', Math.max(1, Math.ceil(wait)))
  busy.add(user.id)
  const started = performance.now()
  try { return await work() } finally { busy.delete(user.id); share.spend(user.id, performance.now() - started) }
}

import { HttpError, describeHttpError } from '../http/errors.js'
export { HttpError }

/**
 * The payer of a content made for `user`'s request (documents.ts
 * `ContentPayer`): from their share of loop time; a user whose share is
 * spent is refused (429 with Retry-After) before anything is made. Without
 * a share (no `loopTime`), nobody pays.
 */
export function loopTimePayer(deps: ApiDeps, user: User): ContentPayer | undefined {
  const share = deps.loopTime
  if (!share) return undefined
  return {
    mayMake() {
      const wait = share.secondsUntilAny(user.id)
      if (wait > 0) throw new HttpError(429, `your requests have taken the server's time for now; try again in ${Math.ceil(wait)} s`, 'over-time-share', Math.max(1, Math.ceil(wait)))
    },
    made(ms) { share.spend(user.id, ms) }
  }
}

/**
 * What creating a document from a request's content threw, as the API
 * answers it: an error it already knows keeps its answer (a document past
 * the size limit: 413), anything else (a text that is no resolution) is a
 * 400 with its message.
 */
export function asBadRequest(e: unknown): Error {
  return describeHttpError(e) ? e as Error : new HttpError(400, (e as Error).message)
}

/** The signed-in user of a request (set by `requireUser`). */
export function userOf(res: Response): User {
  return res.locals.user as User
}

/** The document `id` if the request's user may read it; otherwise 404, as for a document that does not exist. */
export async function readableDocument(deps: ApiDeps, res: Response, id: string): Promise<DocumentMeta> {
  const doc = await deps.store.getDocument(id)
  if (!doc || !canRead(userOf(res), doc)) throw new HttpError(404, 'no such document', 'no-document')
  return doc
}

/** The user as an actor. */
export function actorOf(user: User): Actor {
  return { name: user.name, delegation: user.delegation }
}

/** Middleware: 401 unless the request carries a valid session. */
export function requireUser(deps: ApiDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const user = await deps.sessions.userOf(tokenFromHeaders(req.headers))
    if (!user) { res.status(401).json({ error: 'not signed in or session expired' }); return }
    res.locals.user = publicUser(user)
    next()
  }
}

/** A required non-empty string field of a JSON body. */
export function stringField(body: unknown, name: string, max = 500): string {
  const v = (body as Record<string, unknown> | undefined)?.[name]
  if (typeof v !== 'string' || !v.trim()) throw new HttpError(400, `"${name}" must be a non-empty string`)
  if (v.length > max) throw new HttpError(400, `"${name}" is too long`)
  return v.trim()
}
