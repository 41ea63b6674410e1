/**
 * Password checks take turns. A check is a scrypt, which Node runs on
 * libuv's thread pool (four threads unless `UV_THREADPOOL_SIZE` says
 * otherwise), the same threads that read the app's files for every page
 * load. Sign-ins sent together, by a delegate's script or by a room of
 * delegates at nine in the morning, would take every thread, and a page would
 * wait behind all of them (64 sign-ins at a time: 4.5 s for the page).
 *
 * So at most half the pool checks passwords at once; the others wait in
 * turns taken account by account (one waiting check of each account in
 * turn, then the next), so that one account's many attempts do not keep
 * another's waiting. An account has at most a few attempts in the queue
 * (a person clicks twice, not sixty times): past them, and past a bound on
 * all waiting attempts, an attempt is refused at once, before any work.
 */

/** How many checks run and wait. */
export interface PasswordCheckLimits {
  /** Checks running at once. */
  running: number
  /** Attempts of one account running or waiting. */
  perAccount: number
  /** Attempts waiting, over all accounts. */
  waiting: number
}

/** Half the thread pool (at least one), three per account, 256 waiting. */
export function defaultPasswordCheckLimits(): PasswordCheckLimits {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4
  return { running: Math.max(1, Math.floor(pool / 2)), perAccount: 3, waiting: 256 }
}

/** Why an attempt found no place: its account has enough in the queue, or the queue is full. */
export type NoPlace = 'account-busy' | 'server-busy'

/** A place in the queue: `run` is called once, with the work to do in its turn. */
export interface CheckPlace {
  run<T>(check: () => Promise<T>): Promise<T>
}

/** The password checks of one server process; see the module comment. */
export class PasswordChecks {
  private readonly limits: PasswordCheckLimits
  private running = 0
  private waiting = 0
  /** Attempts in the queue or running, by account. */
  private readonly perAccount = new Map<string, number>()
  /** Waiting turns by account, in the order accounts take turns (a Map keeps insertion order). */
  private readonly queues = new Map<string, (() => void)[]>()

  constructor(limits: Partial<PasswordCheckLimits> = {}) {
    this.limits = { ...defaultPasswordCheckLimits(), ...limits }
  }

  /** A place for an attempt to sign in to `account`, or why there is none (decided at once). */
  reserve(account: string): CheckPlace | NoPlace {
    const key = account.trim().toLowerCase()
    const held = this.perAccount.get(key) ?? 0
    if (held >= this.limits.perAccount) return 'account-busy'
    if (this.running >= this.limits.running && this.waiting >= this.limits.waiting) return 'server-busy'
    this.perAccount.set(key, held + 1)
    let used = false
    return {
      run: async <T>(check: () => Promise<T>): Promise<T> => {
        if (used) throw new Error('a place in the password queue is used once')
        used = true
        await this.turn(key)
        try { return await check() } finally { this.release(key) }
      }
    }
  }

  /** Resolves when `key`'s attempt may run (at once when a check may start). */
  private turn(key: string): Promise<void> {
    if (this.running < this.limits.running && this.waiting === 0) { this.running++; return Promise.resolve() }
    this.waiting++
    return new Promise(resolve => {
      const queue = this.queues.get(key)
      if (queue) queue.push(resolve)
      else this.queues.set(key, [resolve])
    })
  }

  private release(key: string): void {
    const held = (this.perAccount.get(key) ?? 1) - 1
    if (held > 0) this.perAccount.set(key, held)
    else this.perAccount.delete(key)
    this.running--
    // the next account in turn: its first waiting attempt runs, and the account goes to the end of the line
    const next = this.queues.entries().next()
    if (next.done) return
    const [account, queue] = next.value
    const start = queue.shift()!
    this.queues.delete(account)
    if (queue.length > 0) this.queues.set(account, queue)
    this.waiting--
    this.running++
    start()
  }
}
