/**
 * The editor's side of the comparison worker: sends the current text (only
 * the top-level children that changed since the last request), receives the
 * revision document (only the children that changed since the last answer)
 * and resolves with it. At most one request is in flight; the amendment
 * view asks again when the text has moved on meanwhile.
 */
import type { Node } from 'prosemirror-model'
import { resolutionSchema as schema } from '../../schema/index.js'
import type { ComparePort, CompareReply } from './compare-service.js'
import { NodePacker, Unpacker, nextTask } from './compare-transfer.js'

/** What the worker answered, with where the editor's thread spent time. */
export interface WorkerComparison {
  doc: Node
  summary: unknown
  /** Milliseconds: the longest slice of packing the request and of unpacking the answer (on the editor's thread, each slice a task of its own), and the comparison (in the worker). */
  ms: { send: number; receive: number; worker: number }
}

/** The part of a Worker this needs (a Worker, or `inProcessWorker` in tests). */
export type WorkerPort = ComparePort

/** A comparer of texts against `base` that compares in `worker`. */
export class WorkerComparer {
  private packer = new NodePacker()
  private received = new Unpacker(schema)
  private seq = 0
  private waiting: { seq: number; sendMs: number; resolve: (c: WorkerComparison) => void; reject: (e: Error) => void } | null = null

  constructor(private readonly worker: WorkerPort, base: Node) {
    worker.addEventListener('message', e => this.receive(e.data))
    worker.postMessage({ type: 'base', base: base.toJSON() })
  }

  /** Whether a comparison is under way. */
  get busy(): boolean { return this.waiting !== null }

  /** Compares `current` with the base in the worker (one at a time: refused while busy). */
  compare(current: Node): Promise<WorkerComparison> {
    if (this.waiting) return Promise.reject(new Error('a comparison is already under way'))
    return new Promise((resolve, reject) => {
      const seq = ++this.seq
      const waiting = { seq, sendMs: 0, resolve, reject }
      this.waiting = waiting
      // Packed in slices (the first request carries the whole text), then posted.
      this.packer.packSliced(current).then(({ packed, longestMs }) => {
        if (this.waiting !== waiting) return   // stopped meanwhile
        const t0 = performance.now()
        this.worker.postMessage({ type: 'compare', seq, doc: packed })
        waiting.sendMs = Math.max(longestMs, performance.now() - t0)
      }, (e: unknown) => { if (this.waiting === waiting) { this.waiting = null; reject(e as Error) } })
    })
  }

  /** Stops the worker. */
  destroy(): void {
    this.worker.terminate?.()
    this.waiting?.reject(new Error('comparer stopped'))
    this.waiting = null
  }

  private receive(reply: CompareReply): void {
    const waiting = this.waiting
    if (!waiting || reply.seq !== waiting.seq) return
    if (reply.type === 'error') { this.waiting = null; waiting.reject(new Error(reply.message)); return }
    // Built in slices, so that a large answer does not hold the page for longer than a frame (still busy meanwhile).
    // The answer is handed over in a task of its own, so that the editor's work on it (the marks) does not add to the last slice's.
    this.received.unpackSliced(reply.revision).then(
      ({ doc, longestMs }) => nextTask().then(() => { this.waiting = null; waiting.resolve({ doc, summary: reply.summary, ms: { send: waiting.sendMs, receive: longestMs, worker: reply.ms } }) }),
      (e: unknown) => { this.waiting = null; waiting.reject(e as Error) })
  }
}

/** A comparer in a new Web Worker, or null where there are no workers. */
export function startWorkerComparer(base: Node): WorkerComparer | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new WorkerComparer(new Worker(new URL('./compare-worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort, base)
  } catch { return null }
}
