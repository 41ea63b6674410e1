/**
 * Heavy API work (text import, comparison, export) runs in worker threads
 * so that the event loop keeps answering `/api/health`, sign-ins and the
 * collaboration sockets. A small pool: `size` workers, at most `queue`
 * jobs waiting (more are refused at once with WorkBusyError), at most
 * `perOwner` of one user's running and waiting (likewise), and each job
 * limited to `timeoutMs`, after which its worker is terminated and
 * replaced (WorkTimeoutError). Workers start on first use. A free worker
 * takes the waiting job of the owner who has had the least worker time
 * lately (`USAGE_HALF_LIFE_MS`), so that one user's run of long jobs
 * holds another's export up by one job at most, not by the queue.
 */
import { Worker } from 'node:worker_threads'
import type { JobName, Jobs } from './jobs.js'
import type { JobMessage, ResultMessage } from './worker.js'

/** Options of the pool. */
export interface WorkPoolOptions {
  /**
   * Worker threads (default 2, started when needed): one user's long jobs take one of them at most, the
   * last free one is kept for users with nothing running (`mayStart`).
   */
  size?: number
  /** Jobs that may wait for a worker (default 8). */
  queue?: number
  /** Longest a job may run, ms (default 30 s). */
  timeoutMs?: number
  /** Largest JavaScript heap a worker may use, MB (default DEFAULT_WORK_MEMORY_MB); a job past it is stopped. */
  memoryMb?: number
  /** Jobs one owner (a user) may have running and waiting at once (default 2), so that nobody holds the whole pool. */
  perOwner?: number
}

/**
 * Heap of a worker by default, MB: bounded so that no request can take the
 * machine's memory (left to itself a worker may grow as large as the
 * server's own heap, gigabytes on a large machine). The largest documents
 * the input limits admit stay well under it: the largest text import and
 * its comparison run in a quarter of it (server/work/pool.test.ts), and a
 * Word file of 94 MB of XML in 4 million runs (the zip limits' worst)
 * reads in it. A job that passes it is stopped (WorkMemoryError), unless it
 * passes it in one allocation larger than the 16 MB of headroom Node gives a
 * worker to stop: then V8 stops the whole process. The input limits are
 * what keep documents far from that.
 */
export const DEFAULT_WORK_MEMORY_MB = 1024

/** The job's own error, thrown in the worker: `name` is the library's error name (ImportLimitError ...). */
export class WorkError extends Error {
  readonly limit: string | undefined
  readonly line: number | undefined
  /** What is wrong with a file the job read (a DocxInputError's or ResolutionFileError's `problem`). */
  readonly problem: string | undefined
  /** What the file holds, as numbers (a DocxImportError's `counts`). */
  readonly counts: Readonly<Record<string, number>> | undefined
  constructor(name: string, message: string, limit?: string, line?: number, problem?: string, counts?: Record<string, number>) {
    super(message)
    this.name = name
    this.limit = limit
    this.line = line
    this.problem = problem
    this.counts = counts
  }
}

/** The pool's queue is full, or its owner's share of it. */
export class WorkBusyError extends Error {
  constructor(ownShare?: number) {
    super(ownShare === undefined
      ? 'the server is busy with other imports, comparisons or exports; try again in a few seconds'
      : `the server is still working on ${ownShare} of your own imports, comparisons or exports; try again when one is done`)
    this.name = 'WorkBusyError'
  }
}

/** A job that needed more memory than a worker may use (the worker is stopped and replaced). */
export class WorkMemoryError extends Error {
  constructor(readonly memoryMb: number) { super(`the work needed more than ${memoryMb} MB of memory and was stopped; the document is too large or too complex`); this.name = 'WorkMemoryError' }
}

/** A job ran past the time limit (its worker was replaced). */
export class WorkTimeoutError extends Error {
  constructor(readonly timeoutMs: number) { super(`the work took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; the document is too large or too complex`); this.name = 'WorkTimeoutError' }
}

/** A job: `owner` asked for it (their share holds it); `alsoFor` are other users waiting for the same result. */
interface Pending { id: number; name: JobName; input: unknown; owner: string | undefined; alsoFor: string[]; resolve(v: unknown): void; reject(e: Error): void }
interface Slot { worker: Worker; ready: Promise<void>; job: Pending | null; timer: NodeJS.Timeout | null; startedAt: number }

/** How fast an owner's past worker time stops counting against their next job, ms (it halves in this time). */
const USAGE_HALF_LIFE_MS = 60_000

