/**
 * Whether the store answers, as `/api/health` reports it to a monitor or a
 * proxy's health check: an instance whose store fails cannot keep what its
 * delegates type (their changes are not applied until it can), and should be
 * taken out of rotation until it is back.
 *
 * Two signs, either enough:
 * - a write the store refused (an update or a snapshot: a full disk,
 *   PostgreSQL away), until a write succeeds again: a delegate's, or the
 *   check's own (a write round trip, made instead of a read while a write
 *   is refused: a read would not tell a full disk, and without its own
 *   write the check said failing for as long as nobody wrote, which an
 *   instance taken out of rotation never is: the nineteenth probe's stayed
 *   503 with PostgreSQL back);
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

/** What a round trip to the store does: reads, or writes (one small row, rewritten each time). */
export type RoundTripKind = 'read' | 'write'

/** A round trip made (or under way), which health requests share. */
interface RoundTrip {
  readonly outcome: Promise<StoreState>
  /** When it ended (Infinity while under way). */
  endedAt: number
  readonly kind: RoundTripKind
  /** How many writes had been refused when it began. */
  readonly refusedBefore: number
}

/** The store's health; see the module comment. */
export class StoreHealth {
  private readonly timeoutMs: number
  private readonly reuseMs: number
  /** Whether the last write failed (and none succeeded since). */
  private writeFailing = false
  /** Writes refused so far: a write round trip taken clears `writeFailing` only if none was refused after it began. */
  private writesRefused = 0
  /** The last round trip (or the one under way). */
  private trip: RoundTrip | null = null
  /** Since when a round trip is under way (at most one is, but for those abandoned), or null. */
  private pingingSince: number | null = null

  /** `ping` makes one round trip to the store of the kind asked, rejecting when it fails (`Store.ping`). */
  constructor(private readonly ping: (kind: RoundTripKind) => Promise<unknown>, options: StoreHealthOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000
    this.reuseMs = options.reuseMs ?? 2000
  }

  /** A write the store refused. */
  writeFailed(): void { this.writeFailing = true; this.writesRefused++ }

  /** A write the store took (what the check's own write said before it is past). */
  writeSucceeded(): void {
    this.writeFailing = false
    if (this.trip?.kind === 'write' && this.trip.endedAt !== Infinity) this.trip = null
  }

  /**
   * The store's state now, as a round trip says (shared, bounded in time):
   * a read, or while a write is refused a write, which only one begun after
   * the last refusal answers (a write answers for a read too).
   */
  async state(): Promise<StoreState> {
    const trip = this.trip
    const recent = trip !== null && performance.now() - trip.endedAt < this.reuseMs
    const answers = recent && (!this.writeFailing || (trip.kind === 'write' && trip.refusedBefore === this.writesRefused))
    if (answers) return trip.outcome
    return this.roundTrip(this.writeFailing ? 'write' : 'read')
  }

  private roundTrip(kind: RoundTripKind): Promise<StoreState> {
    // a round trip that outlived its time-out and is still under way (a store that hangs) is not joined by
    // another, unless it has been under way for ABANDON_AFTER time-outs (a query nothing will ever answer)
    const now = performance.now()
    if (this.pingingSince !== null && now - this.pingingSince < ABANDON_AFTER * this.timeoutMs) return Promise.resolve('failing')
    const since = this.pingingSince = now
    const refusedBefore = this.writesRefused
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<StoreState>(resolve => { timer = setTimeout(() => resolve('failing'), this.timeoutMs) })
    const answered = Promise.resolve(kind).then(this.ping).then((): StoreState => {
      // the store took the check's own write: it takes writes again, unless one was refused since this began
      if (kind === 'write' && this.writesRefused === refusedBefore) this.writeFailing = false
      return 'ok'
    }, (): StoreState => 'failing').finally(() => { if (this.pingingSince === since) this.pingingSince = null })
    const trip: RoundTrip = { outcome: Promise.race([answered, late]).finally(() => { clearTimeout(timer); trip.endedAt = performance.now() }), endedAt: Infinity, kind, refusedBefore }
    this.trip = trip
    return trip.outcome
  }
}
