/**
 * Who gets the printer's places: PDF requests admitted, made to wait their
 * turn, or refused at once.
 *
 * The printer (one Chromium) holds a few PDFs at a time. A user has at most
 * `perUser` of them; the last free place is kept for a user with none. When
 * every place a user could take is taken, the request waits (one per user,
 * a few in all, for `waitMs` at most) and, as places free, the waiting user
 * with the fewest PDFs in flight goes first, the earliest among equals.
 * So users who keep the printer busy between them (the eighth probe's three
 * accounts, each sending again the moment it was answered) are served after
 * anyone who has nothing printing: that user waits for one PDF's printing,
 * not for ever. The rest is refused at once, with Retry-After (503): a
 * user past their own bound (their share in flight, or a request of theirs
 * already waiting) is told that it is their own PDFs the server is making.
 *
 * Admitted PDFs are printed one at a time, in turns across users
 * (export-routes.ts, account-turns.ts).
 */
import { PrinterBusyError } from '../../export/pdf.js'

/** The printer's places and the waiting line's bounds. */
export interface PdfAdmissionLimits {
  /** PDFs printing or queued in the printer, for everyone. */
  places: number
  /** PDFs of one user in flight. */
  perUser: number
  /** Requests waiting for a place, for everyone (one per user). */
  waiting: number
  /** How long a request waits for a place before it is refused. */
  waitMs: number
}

interface Waiter {
  readonly user: string
  readonly admit: () => void
  readonly refuse: (e: Error) => void
}

/** The admission of PDF requests to the printer; see the module comment. */
export class PdfAdmission {
  private readonly inFlight = new Map<string, number>()
  private total = 0
  private readonly line: Waiter[] = []

  constructor(private readonly limits: PdfAdmissionLimits) {}

  /** PDFs in flight now, and requests waiting (for tests and health). */
  get state(): { inFlight: number; waiting: number } {
    return { inFlight: this.total, waiting: this.line.length }
  }

  /**
   * A place for one PDF of `user`: resolves with the function that gives
   * it back (call it once the PDF is printed or given up), at once or after
   * waiting; rejects with PrinterBusyError when it cannot be had, at once or
   * after `waitMs`, or when `signal` aborts while it waits.
   */
  admit(user: string, signal?: AbortSignal): Promise<() => void> {
    const mine = this.inFlight.get(user) ?? 0
    // past the user's own bound: refused saying so (it is their own PDFs the server is busy with)
    if (mine >= this.limits.perUser) return Promise.reject(new PrinterBusyError(mine))
    // no waiting request fits now (the line is served whenever a place frees): one that fits takes it
    if (this.fits(user, this.limits.places - this.total)) return Promise.resolve(this.take(user))
    if (this.line.some(w => w.user === user)) return Promise.reject(new PrinterBusyError(mine + 1))
    if (this.line.length >= this.limits.waiting || signal?.aborted) return Promise.reject(new PrinterBusyError())
    return new Promise((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', gone)
        const at = this.line.indexOf(waiter)
        if (at >= 0) this.line.splice(at, 1)
      }
      const waiter: Waiter = {
        user,
        admit: () => { leave(); resolve(this.take(user)) },
        refuse: e => { leave(); reject(e) }
      }
      const gone = () => waiter.refuse(new PrinterBusyError())
      const timer = setTimeout(gone, this.limits.waitMs)
      signal?.addEventListener('abort', gone, { once: true })
      this.line.push(waiter)
    })
  }

  /** Whether `user` may take one of `free` places now (the last kept for a user with none in flight). */
  private fits(user: string, free: number): boolean {
    const mine = this.inFlight.get(user) ?? 0
    return free > 0 && mine < this.limits.perUser && (free > 1 || mine === 0)
  }

  private take(user: string): () => void {
    this.inFlight.set(user, (this.inFlight.get(user) ?? 0) + 1)
    this.total++
    let released = false
    return () => {
      if (released) return
      released = true
      this.total--
      const left = (this.inFlight.get(user) ?? 1) - 1
      if (left > 0) this.inFlight.set(user, left)
      else this.inFlight.delete(user)
      this.next()
    }
  }

  /** Gives free places to waiting requests that fit: the fewest in flight first, then the earliest. */
  private next(): void {
    for (;;) {
      const free = this.limits.places - this.total
      let best: Waiter | null = null
      for (const w of this.line) {
        if (!this.fits(w.user, free)) continue
        if (!best || (this.inFlight.get(w.user) ?? 0) < (this.inFlight.get(best.user) ?? 0)) best = w
      }
      if (!best) return
      best.admit()
    }
  }
}