const entry = new URL('./worker.ts', import.meta.url).href
// The worker is TypeScript: it registers tsx's loader before importing it (as `node --import tsx` does for the server).
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`

/** The pool. */
export class WorkPool {
  private readonly size: number
  private readonly queueLimit: number
  private readonly timeoutMs: number
  private readonly memoryMb: number
  private readonly perOwner: number
  /** Jobs running and waiting, per owner. */
  private readonly owned = new Map<string, number>()
  private readonly slots: Slot[] = []
  private readonly waiting: Pending[] = []
  /** Worker time each owner has had lately, ms, as of `at` (decaying). */
  private readonly usage = new Map<string, { ms: number; at: number }>()
  /** The waiting job each promise `run` gave is the result of. */
  private readonly pendingOf = new WeakMap<Promise<unknown>, Pending>()
  private nextId = 1
  private closed = false

  constructor(options: WorkPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 2)
    this.queueLimit = Math.max(0, options.queue ?? 8)
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.memoryMb = options.memoryMb ?? DEFAULT_WORK_MEMORY_MB
    this.perOwner = Math.max(1, options.perOwner ?? 2)
  }

  /**
   * Runs a job in a worker; rejects with WorkError, WorkBusyError or
   * WorkTimeoutError. An `owner` (a user's id) may have `perOwner` jobs at
   * once; past it their next job is refused at once.
   */
  run<K extends JobName>(name: K, input: Jobs[K]['input'], owner?: string): Promise<Jobs[K]['output']> {
    if (this.closed) return Promise.reject(new Error('the work pool is closed'))
    if (owner === undefined) return this.enqueue(name, input, undefined)
    const held = this.owned.get(owner) ?? 0
    if (held >= this.perOwner) return Promise.reject(new WorkBusyError(held))
    this.owned.set(owner, held + 1)
    const done = () => { const n = (this.owned.get(owner) ?? 1) - 1; if (n > 0) this.owned.set(owner, n); else this.owned.delete(owner) }
    const job = this.enqueue(name, input, owner)
    job.then(done, done)
    return job
  }

  /**
   * The error `run` would refuse a job of `owner` with now (their share
   * taken, or no worker free and the queue full), or null: asked before
   * the work of gathering a job's input, so that a request refused costs
   * nothing.
   */
  refusalFor(owner?: string): WorkBusyError | null {
    const held = owner === undefined ? 0 : this.owned.get(owner) ?? 0
    if (held >= this.perOwner) return new WorkBusyError(held)
    const free = this.slots.some(s => !s.job) || this.slots.length < this.size
    return !free && this.waiting.length >= this.queueLimit ? new WorkBusyError() : null
  }

  /**
   * Another user waits for the result of `job` (a promise `run` gave): while
   * it waits, it starts as soon as either user could start a job, and goes
   * by whichever has had less of the workers lately. A comparison many ask
   * for is one job (api/shared-answers.ts); without this, joining one that
   * waits behind its first asker's long compilation waited as long (the
   * eighth probe: 31 s for a comparison of 1.7 s). Does nothing for a job
   * that runs or has run.
   */
  alsoFor(job: Promise<unknown>, owner: string): void {
    const pending = this.pendingOf.get(job)
    if (!pending || !this.waiting.includes(pending) || pending.owner === owner || pending.alsoFor.includes(owner)) return
    pending.alsoFor.push(owner)
    this.next()
  }

  private enqueue<K extends JobName>(name: K, input: Jobs[K]['input'], owner: string | undefined): Promise<Jobs[K]['output']> {
    let job!: Pending
    const promise = new Promise<Jobs[K]['output']>((resolve, reject) => {
      job = { id: this.nextId++, name, input, owner, alsoFor: [], resolve: resolve as (v: unknown) => void, reject }
      const free = this.mayStart(job) ? this.freeSlot() : null
      if (free) { this.start(free, job); return }
      if (this.waiting.length >= this.queueLimit) { reject(new WorkBusyError()); return }
      this.waiting.push(job)
    })
    if (this.waiting.includes(job)) this.pendingOf.set(promise, job)
    return promise
  }

  /** Jobs one owner may have running and waiting at once (`perOwner`). */
  get jobsPerOwner(): number {
    return this.perOwner
  }

  /** Jobs running and waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.slots.filter(s => s.job).length, waiting: this.waiting.length }
  }

  /** Stops every worker; running and waiting jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.waiting.splice(0)) job.reject(new Error('the server is shutting down'))
    await Promise.all(this.slots.splice(0).map(slot => this.retire(slot, new Error('the server is shutting down'))))
  }

  private freeSlot(): Slot | null {
    const idle = this.slots.find(s => !s.job)
    if (idle) return idle
    if (this.slots.length < this.size) { const slot = this.spawn(); this.slots.push(slot); return slot }
    return null
  }

  private spawn(): Slot {
    const worker = new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } })
    worker.unref()
    let ready!: () => void
    const slot: Slot = { worker, ready: new Promise(r => { ready = r }), job: null, timer: null, startedAt: 0 }
    worker.on('message', (m: ResultMessage | { ready: true }) => {
      if ('ready' in m) { ready(); return }
      const job = slot.job
      if (!job || job.id !== m.id) return
      this.finish(slot)
      if (m.ok) job.resolve(m.output)
      else job.reject(new WorkError(m.error.name, m.error.message, m.error.limit, m.error.line, m.error.problem, m.error.counts))
    })
    const fail = (e: Error) => {
      this.charge(slot)
      const job = slot.job
      const i = this.slots.indexOf(slot)
      if (i >= 0) this.slots.splice(i, 1)
      if (slot.timer) clearTimeout(slot.timer)
      slot.job = null
      job?.reject(e)
      this.next()
    }
    worker.on('error', e => fail((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkMemoryError(this.memoryMb) : new Error(`the worker failed: ${e.message}`)))
    worker.on('exit', code => { if (this.slots.includes(slot)) fail(new Error(`the worker stopped (exit code ${code})`)) })
    return slot
  }

  private start(slot: Slot, job: Pending): void {
    slot.job = job
    slot.startedAt = performance.now()
    // the time limit starts when the job is handed over, not while the worker loads
    void slot.ready.then(() => {
      if (slot.job !== job) return
      slot.timer = setTimeout(() => {
        this.charge(slot)
        const i = this.slots.indexOf(slot)
        if (i >= 0) this.slots.splice(i, 1)
        void this.retire(slot, new WorkTimeoutError(this.timeoutMs))
        this.next()
      }, this.timeoutMs)
      slot.worker.postMessage({ id: job.id, name: job.name, input: job.input } satisfies JobMessage)
    })
  }

  private finish(slot: Slot): void {
    this.charge(slot)
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    slot.job = null
    this.next()
  }

  private next(): void {
    while (this.waiting.length) {
      const slot = this.freeSlot()
      if (!slot) return
      // the owner who has had the least of the workers lately goes first; among equals, the first to come
      const now = performance.now()
      let pick = -1
      for (let k = 0; k < this.waiting.length; k++) {
        if (!this.mayStart(this.waiting[k]!)) continue
        if (pick < 0 || this.jobUsage(this.waiting[k]!, now) < this.jobUsage(this.waiting[pick]!, now)) pick = k
      }
      if (pick < 0) return
      this.start(slot, this.waiting.splice(pick, 1)[0]!)
    }
  }

  /**
   * Whether `job` may start now: the last free worker is kept for an owner
   * with nothing running, so that one user's run of long jobs never leaves
   * another's waiting for a worker (with one worker, anyone may take it).
   */
  private mayStart(job: Pending): boolean {
    if (job.owner === undefined || this.size === 1) return true
    const busy = this.slots.filter(s => s.job).length
    const lastFree = this.size - busy <= 1
    return !lastFree || [job.owner, ...job.alsoFor].some(owner => !this.slots.some(s => s.job?.owner === owner))
  }

  /** The usage a waiting job goes by: the least of those waiting for it. */
  private jobUsage(job: Pending, now: number): number {
    let least = this.usageOf(job.owner, now)
    for (const owner of job.alsoFor) least = Math.min(least, this.usageOf(owner, now))
    return least
  }

  /** Worker time `owner` has had lately (decayed to `now`), ms; 0 for a job without an owner. */
  private usageOf(owner: string | undefined, now: number): number {
    const u = owner === undefined ? undefined : this.usage.get(owner)
    return u ? u.ms * 0.5 ** ((now - u.at) / USAGE_HALF_LIFE_MS) : 0
  }

  /** Adds the time the slot's job has run to its owner's usage (a job stopped, finished or failed alike). */
  private charge(slot: Slot): void {
    const owner = slot.job?.owner
    if (owner === undefined) return
    const now = performance.now()
    this.usage.set(owner, { ms: this.usageOf(owner, now) + (now - slot.startedAt), at: now })
    if (this.usage.size > 1000) for (const [k] of this.usage) if (this.usageOf(k, now) < 1) this.usage.delete(k)
  }

  private async retire(slot: Slot, reason: Error): Promise<void> {
    if (slot.timer) clearTimeout(slot.timer)
    const job = slot.job
    slot.job = null
    slot.worker.removeAllListeners('exit')
    job?.reject(reason)
    await slot.worker.terminate()
  }
}
