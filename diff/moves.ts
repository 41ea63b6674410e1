/**
 * Recognising moves: a provision deleted in one place and inserted in
 * another (in the same section or another one) is a move when both carry
 * the same id (documents of one lineage) or when their texts are similar
 * enough (Dice similarity >= threshold, default 0.6). Pairs are taken
 * greedily, best first, so each provision moves at most once; the result is
 * deterministic. Scoring similarity is bounded in pairs and in words merged;
 * past either bound only ids and same texts make moves.
 */
import type { Node } from 'prosemirror-model'
import { bagSimilarity, canReach, type WordBag } from './similarity.js'

/** Default similarity above which a deleted and an inserted provision form a move. */
export const DEFAULT_MOVE_THRESHOLD = 0.6

/** A move: the old provision, where it went, and the id linking the two halves. */
export interface ProvisionMove {
  readonly from: Node
  readonly to: Node
  readonly moveId: string
}

/** How to score candidates. */
export interface MoveOptions {
  readonly threshold: number
  /** Pair equal ids first (documents of one lineage). */
  readonly byId: boolean
  /** Word bag of a provision (cached by the caller). */
  readonly bagOf: (node: Node) => WordBag
}

/** Above this many candidate pairs only id and exact-text moves are looked for. */
const MAX_SCORED_PAIRS = 250_000
/**
 * Nor above this many words merged to score them (the sizes of both word
 * bags, summed over the pairs that could reach the threshold): the pairs'
 * bound alone let 500 deleted and 500 inserted provisions of 2,500 words
 * each (two unrelated versions of 6 MB) merge 1.3·10⁹ words, 4 to 11 s.
 * 5·10⁷ is the pairs' bound at provisions of 100 words, a fraction of a second.
 */
const MAX_SCORED_WORDS = 50_000_000

/** Pairs deleted provisions with inserted ones that are moves. */
export function findMoves(deleted: readonly Node[], inserted: readonly Node[], options: MoveOptions): ProvisionMove[] {
  if (deleted.length === 0 || inserted.length === 0) return []
  const moves: ProvisionMove[] = []
  const usedFrom = new Set<number>()
  const usedTo = new Set<number>()
  const add = (i: number, j: number) => {
    usedFrom.add(i); usedTo.add(j)
    moves.push({ from: deleted[i]!, to: inserted[j]!, moveId: `move-${moves.length + 1}` })
  }
  if (options.byId) {
    const byId = new Map<string, number>()
    inserted.forEach((n, j) => { if (n.attrs.id) byId.set(n.attrs.id as string, j) })
    deleted.forEach((n, i) => {
      const j = byId.get(n.attrs.id as string)
      if (j !== undefined && !usedTo.has(j)) add(i, j)
    })
  }
  const pairs: [number, number, number][] = []
  const candidates = deleted.length * inserted.length <= MAX_SCORED_PAIRS ? candidatePairs(deleted, inserted, usedFrom, usedTo, options) : null
  if (candidates && candidates.words <= MAX_SCORED_WORDS) {
    for (const [i, j] of candidates.pairs) {
      const s = bagSimilarity(options.bagOf(deleted[i]!), options.bagOf(inserted[j]!))
      if (s >= options.threshold) pairs.push([s, i, j])
    }
  } else {
    const byText = new Map<string, number[]>()
    inserted.forEach((n, j) => { if (!usedTo.has(j)) { const k = n.textContent; byText.set(k, [...(byText.get(k) ?? []), j]) } })
    deleted.forEach((n, i) => { if (!usedFrom.has(i)) for (const j of byText.get(n.textContent) ?? []) pairs.push([1, i, j]) })
  }
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2])
  for (const [, i, j] of pairs) if (!usedFrom.has(i) && !usedTo.has(j)) add(i, j)
  return moves
}

/**
 * The pairs not paired yet whose sizes could reach the threshold, and the
 * words scoring them would merge (both bags' sizes, summed over the pairs).
 */
function candidatePairs(deleted: readonly Node[], inserted: readonly Node[], usedFrom: ReadonlySet<number>, usedTo: ReadonlySet<number>, options: MoveOptions): { pairs: [number, number][]; words: number } {
  const pairs: [number, number][] = []
  let words = 0
  for (let i = 0; i < deleted.length; i++) {
    if (usedFrom.has(i)) continue
    const a = options.bagOf(deleted[i]!)
    for (let j = 0; j < inserted.length; j++) {
      if (usedTo.has(j)) continue
      const b = options.bagOf(inserted[j]!)
      if (canReach(a, b, options.threshold)) { pairs.push([i, j]); words += a.size + b.size }
    }
  }
  return { pairs, words }
}
