/**
 * Sequence alignment of sibling blocks (sections, provisions, items,
 * paragraphs): a dynamic programme that maximises the total score of matched
 * pairs, keeping order (an LCS generalised to similarity scores). Inserting
 * or deleting one provision therefore never shifts every later pair into a
 * "modified" one. Pairs the scorer rejects (null) are never matched.
 */
import { longestIncreasingPairs } from './patience.js'

/** One step of an alignment: a matched pair, an old-only or a new-only element. */
export type AlignmentStep =
  | { readonly kind: 'match'; readonly oldIndex: number; readonly newIndex: number }
  | { readonly kind: 'delete'; readonly oldIndex: number }
  | { readonly kind: 'insert'; readonly newIndex: number }

/** Scores a pair: higher is better, null when the two may not be matched. */
export type PairScorer = (oldIndex: number, newIndex: number) => number | null

/**
 * Aligns `oldCount` elements with `newCount` elements. `same(i, j)` is a
 * cheap exact-equality test used to trim a common prefix and suffix before
 * the quadratic part. Ties prefer earlier matches; the result is
 * deterministic. Between two matches, deletions come before insertions.
 */
export function alignSequences(oldCount: number, newCount: number, score: PairScorer, same?: (i: number, j: number) => boolean, keys?: SiblingKeys): AlignmentStep[] {
  if (oldCount === 1 && newCount === 1 && same?.(0, 0)) return [{ kind: 'match', oldIndex: 0, newIndex: 0 }]   // what the trimming below would give
  if (keys && oldCount * newCount > ANCHOR_CELLS) {
    // Identical elements (same id, or same text) unique on both sides are matched first, before any scoring:
    // only the stretches between them are aligned by score (bench/diff.bench.ts, light edits).
    // (a first element is anchored only to the other first element: a provision's first paragraph is the provision)
    const anchors = uniqueAnchors(0, oldCount, 0, newCount, keys)
    if (anchors.length > 0 && (anchors[0]![0] === 0) !== (anchors[0]![1] === 0)) anchors.shift()   // only the first anchor can hold a 0
    if (anchors.length > 0) return anchored(anchors, 0, oldCount, 0, newCount, score, same, keys)
  }
  return alignRange(0, oldCount, 0, newCount, score, same, keys)
}

function anchored(anchors: readonly [number, number][], o0: number, o1: number, n0: number, n1: number, score: PairScorer, same?: (i: number, j: number) => boolean, keys?: SiblingKeys): AlignmentStep[] {
  const steps: AlignmentStep[] = []
  let i = o0
  let j = n0
  for (const [ai, aj] of anchors) {
    if (ai > i || aj > j) steps.push(...alignRange(i, ai, j, aj, score, same, keys))
    steps.push({ kind: 'match', oldIndex: ai, newIndex: aj })
    i = ai + 1; j = aj + 1
  }
  steps.push(...alignRange(i, o1, j, n1, score, same, keys))
  return steps
}

/** Exact-content keys of the elements, used to anchor very long sequences. */
export interface SiblingKeys { readonly old: (i: number) => string; readonly new: (j: number) => string }

/** Above this many score cells, identical unique elements are matched before scoring (below, scoring them all is cheaper than keying them). */
const ANCHOR_CELLS = 24

/** Above this many score cells a sequence is first cut at elements with the same unique key on both sides. */
const MAX_CELLS = 40_000

function alignRange(o0: number, o1: number, n0: number, n1: number, score: PairScorer, same?: (i: number, j: number) => boolean, keys?: SiblingKeys): AlignmentStep[] {
  if ((o1 - o0) * (n1 - n0) > MAX_CELLS) {
    const anchors = keys ? uniqueAnchors(o0, o1, n0, n1, keys) : []
    if (anchors.length > 0) return anchored(anchors, o0, o1, n0, n1, score, same, keys)
    // nothing to anchor on: a deterministic coarse alignment (moves are still looked for afterwards)
    const steps: AlignmentStep[] = []
    for (let k = o0; k < o1; k++) steps.push({ kind: 'delete', oldIndex: k })
    for (let k = n0; k < n1; k++) steps.push({ kind: 'insert', newIndex: k })
    return steps
  }
  return alignDense(o0, o1, n0, n1, score, same)
}

/** Elements whose key occurs once on each side, longest run in the same order (patience). */
function uniqueAnchors(o0: number, o1: number, n0: number, n1: number, keys: SiblingKeys): [number, number][] {
  const same = sameUniqueKeys(o0, o1, n0, n1, keys)
  if (same) return same
  const once = (from: number, to: number, key: (i: number) => string) => {
    const m = new Map<string, number>()
    for (let i = from; i < to; i++) { const k = key(i); m.set(k, m.has(k) ? -1 : i) }
    return m
  }
  const a = once(o0, o1, keys.old)
  const b = once(n0, n1, keys.new)
  const pairs: [number, number][] = []
  // in increasing i already: a Map iterates in insertion order, and each key was inserted at its first (here only) index
  for (const [k, i] of a) { const j = b.get(k); if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]) }
  return longestIncreasingPairs(pairs)
}

