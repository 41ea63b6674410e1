/**
 * How alike two texts are, from 0 (nothing shared) to 1 (same words): the
 * Dice coefficient over word multisets. Used to align provisions that do not
 * share ids and to recognise moves.
 *
 * Scoring runs for many pairs of provisions, so a text's words are read once
 * into a sorted array of 32-bit word hashes (FNV-1a over the word's UTF-16
 * units, the words being those of tokenise.ts `wordsOf`); two bags are then
 * compared by one merge, without strings or maps. Two different words with
 * the same hash would count as shared: at 32 bits that is rare enough for a
 * similarity score, and it is deterministic.
 */

/** A text prepared for repeated similarity scoring. */
export interface WordBag {
  /** The hashes of its words, ascending, one per occurrence. */
  readonly hashes: Uint32Array
  /** Number of words. */
  readonly size: number
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u

/** True when a UTF-16 unit (or astral code point) belongs to a word (letter, mark or digit), as `wordsOf` splits. */
function isWordUnit(c: number, text: string, at: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
  if (c >= 0x0621 && c <= 0x06d3 && c !== 0x066a && c !== 0x066b && c !== 0x066c && c !== 0x066d) return true
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!))
}

/** Hashes the words of a text (tatweel ignored), sorted. */
export function wordBag(text: string): WordBag {
  const out: number[] = []
  let h = 0x811c9dc5
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0640) continue
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && inWord) { h = Math.imul(h ^ c, 0x01000193); continue }   // second half of an astral word character
    if (isWordUnit(c, text, i)) {
      if (!inWord) { h = 0x811c9dc5; inWord = true }
      h = Math.imul(h ^ c, 0x01000193)
    } else if (inWord) { out.push(h >>> 0); inWord = false }
  }
  if (inWord) out.push(h >>> 0)
  const hashes = Uint32Array.from(out).sort()
  return { hashes, size: hashes.length }
}

/** Dice similarity of two word bags: 2·|shared words| / (|a| + |b|); two empty texts are identical (1). */
export function bagSimilarity(a: WordBag, b: WordBag): number {
  if (a.size === 0 && b.size === 0) return 1
  if (a.size === 0 || b.size === 0) return 0
  const x = a.hashes
  const y = b.hashes
  let i = 0
  let j = 0
  let shared = 0
  while (i < x.length && j < y.length) {
    const u = x[i]!
    const v = y[j]!
    if (u === v) { shared++; i++; j++ } else if (u < v) i++
    else j++
  }
  return (2 * shared) / (a.size + b.size)
}

/** Dice similarity of two texts. */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1
  return bagSimilarity(wordBag(a), wordBag(b))
}
