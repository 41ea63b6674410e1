/**
 * What one user's changes may cost the server, each a token bucket per user
 * (`RateLimiter`): the time their checks take on the event loop (shared with
 * the API's heavy requests, api/context.ts `onUsersTime`), the new Yjs
 * clients they bring, the bytes they add to the update log, the bracket
 * operations they make and the whole documents they are answered with. Validation (validation.ts) spends them; past one, the
 * user's change is throttled and sent again later.
 */
import { RateLimiter } from './rate-limit.js'

/** The budgets' settings (every one has a default). */
export interface UserBudgetOptions {
  /**
   * Time the checks may take for one user's changes, ms per second sustained and in one burst
   * (default 250 and 2,000). A change that is not plain typing, and every change a reviewer
   * sends, is checked on a copy of the document, on the event loop: past the budget, the
   * user's next change is refused as rate-limited, and sent again later.
   */
  checkBudget?: { msPerSecond: number; burstMs: number } | undefined
  /** The budget itself, when the server shares it with other work on the event loop (then `checkBudget` is not read). */
  loopTime?: RateLimiter | undefined
  /** New Yjs clients (editing sessions) one user's changes may bring, per second and in one burst (default one in 30 s, 128). */
  sessionsPerUser?: { perSecond: number; burst: number } | undefined
  /**
   * Bytes of one user's changes the server stores, per second sustained and in one burst (default
   * 512 KiB and 16 MiB, twice the largest document): every accepted change is appended to the update
   * log, so a client inserting and deleting a large run of text over and over (cheap to check, and
   * leaving the document as it was) made the store write 35 MB a second.
   */
  storedBytesPerUser?: { perSecond: number; burst: number } | undefined
  /**
   * Bracket operations (an option added, dropped or agreed on) one user's changes may make, per second
   * sustained and in one burst (default one a second and 300): each is a row of the activity log, and a
   * drafter adding and dropping their own option over and over wrote 270 rows a second.
   */
  bracketOperationsPerUser?: { perSecond: number; burst: number } | undefined
  /**
   * Bytes of whole documents the server may answer one user's requests with, per second sustained and in one
   * burst (default 4 MiB and 64 MiB: eight of the largest documents at once): a SyncStep1 is answered with all
   * the asker lacks, encoded on the event loop and queued to the socket, and 400 of them in one write on a
   * 5.8 MB document held the loop 30 s and queued 2 GB. Each is counted at the document's size.
   */
  answerBytesPerUser?: { perSecond: number; burst: number } | undefined
}

/** The budget settings among `options` (a server's or a collaboration core's), and nothing else: handed on as they are. */
export function budgetOptions(options: UserBudgetOptions): UserBudgetOptions {
  const { checkBudget, loopTime, sessionsPerUser, storedBytesPerUser, bracketOperationsPerUser, answerBytesPerUser } = options
  return { checkBudget, loopTime, sessionsPerUser, storedBytesPerUser, bracketOperationsPerUser, answerBytesPerUser }
}

/** The per-user budget of time on the event loop (ms): `checkBudget`, default 250 ms a second and 2,000 at once. */
export function loopTimeBudget(budget: { msPerSecond: number; burstMs: number } | undefined): RateLimiter {
  return new RateLimiter(budget?.msPerSecond ?? 250, budget?.burstMs ?? 2000)
}

/** The budgets of every user, by user id (or socket id for a connection without one). */
export class UserBudgets {
  /** The time their changes' checks may still take, ms. */
  readonly checkTime: RateLimiter
  /**
   * The new Yjs clients (editing sessions: each page or tab is one) their changes may still bring. Crafted
   * updates from thousands of clients, each passing every check on its own, made a document take 27 s to
   * load (Yjs integrates a stored document client by client).
   */
  readonly newClients: RateLimiter
  /** The bytes their changes may still add to the update log. */
  readonly storedBytes: RateLimiter
  /** The bracket operations their changes may still make. */
  readonly bracketOperations: RateLimiter
  /** The bytes of whole documents the server may still answer their requests with. */
  readonly answerBytes: RateLimiter

  constructor(options: UserBudgetOptions = {}) {
    this.checkTime = options.loopTime ?? loopTimeBudget(options.checkBudget)
    this.newClients = new RateLimiter(options.sessionsPerUser?.perSecond ?? 1 / 30, options.sessionsPerUser?.burst ?? 128)
    this.storedBytes = new RateLimiter(options.storedBytesPerUser?.perSecond ?? 512 * 1024, options.storedBytesPerUser?.burst ?? 16 * 1024 * 1024)
    this.bracketOperations = new RateLimiter(options.bracketOperationsPerUser?.perSecond ?? 1, options.bracketOperationsPerUser?.burst ?? 300)
    this.answerBytes = new RateLimiter(options.answerBytesPerUser?.perSecond ?? 4 * 1024 * 1024, options.answerBytesPerUser?.burst ?? 64 * 1024 * 1024)
  }
}
