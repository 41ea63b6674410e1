/**
 * Uploads one account may have in flight to the import routes (a Word or
 * text file, a text import's JSON). Their bodies are held in memory while
 * they arrive (20 MB and 6 MB at most, after decompression: a gzip body of
 * 19 KB inflates to 19 MB), and a request may take two minutes to arrive;
 * the work pool's share of jobs per user is only looked at once a body is
 * whole. Past the limit an upload is refused (503) before its body is read,
 * and its connection closed: one Secretariat account holding uploads
 * stalled just short of their end had the server hold 19 MB for each, as
 * many as its connections (256 from one address).
 */
import type { Request, Response } from 'express'
import { HttpError, userOf } from './context.js'

/** Seconds a refused upload is told to wait (an upload in flight takes about as long to arrive and be read). */
const RETRY_AFTER_S = 5

/**
 * Middleware counting each user's uploads from their headers to their
 * answer (or the connection's end): past `perUser` at once, 503 `busy` with
 * Retry-After, the body unread. One counter for every route it is used on.
 */
export function importUploads(perUser: number): (req: Request, res: Response, next: () => void) => void {
  const inFlight = new Map<string, number>()
  return (_req, res, next) => {
    const user = userOf(res).id
    const held = inFlight.get(user) ?? 0
    if (held >= perUser) {
      res.set('Connection', 'close')
      throw new HttpError(503, `you have ${held} imports on their way to the server already; send the next once one is answered`, 'busy', RETRY_AFTER_S)
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
