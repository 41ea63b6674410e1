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
 * While the heap is tight, what an account sends that would fill it further
 * waits when the account made as much of the load as any other, on average,
 * or more (loaded-shares.ts); past the full share, whoever sends it: an
 * update that adds content is held back as rate-limited (the page sends it
 * again, validation.ts), and an opening that would load a document is
 * refused as busy (the page opens again a moment later, authentication.ts).
 * Deletions, comments read, and documents already loaded go on. The figure
 * is read at most every `CHECK_MS`.
 */
import v8 from 'node:v8'
import { LoadedShares } from './loaded-shares.js'

/** The share of the heap limit in use, from 0 to 1. */
export type MemoryGauge = () => number

/** The heap's share in use, as V8 counts it (garbage not yet collected included). */
export const heapShare: MemoryGauge = () => {
  const s = v8.getHeapStatistics()
  return s.used_heap_size / s.heap_size_limit
}

/** The share of the heap limit past which the server sheds load, by default. */
export const DEFAULT_TIGHT_SHARE = 0.75

/** The share of the heap limit past which no opening loads a document, whoever made the load so far. */
export const FULL_SHARE = 0.9

/** How long one reading of the gauge serves, ms. */
const CHECK_MS = 200

/** The server's memory pressure; see the module comment. */
export class MemoryPressure {
  /** Who made each loaded document load (the persistence extension tells it). */
  readonly shares = new LoadedShares()
  private readAt = -Infinity
  private last = 0

  constructor(private readonly gauge: MemoryGauge = heapShare, private readonly tightShare: number = DEFAULT_TIGHT_SHARE) {}

  /** The heap's share in use, read again at most every CHECK_MS. */
  private share(): number {
    const now = performance.now()
    if (now - this.readAt >= CHECK_MS) {
      this.readAt = now
      this.last = this.gauge()
    }
    return this.last
  }

  /** Whether `userId` may add to what the heap holds now (load a document, add content): memory is not tight, or not full and the account holds less than its share. */
  allowsGrowthBy(userId: string): boolean {
    const share = this.share()
    if (share <= this.tightShare) return true
    return share <= Math.max(FULL_SHARE, this.tightShare) && !this.shares.atOrAboveFairShare(userId)
  }
}
