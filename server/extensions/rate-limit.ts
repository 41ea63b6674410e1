/**
 * Rate limits: a token bucket per connection for messages (the extension)
 * and per client IP for new WebSocket connections (`RateLimiter`, used by
 * the HTTP upgrade handler).
 */
import type { Connection, Extension, beforeHandleMessagePayload } from '@hocuspocus/server'
import { REFUSED_RATE, refuse } from '../collab/refusal.js'
import type { Logger } from '../log.js'

/** A token bucket per key: `burst` tokens, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  constructor(private readonly perSecond: number, private readonly burst: number) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, now = Date.now()): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond)
    b.at = now
    const ok = b.tokens >= 1
    if (ok) b.tokens -= 1
    this.buckets.set(key, b)
    if (this.buckets.size > 10_000) this.sweep(now)
    return ok
  }

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
}

/** Refuses (and disconnects) a connection sending messages faster than allowed. */
export class MessageRateLimit implements Extension {
  extensionName = 'resdraft-rate-limit'
  priority = 300
  private readonly perSecond: number
  private readonly burst: number
  private readonly buckets = new WeakMap<Connection, { tokens: number; at: number }>()

  constructor(options: MessageRateOptions = {}, private readonly logger?: Logger) {
    this.perSecond = options.perSecond ?? 100
    this.burst = options.burst ?? 400
  }

  async beforeHandleMessage({ connection, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    const now = Date.now()
    const b = this.buckets.get(connection) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond)
    b.at = now
    this.buckets.set(connection, b)
    if (b.tokens < 1) {
      const user = (context as { user?: { username?: string; delegation?: string } }).user
      this.logger?.warn('message refused', { document: documentName, user: user?.username, delegation: user?.delegation, code: REFUSED_RATE, reason: 'rate-limited' })
      const refusal = refuse(connection, REFUSED_RATE, 'rate-limited: too many messages')
      // The whole socket: a provider whose document connection alone is closed never opens it again
      // and would hold its changes for ever; on a new socket (after its backoff) it syncs and sends them.
      connection.webSocket.close(1013, 'rate-limited: reconnect and send again')
      throw refusal
    }
    b.tokens -= 1
  }
}
