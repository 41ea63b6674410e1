/**
 * A deterministic token diff that aligns a block too large for an exact diff
 * (bounded-diff.ts):
 * patience diff (tokens that occur once on each side anchor the alignment,
 * the longest increasing run of anchors is kept, gaps are diffed the same
 * way) with common prefix/suffix trimming. It is always correct and never
 * depends on the clock; it may be coarser than a minimal diff.
 */
import { longestIncreasingPairs } from './patience.js'

/** One run of a token diff: -1 deleted, 0 equal, 1 inserted, over token keys. */
export type TokenRun = [op: -1 | 0 | 1, keys: string]

/** Diffs two strings of token keys (one UTF-16 unit per token). */
export function patienceDiff(a: string, b: string): TokenRun[] {
  const out: TokenRun[] = []
  const push = (op: -1 | 0 | 1, s: string) => {
    if (!s) return
    const last = out[out.length - 1]
    if (last && last[0] === op) last[1] += s
    else out.push([op, s])
  }
  const walk = (x: string, y: string, depth: number) => {
    let p = 0
    while (p < x.length && p < y.length && x[p] === y[p]) p++
    let s = 0
    while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++
    push(0, x.slice(0, p))
    const xm = x.slice(p, x.length - s)
    const ym = y.slice(p, y.length - s)
    if (xm && ym) {
      const anchors = depth < 64 ? uniqueAnchors(xm, ym) : []
      if (anchors.length === 0) { push(-1, xm); push(1, ym) }
      else {
        let xi = 0
        let yi = 0
        for (const [ai, bi] of anchors) {
          walk(xm.slice(xi, ai), ym.slice(yi, bi), depth + 1)
          push(0, xm[ai]!)
          xi = ai + 1; yi = bi + 1
        }
        walk(xm.slice(xi), ym.slice(yi), depth + 1)
      }
    } else { push(-1, xm); push(1, ym) }
    push(0, x.slice(x.length - s))
  }
  walk(a, b, 0)
  return out
}

/** Pairs of positions of tokens unique on both sides, longest increasing subsequence. */
function uniqueAnchors(x: string, y: string): [number, number][] {
  const count = (s: string) => {
    const m = new Map<string, number>()
    for (let i = 0; i < s.length; i++) m.set(s[i]!, m.has(s[i]!) ? -1 : i)
    return m
  }
  const cx = count(x)
  const cy = count(y)
  const pairs: [number, number][] = []
  for (let i = 0; i < x.length; i++) {
    const pi = cx.get(x[i]!)
    const pj = cy.get(x[i]!)
    if (pi === i && pj !== undefined && pj >= 0) pairs.push([i, pj])
  }
  return longestIncreasingPairs(pairs)
}
