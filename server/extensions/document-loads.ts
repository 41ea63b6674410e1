/**
 * Loading a document from the store (applying its update log) is work on
 * the event loop, about 300 ms for one near the size limit, made by the
 * opening that finds it not loaded. Each user loads one document at a
 * time, paid from their share of loop time (user-budgets.ts): openings made
 * together do not all pass before the first is paid. The sixth probe's
 * drafter opened thirty large documents at once and held everyone's
 * keystrokes up for 7 to 9 s.
 */
import type { RateLimiter } from './rate-limit.js'

/** How long a reserved load may stay unreleased (an opening that never reached the document), ms. */
const RESERVATION_MS = 10_000

/** The loads of documents in progress, one per user. */
export class DocumentLoads {
  private readonly reserved = new Map<string, { document: string; until: number }>()

  constructor(private readonly loopTime: RateLimiter) {}

  /**
   * Reserves for `userId` the load of `document`: false when they are
   * loading another one now, or have no loop time left (the opening is then
   * refused as busy, and tried again later).
   */
  reserve(userId: string, document: string, now = Date.now()): boolean {
    const held = this.reserved.get(userId)
    if (held && held.until > now && held.document !== document) return false
    if (!this.loopTime.hasAny(userId, now)) return false
    this.reserved.set(userId, { document, until: now + RESERVATION_MS })
    return true
  }

  /** The load of `document` for `userId` is done, or was not needed: pays `ms` of loop time it took. */
  release(userId: string, document: string, ms = 0): void {
    if (ms > 0) this.loopTime.spend(userId, ms)
    if (this.reserved.get(userId)?.document === document) this.reserved.delete(userId)
  }
}
