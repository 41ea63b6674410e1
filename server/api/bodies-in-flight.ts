/**
 * Request bodies one account may have on their way to the server at once.
 * A body is held in memory while it arrives, up to its route's limit after
 * decompression (`Content-Encoding: gzip` is read: a body of 1 KB inflates
 * to a megabyte), and a request may take two minutes to arrive; what a
 * route does with it (the work pool's share of jobs per user, a budget) is
 * only looked at once it is whole. Past the limit a request with a body is
 * refused (503) before its body is read, and its connection closed:
 *
 * - file and text imports (20 MB and 6 MB): one Secretariat account holding
 *   uploads stalled just short of their end had the server hold 19 MB for
 *   each, as many as its connections (256 from one address);
 * - any other body of a signed-in user (1 MB): a reviewer holding 40 such
 *   requests, 1 KB of gzip each, had it hold 42 MB, 270 MB from one address.
 */
import type { Request, Response } from 'express'
import { HttpError, userOf } from './context.js'

/** Seconds a refused request is told to wait (one on its way takes about as long to arrive and be answered). */
const RETRY_AFTER_S = 5

/** Whether a request carries a body (announced by its length or sent in chunks). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0'
}

/**
 * Middleware counting each signed-in user's requests with a body, from
 * their headers to their answer (or the connection's end): past `perUser`
 * at once, 503 `busy` with Retry-After, the body unread. `what` names them
 * in the refusal ("imports"). One counter for every route it is used on.
 */
export function bodiesInFlight(perUser: number, what: string): (req: Request, res: Response, next: () => void) => void {
  const inFlight = new Map<string, number>()
  return (req, res, next) => {
    if (!hasBody(req)) { next(); return }
    const user = userOf(res).id
    const held = inFlight.get(user) ?? 0
    if (held >= perUser) {
      res.set('Connection', 'close')
      throw new HttpError(503, `you have ${held} ${what} on their way to the server already; send the next once one is answered`, 'busy', RETRY_AFTER_S)
    }
    inFlight.set(user, held + 1)
    res.once('close', () => {
      const left = (inFlight.get(user) ?? 1) - 1
      if (left > 0) inFlight.set(user, left)
      else inFlight.delete(user)
    })
    next()
  }
}
