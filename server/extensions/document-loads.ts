/**
 * Loading a document from the store (applying its update log, then
 * answering the opener with the whole document) is work on the event loop,
 * a few hundred ms for one near the size limit, made by the opening that
 * finds it not loaded. Such loads take turns across the server:
 *
 * - one at a time, and never two in one turn of the event loop: the next
 *   starts after a turn in which timers, keystrokes and HTTP requests are
 *   served. With the embedded store a load ends within the callback that
 *   began it, so "one at a time per user" alone did not space them: the
 *   thirteenth probe's drafter sent 24 openings in one write and the server
 *   loaded all 24 in one turn, 4.2 s in which it served nothing else;
 * - a user's next load waits three times as long as their last took (their
 *   loads take at most a quarter of the event loop's time), and a user may
 *   have a few openings waiting (`waitingPerUser`), past which, or once
 *   their share of loop time (user-budgets.ts) is spent, an opening is
 *   refused as busy and the page tries again a moment later;
 * - what a load took, from applying the stored updates to the end of the
 *   work that followed in the same callback (answering the opener with the
 *   whole document), is paid from the opener's share of loop time.
 *
 * Openings wait in the order they came, so a user opening documents over
 * and over does not keep the others' openings out. The sixth probe's
 * drafter opened thirty large documents at once and held everyone's
 * keystrokes up for 7 to 9 s.
 */
import type { RateLimiter } from './rate-limit.js'

/** The settings of the turns (every one has a default). */
export interface DocumentLoadOptions {
  /** A user's next load waits this many times as long as their last took (default 3: a quarter of the loop). */
  userSpacing?: number
  /** Openings one user may have waiting or loading (default 4); more are refused as busy. */
  waitingPerUser?: number
  /** Longest wait for a turn, ms (default 10,000); past it the opening is refused as busy. */
  maxWaitMs?: number
  /** A turn granted and neither loaded nor released within this long is taken back, ms (default 10,000). */
  turnTimeoutMs?: number
}

interface Waiting {
  userId: string
  document: string
  since: number
  resolve(granted: boolean): void
  /** Other openings of the same document, waiting with it (they load nothing more: Hocuspocus loads a document once). */
  followers: ((granted: boolean) => void)[]
}

interface Turn {
  userId: string
  document: string
  /** Set once its load has begun: the turn then ends when the turn of the event loop that loaded it has. */
  loading: boolean
  timer: NodeJS.Timeout
}

/** The loads of documents, taking turns. */
export class DocumentLoads {
  private readonly userSpacing: number
  private readonly waitingPerUser: number
  private readonly maxWaitMs: number
  private readonly turnTimeoutMs: number
  private readonly queue: Waiting[] = []
  /** Openings waiting or loading, per user. */
  private readonly perUser = new Map<string, number>()
  /** When each user's next load may start (Date.now() ms). */
  private readonly notBefore = new Map<string, number>()
  private turn: Turn | null = null
  /** A pump is scheduled (the next turn of the event loop, or when the first waiting user may load). */
  private pumpScheduled = false
  private pumpTimer: NodeJS.Timeout | null = null

  constructor(private readonly loopTime: RateLimiter, options: DocumentLoadOptions = {}) {
    this.userSpacing = options.userSpacing ?? 3
    this.waitingPerUser = options.waitingPerUser ?? 4
    this.maxWaitMs = options.maxWaitMs ?? 10_000
    this.turnTimeoutMs = options.turnTimeoutMs ?? 10_000
  }

  /**
   * Waits for `userId`'s turn to load `document`: true once it is theirs
   * (the load must follow: `loading`, or `release` when none was needed),
   * false when they have too many openings waiting, no loop time left, or
   * waited too long (the opening is then refused as busy, and made again later).
   */
  wait(userId: string, document: string): Promise<boolean> {
    // the document is being loaded: this opening waits for that load (Hocuspocus's)
    if (this.turn?.document === document) return Promise.resolve(true)
    const leader = this.queue.find(w => w.document === document)
    if (leader) return new Promise<boolean>(resolve => leader.followers.push(resolve))
    const now = Date.now()
    if (!this.loopTime.hasAny(userId, now) || (this.perUser.get(userId) ?? 0) >= this.waitingPerUser) return Promise.resolve(false)
    this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1)
    return new Promise<boolean>(resolve => {
      const w: Waiting = { userId, document, since: now, followers: [], resolve: granted => {
        if (!granted) this.leave(userId)
        resolve(granted)
        for (const f of w.followers) f(granted)
      } }
      this.queue.push(w)
      this.pump()
    })
  }

  /**
   * The load of `document` begins now (at `startedAt`, performance.now()), made by an opening of
   * `userId`'s: its turn ends once the work that follows in this callback is done, and `userId` pays it.
   */
  loading(userId: string, document: string, startedAt = performance.now()): void {
    const turn = this.turn
    if (!turn || turn.document !== document || turn.loading) return
    turn.loading = true
    // What follows the load in the callback that made it (answering the opener with the whole document: its
    // hooks run as microtasks) is part of its cost: a tick queued from a microtask runs once they have drained.
    // The next load waits for the next turn of the event loop (pump).
    queueMicrotask(() => process.nextTick(() => {
      const took = performance.now() - startedAt
      this.loopTime.spend(userId, took)
      this.notBefore.set(userId, Date.now() + this.userSpacing * took)
      this.end(turn)
    }))
  }

  /** An opening of `document` is done without loading it (someone else had): its turn, if it has one, ends now. */
  release(document: string): void {
    const turn = this.turn
    if (turn && turn.document === document && !turn.loading) this.end(turn)
  }

  private end(turn: Turn): void {
    if (this.turn !== turn) return
    clearTimeout(turn.timer)
    this.turn = null
    this.leave(turn.userId)
    this.pump()
  }

  private leave(userId: string): void {
    const n = (this.perUser.get(userId) ?? 1) - 1
    if (n > 0) this.perUser.set(userId, n)
    else this.perUser.delete(userId)
  }

  /** Gives the next turn, in the next turn of the event loop (never two loads in one). */
  private pump(): void {
    if (this.pumpScheduled) return
    this.pumpScheduled = true
    setImmediate(() => { this.pumpScheduled = false; this.next() })
  }

  private next(): void {
    if (this.pumpTimer) { clearTimeout(this.pumpTimer); this.pumpTimer = null }
    const now = Date.now()
    // waited too long, or their loop time is spent meanwhile: refused
    for (let i = 0; i < this.queue.length;) {
      const w = this.queue[i]!
      if (now - w.since > this.maxWaitMs || !this.loopTime.hasAny(w.userId, now)) { this.queue.splice(i, 1); w.resolve(false) } else i++
    }
    for (const [user, at] of this.notBefore) if (at <= now) this.notBefore.delete(user)
    if (this.turn) return
    let soonest = Infinity
    const k = this.queue.findIndex(w => {
      const at = this.notBefore.get(w.userId) ?? 0
      if (at <= now) return true
      soonest = Math.min(soonest, at)
      return false
    })
    if (k < 0) {
      if (soonest < Infinity) { this.pumpTimer = setTimeout(() => this.pump(), soonest - now); this.pumpTimer.unref() }
      return
    }
    const [w] = this.queue.splice(k, 1)
    const turn: Turn = { userId: w!.userId, document: w!.document, loading: false, timer: setTimeout(() => this.end(turn), this.turnTimeoutMs) }
    turn.timer.unref()
    this.turn = turn
    w!.resolve(true)
  }
}
