/**
 * Splitting provision text into the units a word-level diff works on:
 * words (numbers whole: `2012`), runs of spaces, and single punctuation
 * marks. Chinese writes no spaces between its words, so each Han character
 * is a token (and a word) of its own: a run of ideographs up to the next
 * punctuation is most of a provision. A token never splits a grapheme
 * cluster: an Arabic haraka stays with its letter, a surrogate pair or an
 * emoji ZWJ sequence stays whole, a Vietnamese combining mark stays with
 * its base.
 */

/**
 * A Han character (one code point), words of other letters, marks, digits
 * and joiners, runs of white space, or any other single code point
 * (punctuation, symbols, emoji).
 */
const TOKEN = new RegExp(String.raw`\p{sc=Han}|[[\p{L}\p{M}\p{N}\u200C\u200D]--\p{sc=Han}]+|\s+|[^]`, 'gv')
/** A Han character: a word of its own. */
const HAN_UNIT = /^\p{sc=Han}$/u

/** A code point that must never start a token: it belongs to the cluster before it. */
const CLUSTER_CONTINUATION = /^[\p{M}\u0E33\u0EB3\uFF9E\uFF9F\u200C\u200D\uFE00-\uFE0F\u{E0020}-\u{E007F}\u{1F3FB}-\u{1F3FF}]/u
const REGIONAL_INDICATOR = /^[\u{1F1E6}-\u{1F1FF}]$/u
/** Ends with a "prepend" code point (Unicode GCB=Prepend, e.g. the Arabic number sign U+0600): glued to what follows. */
const ENDS_WITH_PREPEND = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]$/u

/**
 * Splits text into word, space and punctuation tokens whose concatenation is
 * the text (numbers stay whole: `2012`). One scan over a table of code-unit
 * classes finds the tokens of most texts, and tells whether any of the
 * rules below could apply; only then does a Unicode regex find the tokens
 * (cheaper than Intl.Segmenter on long documents) and the rules run: any
 * token that would start with a combining mark, joiner, variation selector,
 * emoji modifier or tag, or follow a zero-width joiner or a prepended mark,
 * or complete a flag (two regional indicators), is glued to the token before
 * it, so no grapheme cluster is split.
 */
export function tokenise(text: string): string[] {
  if (text === '') return []
  const scanned = scanTokens(text)
  if (!scanned) return tokeniseByRules(text)
  return scanned.uncommon ? alignToGraphemes(scanned.tokens, text) : scanned.tokens
}

/**
 * `tokenise` by the regex and the gluing rules alone, without the one-scan
 * path (which must give the same tokens: tokenise.test.ts checks it).
 */
export function tokeniseByRules(text: string): string[] {
  if (text === '') return []
  const tokens = regexTokens(text)
  return COMMON_SCRIPTS.test(text) ? tokens : alignToGraphemes(tokens, text)
}

/**
 * Texts made only of these ranges (Latin, Greek, Cyrillic, Arabic, Indic,
 * Thai, punctuation, symbols, Arabic presentation forms, emoji) are handled
 * by the rules above; anything else (Hangul jamo, CJK, rarer scripts) is
 * also checked against Intl.Segmenter's grapheme boundaries.
 */
const COMMON_SCRIPTS = /^[\u0000-\u0EFF\u1E00-\u2BFF\uFB50-\uFEFF\u{1F000}-\u{1FAFF}\u{E0020}-\u{E007F}]*$/u
/** Created when first needed: building a segmenter loads ICU's break rules (about 10 ms), which most texts never use. */
let graphemeSegmenter: Intl.Segmenter | null = null

/** Merges tokens so that every token boundary is a grapheme boundary. */
function alignToGraphemes(tokens: string[], text: string): string[] {
  const ok = new Set<number>()
  for (const g of (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text)) ok.add(g.index)
  const out: string[] = []
  let at = 0
  for (const t of tokens) {
    if (out.length > 0 && !ok.has(at)) out[out.length - 1] += t
    else out.push(t)
    at += t.length
  }
  return out
}

const WORD_UNIT = /^[\p{L}\p{M}\p{N}\u200C\u200D]$/u
/** What makes a token more than a separator: a letter, digit, other symbol or private-use character. */
const WORDLIKE = /[\p{L}\p{N}\p{So}\p{Co}]/u
const SPACE_UNIT = /^\s$/u
/** A mark or joiner: glued to what is before it when it does not follow a letter, mark or digit (one that does is inside its word). */
const MARK_UNIT = /^[\p{M}\u200C\u200D]$/u
/**
 * Units that may glue wherever they stand: a zero-width joiner, a prepended
 * mark, Thai/Lao AM, half-width voicing marks, and either half of a
 * surrogate pair (emoji, flags, modifiers, tags: astral code points).
 */