/** When both sides have the same keys in the same order, all distinct: every element is an anchor (the common case of an unchanged list). */
function sameUniqueKeys(o0: number, o1: number, n0: number, n1: number, keys: SiblingKeys): [number, number][] | null {
  if (o1 - o0 !== n1 - n0) return null
  const seen = new Set<string>()
  for (let k = 0; k < o1 - o0; k++) {
    const key = keys.old(o0 + k)
    if (key !== keys.new(n0 + k) || seen.has(key)) return null
    seen.add(key)
  }
  const pairs: [number, number][] = []
  for (let k = 0; k < o1 - o0; k++) pairs.push([o0 + k, n0 + k])
  return pairs
}

/** The score tables of alignDense, reused from one call to the next (allocating typed arrays costs more than filling them). */
const tables = { best: new Float64Array(256), scores: new Float64Array(256) }

function table(name: keyof typeof tables, size: number, fill: number): Float64Array {
  if (tables[name].length < size) tables[name] = new Float64Array(Math.max(size, tables[name].length * 2))
  return tables[name].fill(fill, 0, size)
}

function alignDense(o0: number, oldEnd: number, n0: number, newEnd: number, score: PairScorer, same?: (i: number, j: number) => boolean): AlignmentStep[] {
  let start = 0
  const oldCount = oldEnd - o0
  const newCount = newEnd - n0
  const eq = same ? (i: number, j: number) => same(o0 + i, n0 + j) : undefined
  while (eq && start < oldCount && start < newCount && eq(start, start)) start++
  let endOld = oldCount
  let endNew = newCount
  while (eq && endOld > start && endNew > start && eq(endOld - 1, endNew - 1)) { endOld--; endNew-- }

  const n = endOld - start
  const m = endNew - start
  const steps: AlignmentStep[] = []
  for (let k = 0; k < start; k++) steps.push({ kind: 'match', oldIndex: k, newIndex: k })

  if (n > 0 && m > 0) {
    // best[i][j]: best total score aligning old[i..] with new[j..]
    const width = m + 1
    const best = table('best', (n + 1) * width, 0)
    const scores = table('scores', n * m, Number.NaN)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        let v = Math.max(best[(i + 1) * width + j]!, best[i * width + j + 1]!)
        const s = score(o0 + start + i, n0 + start + j)
        if (s !== null) {
          scores[i * m + j] = s
          v = Math.max(v, s + best[(i + 1) * width + j + 1]!)
        }
        best[i * width + j] = v
      }
    }
    let i = 0
    let j = 0
    const pendingDel: AlignmentStep[] = []
    const pendingIns: AlignmentStep[] = []
    while (i < n && j < m) {
      const here = best[i * width + j]!
      const s = scores[i * m + j]!
      if (!Number.isNaN(s) && here === s + best[(i + 1) * width + j + 1]!) {
        flushPending(steps, pendingDel, pendingIns)
        steps.push({ kind: 'match', oldIndex: start + i, newIndex: start + j })
        i++; j++
      } else if (here === best[(i + 1) * width + j]!) { pendingDel.push({ kind: 'delete', oldIndex: start + i }); i++ }
      else { pendingIns.push({ kind: 'insert', newIndex: start + j }); j++ }
    }
    for (; i < n; i++) pendingDel.push({ kind: 'delete', oldIndex: start + i })
    for (; j < m; j++) pendingIns.push({ kind: 'insert', newIndex: start + j })
    flushPending(steps, pendingDel, pendingIns)
  } else {
    for (let i = 0; i < n; i++) steps.push({ kind: 'delete', oldIndex: start + i })
    for (let j = 0; j < m; j++) steps.push({ kind: 'insert', newIndex: start + j })
  }
  for (let k = 0; k < oldCount - endOld; k++) steps.push({ kind: 'match', oldIndex: endOld + k, newIndex: endNew + k })
  return steps.map(st => st.kind === 'match' ? { kind: 'match', oldIndex: st.oldIndex + o0, newIndex: st.newIndex + n0 } : st.kind === 'delete' ? { kind: 'delete', oldIndex: st.oldIndex + o0 } : { kind: 'insert', newIndex: st.newIndex + n0 })
}

/** Moves the deletions, then the insertions, waiting between two matches into `steps`. */
function flushPending(steps: AlignmentStep[], pendingDel: AlignmentStep[], pendingIns: AlignmentStep[]): void {
  for (const st of pendingDel) steps.push(st)
  for (const st of pendingIns) steps.push(st)
  pendingDel.length = 0
  pendingIns.length = 0
}
