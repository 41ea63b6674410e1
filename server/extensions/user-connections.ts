/**
 * The document connections each account holds, bounded (the thirteenth
 * probe: one account held 815 signed-in sockets on one document from eight
 * addresses, a peer's keystrokes took twice as long, and with enough
 * addresses one account could take every file handle of the server; the
 * limit per address does not bound an account).
 *
 * A connection holds a place from its authentication (`reserve`) until it
 * closes (`release`), so that openings sent together cannot all pass
 * before the first is counted. Hocuspocus tells of a close only for a
 * connection that was set up, so a place whose connection is never set up
 * (its document failed to load) is given back after `SETUP_MS`.
 * Authentication (authentication.ts) refuses an opening past the limit as
 * busy: the page tries again a moment later.
 */

/** Document connections one account may hold at once, by default: far more than a person's tabs. */
export const DEFAULT_MAX_CONNECTIONS_PER_USER = 100

/** Longest time from authentication to the connection being set up, ms; a place held longer without it is given back. */
const SETUP_MS = 30_000

/** The places held per account; see the module comment. */
export class UserConnections {
  /** Per user: the key of each connection holding a place (socket and document), and its set-up timer until set up. */
  private readonly held = new Map<string, Map<string, NodeJS.Timeout | null>>()

  constructor(private readonly max: number = DEFAULT_MAX_CONNECTIONS_PER_USER) {}

  /** Takes a place for the connection `key` of `userId`; false when the account holds `max` already. */
  reserve(userId: string, key: string): boolean {
    let places = this.held.get(userId)
    if (!places) this.held.set(userId, places = new Map())
    if (places.has(key)) return true
    if (places.size >= this.max) return false
    const timer = setTimeout(() => { if (places.get(key) === timer) this.release(userId, key) }, SETUP_MS)
    timer.unref()
    places.set(key, timer)
    return true
  }

  /** The connection `key` is set up: it keeps its place until it closes. */
  setUp(userId: string, key: string): void {
    const places = this.held.get(userId)
    const timer = places?.get(key)
    if (timer) { clearTimeout(timer); places!.set(key, null) }
  }

  /** The connection `key` closed (or never was set up): its place is free. */
  release(userId: string, key: string): void {
    const places = this.held.get(userId)
    if (!places) return
    const timer = places.get(key)
    if (timer) clearTimeout(timer)
    places.delete(key)
    if (places.size === 0) this.held.delete(userId)
  }

  /** How many places `userId` holds. */
  heldBy(userId: string): number {
    return this.held.get(userId)?.size ?? 0
  }
}