const GLUING_UNIT = /^[\u200D\u0E33\u0EB3\uFF9E\uFF9F\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\uD800-\uDFFF]$/

/** Bits of a unit's entry in UNIT_CLASS: its token class (word, space, other: never 0), then what it tells of the text. */
const WORD = 1, SPACE = 2, OTHER = 3, CLASS_BITS = 3, MARK = 4, GLUING = 8, OUTSIDE_COMMON = 16, WORDLIKE_UNIT = 32
/** Entry of each UTF-16 unit, filled as met (0: not yet known). */
const UNIT_CLASS = new Uint8Array(0x10000)

function unitClass(c: number): number {
  let k = UNIT_CLASS[c]!
  if (k === 0) {
    const ch = String.fromCharCode(c)
    // a Han character is a token of its own, as OTHER units are (each ends the token before it)
    k = HAN_UNIT.test(ch) ? OTHER : WORD_UNIT.test(ch) ? WORD : SPACE_UNIT.test(ch) ? SPACE : OTHER
    if (MARK_UNIT.test(ch)) k |= MARK
    if (GLUING_UNIT.test(ch)) k |= GLUING
    if (!(c <= 0x0eff || (c >= 0x1e00 && c <= 0x2bff) || (c >= 0xfb50 && c <= 0xfeff))) k |= OUTSIDE_COMMON
    if (WORDLIKE.test(ch)) k |= WORDLIKE_UNIT
    UNIT_CLASS[c] = k
  }
  return k
}

/**
 * The tokens of TOKEN, by one scan over the class table (a Unicode regex is
 * slower), and whether the text holds units outside the common scripts;
 * null when a gluing rule may apply (a mark or joiner starting a token, or
 * a unit that may glue anywhere).
 */
function scanTokens(text: string): { tokens: string[]; uncommon: boolean } | null {
  const out: string[] = []
  let start = 0
  let run = 0
  let uncommon = false
  for (let i = 0; i < text.length; i++) {
    const entry = unitClass(text.charCodeAt(i))
    const k = entry & CLASS_BITS
    if (entry & (GLUING | MARK | OUTSIDE_COMMON)) {
      if (entry & GLUING || (entry & MARK && run !== WORD)) return null
      if (entry & OUTSIDE_COMMON) uncommon = true
    }
    if (k === run && k !== OTHER) continue
    if (i > start) out.push(text.slice(start, i))
    start = i
    run = k
  }
  if (text.length > start) out.push(text.slice(start))
  return { tokens: out, uncommon }
}

/** The tokens of TOKEN with the gluing rules applied (see `tokenise`). */
function regexTokens(text: string): string[] {
  const out: string[] = []
  let openFlag = false
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0]
    const last = out.length - 1
    // a token that starts with no mark nor gluing unit, after one that ends with no gluing unit, glues to nothing
    // (every unit the tests below look for is a mark or gluing unit: regional indicators are surrogates)
    if (!(unitClass(t.charCodeAt(0)) & (MARK | GLUING)) && (last < 0 || !(unitClass(out[last]!.charCodeAt(out[last]!.length - 1)) & GLUING))) {
      out.push(t)
      openFlag = false
      continue
    }
    const isRI = REGIONAL_INDICATOR.test(t)
    if (last >= 0 && isRI && openFlag) {
      out[last] += t
      openFlag = false
    } else if (last >= 0 && (CLUSTER_CONTINUATION.test(t) || out[last]!.endsWith('\u200D') || ENDS_WITH_PREPEND.test(out[last]!))) {
      out[last] += t
      openFlag = isRI
    } else {
      out.push(t)
      openFlag = isRI
    }
  }
  return out
}

/**
 * True when a token holds no letter, digit, symbol or private-use character:
 * spaces and punctuation only. Read off the unit table (every token of every
 * block compared is asked, and a Unicode regex costs more); a text with a
 * surrogate (an astral character) is asked of the regex itself.
 */
export function isSeparator(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) return !WORDLIKE.test(token)
    if (unitClass(c) & WORDLIKE_UNIT) return false
  }
  return true
}

/**
 * The words of a text for similarity scoring: a cheap split on anything
 * that is not a letter, mark or digit (no segmenter, so it stays fast on
 * whole documents), each Han character a word of its own. Tatweel is
 * ignored.
 */
export function wordsOf(text: string): string[] {
  return text.replace(/\u0640/g, '').split(/[^\p{L}\p{M}\p{N}]+/u).flatMap(w => w.split(HAN_SPLIT)).filter(w => w !== '')
}

/** Splits before and after every Han character. */
const HAN_SPLIT = /(\p{sc=Han})/u
