/**
 * How alike two texts are, from 0 (nothing shared) to 1 (same words): the
 * Dice coefficient over word multisets. Used to align provisions that do not
 * share ids and to recognise moves.
 *
 * Scoring runs for many pairs of provisions, so a text's words are read once
 * into a sorted array of 32-bit word hashes (FNV-1a over the word's UTF-16
 * units, the words being those of tokenise.ts `wordsOf`: each Han character
 * a word of its own, Chinese writing no spaces); two bags are then
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
/** A Han letter, mark or digit: a word of its own (a Han radical or other symbol is none). */
const HAN_CHAR = /^(?=\p{sc=Han})[\p{L}\p{M}\p{N}]$/u

/** What a UTF-16 unit is to `wordBag`, filled as met (0: not yet known). */
const UNIT = new Uint8Array(0x10000)
const IN_WORD = 1, BETWEEN_WORDS = 2, IGNORED = 3, SURROGATE = 4, HAN = 5

function unitKind(c: number): number {
  let k = UNIT[c]!
  if (k === 0) {
    const ch = String.fromCharCode(c)
    k = c === 0x0640 ? IGNORED : c >= 0xd800 && c <= 0xdfff ? SURROGATE : HAN_CHAR.test(ch) ? HAN : WORD_CHAR.test(ch) ? IN_WORD : BETWEEN_WORDS
    UNIT[c] = k
  }
  return k
}

/** Hashes the words of a text (tatweel ignored), sorted. */
export function wordBag(text: string): WordBag {
  const out: number[] = []
  let h = 0x811c9dc5
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let k = unitKind(c)
    if (k === SURROGATE) {
      if (c >= 0xdc00) {
        if (!inWord) continue   // the second half of a character that is not a word's
        k = IN_WORD
      } else {
        const cp = text.codePointAt(i)!
        const ch = String.fromCodePoint(cp)
        k = cp <= 0xffff ? BETWEEN_WORDS : HAN_CHAR.test(ch) ? HAN : WORD_CHAR.test(ch) ? IN_WORD : BETWEEN_WORDS
      }
    }
    if (k === HAN) {
      // a word of its own (both halves of a surrogate pair): it ends the word before it
      if (inWord) { out.push(h >>> 0); inWord = false }
      h = Math.imul(0x811c9dc5 ^ c, 0x01000193)
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) h = Math.imul(h ^ text.charCodeAt(++i), 0x01000193)
      out.push(h >>> 0)
      continue
    }
    if (k === IN_WORD) {
      if (!inWord) { h = 0x811c9dc5; inWord = true }
      h = Math.imul(h ^ c, 0x01000193)
    } else if (k === BETWEEN_WORDS && inWord) { out.push(h >>> 0); inWord = false }
  }
  if (inWord) out.push(h >>> 0)
  const hashes = new Uint32Array(out).sort()
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

/**
 * False when two bags cannot be `floor` alike whatever words they share: their
 * similarity is at most 2·min(|a|, |b|) / (|a| + |b|), known from their sizes
 * alone (pairs of very different lengths are not merged at all).
 */
export function canReach(a: WordBag, b: WordBag, floor: number): boolean {
  const total = a.size + b.size
  return total === 0 || (2 * Math.min(a.size, b.size)) / total >= floor
}

/** Dice similarity of two texts. */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1
  return bagSimilarity(wordBag(a), wordBag(b))
}
