/**
 * Rate limits: token buckets (`RateLimiter`) per socket and per account for
 * messages (the extension), per client IP for new WebSocket connections (the HTTP upgrade
 * handler), and per user for what their changes and heavy requests cost
 * (user-budgets.ts).
 */
import type { Extension, beforeHandleMessagePayload } from '@hocuspocus/server'
import { REFUSED_RATE, droppedUnread, droppingMessages, throttle } from '../collab/refusal.js'
import type { Logger } from '../log.js'

/** A token bucket per key: `burst` tokens, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  constructor(private readonly perSecond: number, private readonly burst: number) {}

  /** The bucket of `key`, refilled up to now. */
  private bucket(key: string, now: number): { tokens: number; at: number } {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond)
    b.at = now
    this.buckets.set(key, b)
    if (this.buckets.size > 10_000) this.sweep(now)
    return b
  }

  /** Takes `count` tokens (default one) for `key`; false, taking none, when the bucket holds fewer. */
  take(key: string, count = 1, now = Date.now()): boolean {
    const b = this.bucket(key, now)
    const ok = b.tokens >= count
    if (ok) b.tokens -= count
    return ok
  }

  /** True while `key` has anything left (`spend` may have left it in debt). */
  hasAny(key: string, now = Date.now()): boolean { return this.bucket(key, now).tokens > 0 }

  /** Seconds until `key` has anything left again (0 when it has). */
  secondsUntilAny(key: string, now = Date.now()): number {
    const b = this.bucket(key, now)
    return b.tokens > 0 ? 0 : -b.tokens / this.perSecond
  }

  /** Spends `amount` of `key`'s tokens, going into debt if need be (paid back at `perSecond`). */
  spend(key: string, amount: number, now = Date.now()): void { this.bucket(key, now).tokens -= amount }

  /** How many keys hold a bucket. */
  get size(): number { return this.buckets.size }

  /** Drops the bucket of `key` (it is made full again when next used). */
  forget(key: string): void { this.buckets.delete(key) }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k)
  }
}

/** Options of the message rate limit. */
export interface MessageRateOptions {
  /** Sustained messages per second per connection (default 100). */
  perSecond?: number
  /** Burst size (default 400). */
  burst?: number
  /** Sustained messages per second of one account's sockets together (default 400). */
  perUserPerSecond?: number
  /** Their burst (default 1600: four sockets' worth, far more than a person's tabs send). */
  perUserBurst?: number
}

/**
 * Refuses (and disconnects) a socket sending messages faster than allowed; drops what a closing socket still sends.
 * A socket's bucket goes when the socket closes: kept until 10,000 buckets were held, the buckets of closed sockets
 * were about 600 bytes each, 3.9 MiB after the soak probe's 6,300 openings.
 */
export class MessageRateLimit implements Extension {
  extensionName = 'resdraft-rate-limit'
  priority = 300
  private readonly limiter: RateLimiter
  /** One bucket per account, for its sockets together: a hundred sockets each within its own rate sent 10,000 messages a second. */
  private readonly perUser: RateLimiter
  /** The sockets whose close drops their bucket. */
  private readonly watched = new WeakSet<object>()

  constructor(options: MessageRateOptions = {}, private readonly logger?: Logger) {
    this.limiter = new RateLimiter(options.perSecond ?? 100, options.burst ?? 400)
    this.perUser = new RateLimiter(options.perUserPerSecond ?? 400, options.perUserBurst ?? 1600)
  }

  /** How many sockets hold a bucket. */
  get socketsHeld(): number { return this.limiter.size }

  async beforeHandleMessage({ connection, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    // a socket the server is closing (throttled), or a document connection it refused a message on, takes nothing
    // more: what was sent before the close was seen is dropped unread, not checked (and refused, and logged) one by one
    if (droppingMessages(connection)) return droppedUnread()
    const { socketId, webSocket } = connection
    if (!this.watched.has(webSocket)) {
      this.watched.add(webSocket)
      webSocket.once('close', () => this.limiter.forget(socketId))
    }
    const user = (context as { user?: { id?: string; username?: string; delegation?: string } }).user
    // the socket's own rate, then (once signed in) its account's, all its sockets together
    if (this.limiter.take(socketId) && (!user?.id || this.perUser.take(user.id))) return
    this.logger?.warn('message refused', { document: documentName, user: user?.username, delegation: user?.delegation, code: REFUSED_RATE, reason: 'rate-limited' })
    throw throttle(connection, 'rate-limited: too many messages')
  }
}
