/**
 * What is sent to the collaboration sockets and waits unread, bounded per
 * socket and per account. A socket that does not read (a client that has
 * stopped reading, or one that asks and never takes the answer) keeps in
 * the server's memory everything sent to it; the bound per socket alone let
 * one account hold it many times over: its 100 connections, each under the
 * bound, held 100 times as much (the twenty-second probe: 30 sockets of one
 * drafter that never read, 360 MB after 16 MB of her own typing). So:
 *
 * - a socket with more than `perSocket` bytes waiting is ended;
 * - an account whose sockets together have more than `perUser` waiting has
 *   those with the most waiting ended until it is under (a socket that
 *   reads has little waiting: it stays);
 * - when all sockets together have more than `total` waiting, those with the
 *   most waiting are ended until it is under: accounts acting together, each
 *   within its bound, held the server's memory outside the heap, which the
 *   memory pressure (memory-pressure.ts) does not read;
 *
 * looked at once the current work is done after anything is sent to a
 * socket (a change relayed, an answer, another instance's change), when the
 * socket sends, and by a sweep (`sweep`) for what grows unseen.
 */
import type WebSocket from 'ws'
import type { Logger } from '../log.js'

/** The bounds (bytes). */
export interface UnreadBounds {
  /** What may wait for one socket. */
  perSocket: number
  /** What may wait for one account's sockets together. */
  perUser: number
  /** What may wait for all sockets together. */
  total: number
}

/** Bytes past which a socket is ended (32 MiB: four whole documents of the largest size, on their way to a slow reader). */
export const DEFAULT_MAX_UNREAD_BYTES = 32 * 1024 * 1024
/** Bytes past which an account's sockets with the most waiting are ended (two sockets' worth). */
export const DEFAULT_MAX_UNREAD_BYTES_PER_USER = 2 * DEFAULT_MAX_UNREAD_BYTES
/** Bytes past which the server's sockets with the most waiting are ended (eight accounts' worth). */
export const DEFAULT_MAX_UNREAD_BYTES_TOTAL = 8 * DEFAULT_MAX_UNREAD_BYTES_PER_USER
/** A socket sent to with less than this waiting does not make the server add up what waits for all (they read). */
const READING = 64 * 1024

/** The unread bytes of every socket, per account. */
export class UnreadBytes {
  /** Every socket watched, until it closes. */
  private readonly watched = new Set<WebSocket>()
  /** The accounts (user names) each socket has opened documents for (a socket may carry several). */
  private readonly usersOf = new Map<WebSocket, Set<string>>()
  /** The sockets of each account. */
  private readonly socketsOf = new Map<string, Set<WebSocket>>()
  private readonly addressOf = new WeakMap<WebSocket, string>()
  /** Sockets sent something since the last look. */
  private readonly sentTo = new Set<WebSocket>()
  private lookScheduled = false

  constructor(private readonly bounds: UnreadBounds, private readonly logger: Logger) {}

  /** Watches what is sent to `ws` (from `address`) from now on, until it closes. */
  watch(ws: WebSocket, address: string): void {
    this.addressOf.set(ws, address)
    this.watched.add(ws)
    const send = ws.send.bind(ws) as (...args: unknown[]) => void
    ws.send = ((...args: unknown[]) => { send(...args); this.sent(ws) }) as typeof ws.send
    ws.once('close', () => this.forget(ws))
  }

  /** `ws` carries a document opened by the account named `user`: it counts towards that account's bound. */
  belongsTo(ws: WebSocket, user: string): void {
    if (ws.readyState !== ws.OPEN) return
    let users = this.usersOf.get(ws)
    if (!users) this.usersOf.set(ws, users = new Set())
    users.add(user)
    let sockets = this.socketsOf.get(user)
    if (!sockets) this.socketsOf.set(user, sockets = new Set())
    sockets.add(ws)
  }

