/**
 * Write coalescing for the collaboration sockets. Updates are acknowledged
 * and relayed in bursts (the appends committed together resolve together),
 * and each relayed frame would otherwise cost its own write system call per
 * peer. While such a burst runs, the sockets of the document's connections
 * are corked; they are uncorked as soon as the current run of microtasks
 * has drained (a `process.nextTick` queued from a microtask runs only then),
 * so the frames for one peer leave in one write and nothing waits for a
 * later event-loop turn.
 */
import type { Duplex } from 'node:stream'

const sockets = new WeakMap<object, Duplex>()
let corked: Duplex[] | null = null

function uncorkAll(): void {
  const list = corked ?? []
  corked = null
  for (const s of list) s.uncork()
}

/** Remembers the network socket under a WebSocket (called at the HTTP upgrade). */
export function registerSocket(webSocket: object, socket: Duplex): void {
  sockets.set(webSocket, socket)
}

/** Corks the sockets of these WebSockets (those registered) until the current microtasks have run. */
export function corkUntilDrained(webSockets: Iterable<object>): void {
  for (const ws of webSockets) {
    const s = sockets.get(ws)
    if (!s || s.writableCorked > 0 || s.destroyed) continue
    if (!corked) { corked = []; process.nextTick(uncorkAll) }
    s.cork()
    corked.push(s)
  }
}
