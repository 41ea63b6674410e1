/**
 * Provisions rewritten through: a matched provision or item that keeps under
 * a third of its text is shown as drafters show it, the old text struck whole
 * and the new one inserted whole (APT's resolves 1 and 2 of Resolution 50),
 * not as a word diff in which a few scattered words survive.
 *
 * The rule is read off the built node (`rewrittenThrough`), after the word
 * diff. `surelyRewritten` answers the same question before any word diff
 * when it can: a rewritten provision's diff is the costliest of a comparison
 * (the most tokens with the fewest shared), and it would be thrown away.
 */
import type { Node } from 'prosemirror-model'
import type { BlockTokens } from './block-tokens.js'
import { textOf } from './same-subtree.js'
import { NodeMemo } from './node-memo.js'

/** Below this share of unchanged text a matched provision or item is shown deleted and inserted whole. */
export const REWRITE_SHARE = 1 / 3

/**
 * True when a built provision or item kept less than `REWRITE_SHARE` of its
 * text: unchanged characters / (unchanged + the larger of deleted and inserted).
 */
export function rewrittenThrough(built: Node): boolean {
  let same = 0, del = 0, ins = 0
  built.descendants(c => {
    if (!c.isText) return true
    const n = c.text!.length
    if (c.marks.some(m => m.type.name === 'deletion')) del += n
    else if (c.marks.some(m => m.type.name === 'insertion')) ins += n
    else same += n
    return false
  })
  return del + ins > 0 && same < REWRITE_SHARE * (same + Math.max(del, ins))
}

/** One version of a provision, read for the bound: its word-like tokens in order, with their weights, and its text lengths. */
interface Census {
  /** Key numbers (block-tokens.ts) of the tokens that are not separators (words, numbers, footnotes), in document order. */
  readonly keys: number[]
  /** Per token of `keys`: its length and the separators on either side of it, but those at a block's ends. */
  readonly weights: number[]
  /** Characters of text outside inline nodes (footnotes, brackets). */
  text: number
  /** Characters of text inside inline nodes. */
  inner: number
  /** Separator characters before the first and after the last word of each text block. */
  edges: number
}

/** The census of a provision or item, from the tokens of its blocks. */
function census(node: Node, read: BlockTokens): Census {
  const c: Census = { keys: [], weights: [], text: 0, inner: 0, edges: 0 }
  const visit = (n: Node): void => {
    if (!n.isTextblock) { n.forEach(visit); return }
    let gap = 0
    let first = true
    const tokens = read.tokens(n)
    const numbers = read.numbers(n)
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!
      if (t.node) c.inner += t.node.textContent.length
      else c.text += t.text.length
      if (t.separator) { gap += t.text.length; continue }
      if (first) c.edges += gap
      else c.weights[c.weights.length - 1]! += gap
      c.keys.push(numbers[k]!)
      c.weights.push((first ? 0 : gap) + (t.node ? 0 : t.text.length))
      gap = 0
      first = false
    }
    c.edges += gap
  }
  visit(node)
  return c
}

/** Matching token pairs beyond which the bound is not computed (a text of one repeated word: n·m pairs). */
const PAIR_LIMIT = 20_000

/**
 * The largest total weight of a subsequence of `a`'s tokens that is also a
 * subsequence of `b`'s (by key): the heaviest order-keeping matching, over
 * the pairs of equal tokens sorted by old position (Hunt and Szymanski's
 * way), with a Fenwick tree of the best chain ending at each new position.
 * `Infinity` past PAIR_LIMIT pairs.
 */
