/**
 * How alike two texts are, from 0 (nothing shared) to 1 (same words): the
 * Dice coefficient over word multisets. Used to align provisions that do not
 * share ids and to recognise moves.
 */
import { wordsOf } from './tokenise.js'

/** A text prepared for repeated similarity scoring. */
export interface WordBag {
  readonly counts: ReadonlyMap<string, number>
  readonly size: number
}

/** Counts the words of a text. */
export function wordBag(text: string): WordBag {
  const counts = new Map<string, number>()
  const words = wordsOf(text)
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1)
  return { counts, size: words.length }
}

/** Dice similarity of two word bags: 2·|shared words| / (|a| + |b|); two empty texts are identical (1). */
export function bagSimilarity(a: WordBag, b: WordBag): number {
  if (a.size === 0 && b.size === 0) return 1
  if (a.size === 0 || b.size === 0) return 0
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a]
  let shared = 0
  for (const [w, n] of small.counts) {
    const m = large.counts.get(w)
    if (m) shared += Math.min(n, m)
  }
  return (2 * shared) / (a.size + b.size)
}

/** Dice similarity of two texts. */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1
  return bagSimilarity(wordBag(a), wordBag(b))
}
