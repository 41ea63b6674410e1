/**
 * The word diff of one text block with its work bounded by size, never by
 * the clock, so that the same inputs always give the same marks however busy
 * the machine is.
 *
 * diff-match-patch is called with an infinite deadline, which no clock
 * reading can pass. (Its `Diff_Timeout` keeps its default: a positive value is
 * what enables its half-match speed-up, which depends on the texts alone.)
 * Its Myers
 * search costs at most about (n + m)² steps for the n and m tokens left once
 * the common prefix and suffix are set aside; while that is within the
 * budget, its diff is used as it is. Above the budget the block is
 * first aligned by the patience diff (fallback-diff.ts: tokens unique on both
 * sides anchor it, O(n log n)); each gap between anchors is then diffed by
 * diff-match-patch when it fits the budget, and left as one deleted run and
 * one inserted run when it does not. The result is then `bounded`: correct,
 * deterministic, possibly coarser than a minimal diff.
 */
import DiffMatchPatch from 'diff-match-patch'
import { patienceDiff } from './fallback-diff.js'

/** Default work budget of one block: (changed tokens of both versions)² ≤ 4·10⁶, i.e. up to 2,000 changed tokens diffed exactly (a few ms). */
export const DEFAULT_DIFF_BUDGET = 4_000_000

/** A diff of two token strings (diff-match-patch's form: -1 deleted, 0 equal, 1 inserted). */
export interface BoundedDiff {
  readonly diffs: [number, string][]
  /** True when the block was over the budget and the patience alignment was used. */
  readonly bounded: boolean
}

/** Tokens of `a` and `b` left once their common prefix and suffix are set aside. */
function changedLength(a: string, b: string): number {
  let p = 0
  while (p < a.length && p < b.length && a.charCodeAt(p) === b.charCodeAt(p)) p++
  let s = 0
  while (s < a.length - p && s < b.length - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++
  return a.length + b.length - 2 * (p + s)
}

const fits = (length: number, budget: number) => length * length <= budget

/** Diffs two token strings (one UTF-16 unit per token) within a work budget; see the module comment. */
export function boundedTokenDiff(a: string, b: string, budget: number = DEFAULT_DIFF_BUDGET): BoundedDiff {
  const dmp = new DiffMatchPatch()
  // within the budget (nearly always): no closure made
  if (fits(changedLength(a, b), budget)) return { diffs: dmp.diff_main(a, b, false, Infinity) as [number, string][], bounded: false }
  const diff = (x: string, y: string) => dmp.diff_main(x, y, false, Infinity) as [number, string][]
  const diffs: [number, string][] = []
  let del = ''
  let ins = ''
  const gap = () => {
    if (del && ins && fits(changedLength(del, ins), budget)) diffs.push(...diff(del, ins))
    else {
      if (del) diffs.push([-1, del])
      if (ins) diffs.push([1, ins])
    }
    del = ''
    ins = ''
  }
  for (const [op, keys] of patienceDiff(a, b)) {
    if (op === 0) { gap(); diffs.push([0, keys]) } else if (op < 0) del += keys
    else ins += keys
  }
  gap()
  return { diffs, bounded: true }
}
