/**
 * Whether the store answers, as `/api/health` reports it to a monitor or a
 * proxy's health check: an instance whose store fails cannot keep what its
 * delegates type (their changes are not applied until it can), and should be
 * taken out of rotation until it is back.
 *
 * Two signs, either enough:
 * - a write the store refused (an update or a snapshot: a full disk,
 *   PostgreSQL away), until a write succeeds again; a read would not tell a
 *   full disk;
 * - a round trip (`Store.ping`) that fails or takes longer than `timeoutMs`,
 *   for a store nobody writes to now. One round trip serves every request
 *   asking during it and for `reuseMs` after it, and no other starts while
 *   one is under way (a store that hangs) but every fifteen time-outs, so
 *   that health requests, which anyone may send, cost a hanging store one
 *   more waiting query every 30 s at most.
 */

/** How many time-outs a round trip may stay under way before another is made beside it. */
const ABANDON_AFTER = 15

/** What the health check says of the store. */
export type StoreState = 'ok' | 'failing'

/** Options of a StoreHealth. */
export interface StoreHealthOptions {
  /** Longest a round trip may take before the store counts as failing, ms (default 2 s). */
  timeoutMs?: number
  /** How long a round trip's outcome is reused, ms (default 2 s). */
  reuseMs?: number
}

/** The store's health; see the module comment. */
export class StoreHealth {
  private readonly timeoutMs: number
  private readonly reuseMs: number
  /** Whether the last write failed (and none succeeded since). */
  private writeFailing = false
  /** The last round trip (or the one under way) and when it ended (Infinity while under way). */
  private trip: { readonly outcome: Promise<StoreState>; endedAt: number } | null = null
  /** Since when a round trip is under way (at most one is, but for those abandoned), or null. */
  private pingingSince: number | null = null

  /** `ping` makes one round trip to the store, rejecting when it fails. */
  constructor(private readonly ping: () => Promise<unknown>, options: StoreHealthOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000
    this.reuseMs = options.reuseMs ?? 2000
  }

  /** A write the store refused. */
  writeFailed(): void { this.writeFailing = true }

  /** A write the store took. */
  writeSucceeded(): void { this.writeFailing = false }

  /** The store's state now: failing after a refused write, else what a round trip (shared, bounded in time) says. */
  async state(): Promise<StoreState> {
    if (this.writeFailing) return 'failing'
    const trip = this.trip
    if (trip && performance.now() - trip.endedAt < this.reuseMs) return trip.outcome
    return this.roundTrip()
  }

  private roundTrip(): Promise<StoreState> {
    // a round trip that outlived its time-out and is still under way (a store that hangs) is not joined by
    // another, unless it has been under way for ABANDON_AFTER time-outs (a query nothing will ever answer)
    const now = performance.now()
    if (this.pingingSince !== null && now - this.pingingSince < ABANDON_AFTER * this.timeoutMs) return Promise.resolve('failing')
    const since = this.pingingSince = now
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<StoreState>(resolve => { timer = setTimeout(() => resolve('failing'), this.timeoutMs) })
    const answered = Promise.resolve().then(this.ping).then((): StoreState => 'ok', (): StoreState => 'failing')
      .finally(() => { if (this.pingingSince === since) this.pingingSince = null })
    const trip = { outcome: Promise.race([answered, late]).finally(() => { clearTimeout(timer); trip.endedAt = performance.now() }), endedAt: Infinity }
    this.trip = trip
    return trip.outcome
  }
}
