/**
 * Whether the server's heap is nearly full, so that it sheds what would
 * fill it further instead of running out of memory and stopping. Live
 * documents are the server's memory: a Yjs document takes about 9 times its
 * encoded size in the heap for ordinary text and 18 times when built from
 * one-character pieces, so one account holding a hundred documents of the
 * 8 MiB a document may reach would need 7 GB against a heap of about 4 GB
 * (a hostile probe). Per-account budgets bound how fast an account
 * writes, not what all accounts keep loaded together.
 *
 * While the heap is tight, an opening that would load a document is refused
 * as busy (the page opens again a moment later, authentication.ts), and an
 * update that adds content is held back as rate-limited (the page sends it
 * again, validation.ts); deletions, comments read, and documents already
 * loaded go on. The figure is read at most every `CHECK_MS`.
 */
import v8 from 'node:v8'

/** The share of the heap limit in use, from 0 to 1. */
export type MemoryGauge = () => number

/** The heap's share in use, as V8 counts it (garbage not yet collected included). */
export const heapShare: MemoryGauge = () => {
  const s = v8.getHeapStatistics()
  return s.used_heap_size / s.heap_size_limit
}

/** The share of the heap limit past which the server sheds load, by default. */
export const DEFAULT_TIGHT_SHARE = 0.75

/** How long one reading of the gauge serves, ms. */
const CHECK_MS = 200

/** The server's memory pressure; see the module comment. */
export class MemoryPressure {
  private readAt = -Infinity
  private last = false

  constructor(private readonly gauge: MemoryGauge = heapShare, private readonly tightShare: number = DEFAULT_TIGHT_SHARE) {}

  /** Whether the heap is past its tight share (read again at most every CHECK_MS). */
  tight(): boolean {
    const now = performance.now()
    if (now - this.readAt >= CHECK_MS) {
      this.readAt = now
      this.last = this.gauge() > this.tightShare
    }
    return this.last
  }
}
