/**
 * A bound on the time an answer may wait unread. A client that asks for a
 * large answer (a document, a compilation of a hundred MB) and stops
 * reading holds the answer's bytes in the server for as long as its
 * connection stays open: the eighth probe's twelve paused sockets grew the
 * server from 0.7 to 1.9 GB. Answers whose bytes still wait to be written
 * are looked at by one sweep every second; a connection whose waiting bytes
 * have not gone down for `stallMs` is closed, and the bytes freed. The bytes
 * waiting are those of the socket's stream and of its handle's write queue:
 * an answer is handed over in one piece, which the stream counts whole
 * until the last byte is written, so that a steady reader of a large answer
 * over a slow link showed no progress (the ninth probe's, cut off after
 * 60 s), while the handle's queue goes down as the client reads.
 * (Requests being worked on have written nothing yet and are not looked at:
 * the request time limits and the work pool's bound those.)
 */
import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** Default time an answer may make no progress, ms. */
export const DEFAULT_RESPONSE_STALL_MS = 60_000

const SWEEP_EVERY_MS = 1000

/** Closes the connections of `server` whose answer has waited unread for `stallMs`; returns a function that stops the sweep. */
export function closeStalledAnswers(server: Server, stallMs: number): () => void {
  /** Sockets with an answer still being written: the bytes that waited at the last progress, and when that was. */
  const writing = new Map<Socket, { waiting: number; since: number }>()
  const watch = (res: ServerResponse) => {
    const socket = res.socket
    if (!socket || res.writableFinished) return
    writing.set(socket, { waiting: waitingBytes(socket), since: Date.now() })
    const done = () => writing.delete(socket)
    res.once('finish', done)
    res.once('close', done)
  }
  // from the moment the whole answer is handed over: until then the request is being worked on
  server.on('request', (_req, res: ServerResponse) => { onceHandedOver(res, () => watch(res)) })
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [socket, seen] of writing) {
      if (socket.destroyed) { writing.delete(socket); continue }
      const waiting = waitingBytes(socket)
      if (waiting === 0 || waiting !== seen.waiting) { seen.waiting = waiting; seen.since = now; continue }
      if (now - seen.since >= stallMs) { writing.delete(socket); socket.destroy() }
    }
  }, Math.min(SWEEP_EVERY_MS, stallMs))
  sweep.unref()
  return () => clearInterval(sweep)
}

/** Calls `then` once the whole of `res`'s answer is handed over (its `end` called), the answer then waiting to be written. */
export function onceHandedOver(res: ServerResponse, then: () => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.end = ((...args: unknown[]) => { const r = end(...args); then(); return r }) as typeof res.end
}

/** The bytes `socket` has still to write: its stream's, or, when larger, its handle's write queue (libuv's, which goes down as the peer reads). */
export function waitingBytes(socket: Socket): number {
  const queued = (socket as Socket & { _handle?: { writeQueueSize?: unknown } | null })._handle?.writeQueueSize
  return typeof queued === 'number' && queued > 0 ? queued : socket.writableLength
}
