/**
 * Patience alignment's core: among pairs (i, j) of elements that occur once
 * on each side, the longest chain increasing in both i and j (a longest
 * increasing subsequence on j after sorting by i), in O(n log n).
 */

/** The longest subsequence of `pairs` (sorted by their first coordinate) whose second coordinates increase. */
export function longestIncreasingPairs(pairs: readonly (readonly [number, number])[]): [number, number][] {
  const tails: number[] = []
  const prev = new Int32Array(pairs.length).fill(-1)
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) { const mid = (lo + hi) >> 1; if (pairs[tails[mid]!]![1] < pairs[k]![1]) lo = mid + 1; else hi = mid }
    if (lo > 0) prev[k] = tails[lo - 1]!
    tails[lo] = k
  }
  const out: [number, number][] = []
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push([pairs[k]![0], pairs[k]![1]])
  return out.reverse()
}