  /** Ends `ws` when more than the bound per socket waits for it, or its accounts' sockets past theirs; true when this ended `ws`. */
  endIfUnread(ws: WebSocket): boolean {
    if (this.endIfOver(ws)) return true
    const open = ws.readyState === ws.OPEN
    for (const user of this.usersOf.get(ws) ?? []) this.boundUser(user)
    return open && ws.readyState !== ws.OPEN
  }

  /** Looks at every socket and every account (`sockets`: all open ones). */
  sweep(sockets: Iterable<WebSocket>): void {
    for (const ws of sockets) this.endIfOver(ws)
    for (const user of [...this.socketsOf.keys()]) this.boundUser(user)
    this.boundTotal()
  }

  private sent(ws: WebSocket): void {
    this.sentTo.add(ws)
    if (this.lookScheduled) return
    this.lookScheduled = true
    // once the current work is done: a change relayed to all of a document's sockets is looked at once
    process.nextTick(this.lookAtSent)
  }

  private readonly lookAtSent = (): void => {
    this.lookScheduled = false
    const users = new Set<string>()
    let unreading = false
    for (const ws of this.sentTo) {
      unreading ||= ws.bufferedAmount >= READING
      this.endIfOver(ws)
      for (const user of this.usersOf.get(ws) ?? []) users.add(user)
    }
    this.sentTo.clear()
    for (const user of users) this.boundUser(user)
    if (unreading) this.boundTotal()
  }

  private endIfOver(ws: WebSocket): boolean {
    if (ws.readyState !== ws.OPEN || ws.bufferedAmount <= this.bounds.perSocket) return false
    this.end(ws, 'websocket closed: it does not read what it is sent', { unread: ws.bufferedAmount })
    return true
  }

  /** Ends the sockets of `user` with the most waiting until what waits for them together is within the bound. */
  private boundUser(user: string): void {
    const done = this.endMostWaiting(this.socketsOf.get(user) ?? [], this.bounds.perUser, 'websocket closed: its account\'s connections do not read what they are sent', total => ({ user, accountUnread: total }))
    if (done) this.logger.info('connections of one account ended for what waited unread', { user, ended: done.ended, accountUnread: done.total })
  }

  /** Ends the sockets with the most waiting until what waits for all of them together is within the bound. */
  private boundTotal(): void {
    const done = this.endMostWaiting(this.watched, this.bounds.total, 'websocket closed: the server\'s connections do not read what they are sent', total => ({ serverUnread: total }))
    if (done) this.logger.info('connections ended for what waited unread on the whole server', { ended: done.ended, serverUnread: done.total })
  }

  /**
   * Ends the open ones of `sockets` with the most waiting, each logged as `why`
   * with `fields`, until what waits for them together is within `bound`; how
   * many it ended and what waited for them all before, or null when within.
   */
  private endMostWaiting(sockets: Iterable<WebSocket>, bound: number, why: string, fields: (total: number) => Record<string, string | number>): { ended: number; total: number } | null {
    const open = [...sockets].filter(ws => ws.readyState === ws.OPEN)
    let unread = open.reduce((n, ws) => n + ws.bufferedAmount, 0)
    if (unread <= bound) return null
    const total = unread
    let ended = 0
    for (const ws of open.sort((a, b) => b.bufferedAmount - a.bufferedAmount)) {
      if (unread <= bound) break
      unread -= ws.bufferedAmount
      this.end(ws, why, { ...fields(total), unread: ws.bufferedAmount })
      ended++
    }
    return { ended, total }
  }

  private end(ws: WebSocket, why: string, fields: Record<string, string | number>): void {
    this.logger.warn(why, { address: this.addressOf.get(ws) ?? '?', ...fields })
    ws.terminate()
    this.forget(ws)
  }

  private forget(ws: WebSocket): void {
    this.watched.delete(ws)
    this.sentTo.delete(ws)
    for (const user of this.usersOf.get(ws) ?? []) {
      const sockets = this.socketsOf.get(user)
      sockets?.delete(ws)
      if (sockets?.size === 0) this.socketsOf.delete(user)
    }
    this.usersOf.delete(ws)
  }
}
