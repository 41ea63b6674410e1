/**
 * Work taken in turns across accounts. At most `atOnce` pieces of work run
 * at a time; when one ends, the next to run is the waiting work of the
 * account whose last turn began longest ago, the earliest of that
 * account's. An account with nothing running or waiting has had no turn,
 * so it goes before every account that has; among those that have had
 * none, the one that came first goes first.
 *
 * So an account's queued or long-running work holds another account's
 * single request up by the work running when it came and by one turn of
 * each other account waiting, never by that account's own queue. First
 * come, first served let a drafter's two PDFs of the worst kind (each
 * stopped at the time limit, 30 s) keep a delegate's one-page PDF, asked
 * for a moment later, waiting about 60 s.
 *
 * The turns bound nothing themselves: what may wait is bounded where work
 * is admitted (api/pdf-admission.ts for the PDF printer).
 */

interface Waiting {
  readonly account: string
  readonly begin: () => void
}

/** Work run `atOnce` at a time, taken in turns across accounts; see the module comment. */
export class AccountTurns {
  private running = 0
  /** Work waiting for its turn, in the order it came. */
  private readonly waiting: Waiting[] = []
  /** Work running or waiting, per account. */
  private readonly held = new Map<string, number>()
  /** The number of the last turn each account was given, while it holds work (forgotten once it holds none). */
  private readonly lastTurn = new Map<string, number>()
  private turnsGiven = 0

  /** `atOnce`: pieces of work that run at the same time (1: one printer printing one PDF). */
  constructor(private readonly atOnce = 1) {}

  /** Work running and waiting now (for tests and health). */
  get state(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  /**
   * Runs `work` in `account`'s turn and gives its result. When `signal`
   * aborts before the turn comes, the work leaves the line unrun and the
   * promise rejects with the signal's reason; once running, the work itself
   * answers for the signal.
   */
  async run<T>(account: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted()
    this.held.set(account, (this.held.get(account) ?? 0) + 1)
    try {
      await this.turn(account, signal)
    } catch (e) {
      this.letGo(account)
      throw e
    }
    try {
      return await work()
    } finally {
      this.running--
      this.letGo(account)
      this.next()
    }
  }

  /** Resolves when `account`'s work may run (counted as running from then); rejects when `signal` aborts first. */
  private turn(account: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const gone = () => {
        const at = this.waiting.indexOf(waiting)
        if (at >= 0) this.waiting.splice(at, 1)
        reject(signal!.reason)
      }
      const waiting: Waiting = { account, begin: () => { signal?.removeEventListener('abort', gone); resolve() } }
      signal?.addEventListener('abort', gone, { once: true })
      this.waiting.push(waiting)
      this.next()
    })
  }

  /** Gives free turns: to the account whose last turn is the oldest (none at all: oldest), then the earliest to come. */
  private next(): void {
    while (this.running < this.atOnce && this.waiting.length > 0) {
      let pick = 0
      for (let k = 1; k < this.waiting.length; k++) {
        if (this.lastTurnOf(this.waiting[k]!.account) < this.lastTurnOf(this.waiting[pick]!.account)) pick = k
      }
      const [chosen] = this.waiting.splice(pick, 1)
      this.running++
      this.lastTurn.set(chosen!.account, ++this.turnsGiven)
      chosen!.begin()
    }
  }

  private lastTurnOf(account: string): number {
    return this.lastTurn.get(account) ?? 0
  }

  /** One piece of `account`'s work is done or gone: an account holding none is forgotten (it has had no turn). */
  private letGo(account: string): void {
    const left = (this.held.get(account) ?? 1) - 1
    if (left > 0) { this.held.set(account, left); return }
    this.held.delete(account)
    this.lastTurn.delete(account)
  }
}