function heaviestCommonSubsequence(a: Census, b: Census): number {
  const positions = new Map<number, number[]>()
  b.keys.forEach((key, j) => { const list = positions.get(key); if (list) list.push(j); else positions.set(key, [j]) })
  const m = b.keys.length
  const tree = new Float64Array(m + 1)
  const bestBefore = (j: number) => { let best = 0; for (let k = j; k > 0; k -= k & -k) if (tree[k]! > best) best = tree[k]!; return best }
  const raise = (j: number, value: number) => { for (let k = j + 1; k <= m; k += k & -k) if (tree[k]! < value) tree[k] = value }
  let pairs = 0
  let best = 0
  for (let i = 0; i < a.keys.length; i++) {
    const list = positions.get(a.keys[i]!)
    if (!list) continue
    if ((pairs += list.length) > PAIR_LIMIT) return Infinity
    // new positions from the last down, so that one old token is matched once
    for (let k = list.length - 1; k >= 0; k--) {
      const j = list[k]!
      const chain = bestBefore(j) + a.weights[i]!
      raise(j, chain)
      if (chain > best) best = chain
    }
  }
  return best
}

/** Characters the two strings share at the start plus those they share at the end (not overlapping). */
function sharedStartAndEnd(x: string, y: string): number {
  const n = Math.min(x.length, y.length)
  let start = 0
  while (start < n && x.charCodeAt(start) === y.charCodeAt(start)) start++
  let end = 0
  while (end < n - start && x.charCodeAt(x.length - 1 - end) === y.charCodeAt(y.length - 1 - end)) end++
  return start + end
}

/** The weight of the longest common start plus that of the longest common end (not overlapping) of the two word sequences. */
function sharedEnds(a: Census, b: Census): number {
  const n = Math.min(a.keys.length, b.keys.length)
  let weight = 0
  let start = 0
  while (start < n && a.keys[start] === b.keys[start]) weight += a.weights[start++]!
  for (let k = 1; k <= n - start && a.keys[a.keys.length - k] === b.keys[b.keys.length - k]; k++) weight += a.weights[a.keys.length - k]!
  return weight
}

/**
 * True when a matched provision or item (`o` old, `n` new) is sure to be
 * rewritten through whatever its word diff, so that the diff can be skipped:
 * an upper bound of the text it can keep is already under the share.
 *
 * The bound: the words a word diff keeps (any word-like token: numbers and
 * footnotes too) are in the same order on both sides, block after block,
 * since blocks are aligned in order; and it folds a run of spaces and
 * punctuation between two changes into them (inline-diff.ts), so a
 * separator is kept only beside a kept word or at either end of a block.
 * Giving each word its length and the separators on either side of it, the
 * kept text is at most the heaviest common subsequence of the two versions'
 * words, plus the blocks' ends. Text inside footnotes counts as kept
 * whatever happens (rewrittenThrough sees no mark on it). Only for subtrees
 * no move touches: a moved provision inside brings text from elsewhere.
 */
export function surelyRewritten(o: Node, n: Node, read: BlockTokens): boolean {
  const last = answers.get(o)
  if (last?.n === n) return last.sure
  const sure = decide(o, n, read)
  answers.set(o, { n, sure })
  return sure
}

/** The last answer for each old node (a comparison's second pass, after moves, asks again). */
const answers = new NodeMemo<{ readonly n: Node; readonly sure: boolean }>()

function decide(o: Node, n: Node, read: BlockTokens): boolean {
  // a third of the longer text the same at the start and end: a light edit, left to the word diff (answering "not sure" is always safe)
  const x = textOf(o)
  const y = textOf(n)
  if (sharedStartAndEnd(x, y) * 3 >= Math.max(x.length, y.length)) return false
  const a = census(o, read)
  const b = census(n, read)
  // rewrittenThrough's quantities at their largest: same = kept + inner text; same + max(del, ins) = inner + max(text)
  const inner = a.inner + b.inner
  const limit = REWRITE_SHARE * (inner + Math.max(a.text, b.text))
  // one character of margin, so that rounding in REWRITE_SHARE's product cannot decide it
  if (a.edges + inner + 1 > limit) return false
  // a common start and end are a common subsequence already: a light edit is answered here
  if (a.edges + sharedEnds(a, b) + inner + 1 > limit) return false
  return a.edges + heaviestCommonSubsequence(a, b) + inner + 1 <= limit
}
