/**
 * Answers of comparisons and compilations, made once for every request that
 * asks for the same texts with the same options: at an assembly, the
 * reviewers open the same comparison at the same moment, and each request
 * used to be a job of its own (twenty at once: sixteen refused as busy).
 *
 * A key names the texts by their content keys (refs.ts: a version's id, a
 * document's id and the state it is in), so an edited document is compared
 * again; who may read them is checked per request before the key is made.
 * Requests arriving together share one job; answers are kept, as bytes
 * under their own ETag (http/prepared-answer.ts), for the ones asked lately,
 * within a count and a byte bound.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { PreparedAnswer } from '../http/prepared-answer.js'

/** Answers kept at most, and their bytes at most; a larger answer is shared by the requests waiting for it, not kept. */
export const SHARED_ANSWER_LIMITS = { entries: 16, bytes: 64 * 1024 * 1024, oneAnswer: 24 * 1024 * 1024 } as const

/** Makes ETags of one server run differ from another's (a document's state is numbered per run). */
const RUN = randomUUID().slice(0, 8)

/** What a job makes an answer of: the UTF-8 bytes of its JSON text (as the work pool's comparisons and compilations give them). */
export interface MadeAnswer { bytes: Uint8Array }

/** Answers made once per key; see the module comment. */
export class SharedAnswers {
  private readonly entries = new Map<string, Promise<PreparedAnswer>>()
  /** The job each answer being made waits for. */
  private readonly jobs = new Map<string, Promise<MadeAnswer>>()
  private readonly sizes = new Map<string, number>()
  private bytes = 0

  constructor(private readonly limits: { entries: number; bytes: number; oneAnswer: number } = SHARED_ANSWER_LIMITS) {}

  /**
   * The answer kept or being made for `key`; else the bytes of the JSON
   * text `make()`'s job gives (`{ bytes }`, as the work pool's comparisons
   * and compilations give them), made into an answer and kept. A request
   * joining an answer still being made is handed its job (`join`: the pool
   * runs it as soon as the joiner could run one, work/pool.ts `alsoFor`).
   * When the job fails, the requests waiting for it get its error and the
   * next one tries again.
   */
  answer(key: string, make: () => Promise<MadeAnswer>, join?: (job: Promise<MadeAnswer>) => void): Promise<PreparedAnswer> {
    const known = this.entries.get(key)
    if (known) {
      // most recently used last
      this.entries.delete(key)
      this.entries.set(key, known)
      const job = this.jobs.get(key)
      if (job) join?.(job)
      return known
    }
    const job = make()
    this.jobs.set(key, job)
    const made = (async (): Promise<PreparedAnswer> => {
      try {
        const made = await job
        // the bytes a worker encoded are taken as they are (their buffer was transferred): no copy on the event loop
        const body = Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength)
        return { body, etag: `"answer-${RUN}-${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"` }
      } finally { if (this.jobs.get(key) === job) this.jobs.delete(key) }
    })()
    this.entries.set(key, made)
    made.then(answer => this.keep(key, made, answer.body.length), () => this.forget(key, made))
    return made
  }

  /** How many answers are kept or being made. */
  get size(): number {
    return this.entries.size
  }

  /** The bytes of the answers kept. */
  get keptBytes(): number {
    return this.bytes
  }

  private keep(key: string, made: Promise<PreparedAnswer>, size: number): void {
    if (this.entries.get(key) !== made) return
    if (size > this.limits.oneAnswer) { this.forget(key, made); return }
    this.sizes.set(key, size)
    this.bytes += size
    for (const old of [...this.entries.keys()]) {
      if (this.entries.size <= this.limits.entries && this.bytes <= this.limits.bytes) break
      // answers still being made are not counted yet, and stay
      if (this.sizes.has(old)) this.forget(old, this.entries.get(old)!)
    }
  }

  private forget(key: string, made: Promise<PreparedAnswer>): void {
    if (this.entries.get(key) !== made) return
    this.entries.delete(key)
    this.bytes -= this.sizes.get(key) ?? 0
    this.sizes.delete(key)
  }
}
