/**
 * The bytes of one account's answers that may wait unread in the server.
 * An answer handed over is held until the client has read it; the stall
 * sweep (http/stalled-answers.ts) closes a connection that reads nothing,
 * but a client reading a little now and then makes progress. A reviewer
 * asking again and again for a compilation of 75 MB (made afresh for each
 * request: too large to be shared) and reading each answer a millisecond
 * every 20 s grew the server from 0.6 to 3.1 GB in two minutes, in buffers
 * outside the heap that the memory check does not see (a fuzzing helper).
 *
 * The bytes still waiting on each socket that carries one of the account's
 * answers are added up when it asks again: past `maxBytes`, the request is
 * refused (503 busy, Retry-After) before any work is done for it. An
 * account holds at most `maxBytes` and one answer more; the collaboration
 * sockets have their own bound (collab/unread-bytes.ts).
 */
import type { Socket } from 'node:net'
import type { Request, Response } from 'express'
import { onceHandedOver, waitingBytes } from '../http/stalled-answers.js'
import { userOf } from './context.js'

/** Default bytes of one account's answers that may wait unread: as much as its collaboration sockets may. */
export const DEFAULT_UNREAD_ANSWER_BYTES_PER_USER = 64 * 1024 * 1024

/** Seconds a refused request is told to wait (a large answer takes a few seconds to read). */
const RETRY_AFTER_S = 5

/** Middleware bounding each signed-in account's unread answers to `maxBytes`; see the module comment. */
export function unreadAnswers(maxBytes: number): (req: Request, res: Response, next: () => void) => void {
  /** The sockets of each account's answers handed over and not yet written whole. */
  const writing = new Map<string, Set<Socket>>()
  const unread = (user: string): number => {
    let bytes = 0
    for (const socket of writing.get(user) ?? []) bytes += socket.destroyed ? 0 : waitingBytes(socket)
    return bytes
  }
  const watch = (user: string, res: Response): void => {
    const socket = res.socket
    if (!socket || res.writableFinished) return
    let sockets = writing.get(user)
    if (!sockets) writing.set(user, sockets = new Set())
    sockets.add(socket)
    const done = () => {
      sockets.delete(socket)
      if (sockets.size === 0 && writing.get(user) === sockets) writing.delete(user)
    }
    res.once('finish', done)
    res.once('close', done)
  }
  return (_req, res, next) => {
    const user = userOf(res).id
    const waiting = unread(user)
    if (waiting >= maxBytes) {
      res.status(503).set('Retry-After', String(RETRY_AFTER_S)).json({
        error: `your earlier answers (${Math.round(waiting / 1024 / 1024)} MB) still wait to be read; ask again once they are`, code: 'busy'
      })
      return
    }
    onceHandedOver(res, () => watch(user, res))
    next()
  }
}
