/**
 * The start and end two versions of a text share, cut where only white
 * space follows (or precedes) a word: a changed block's word diff then
 * reads and diffs only the changed middle (a word or two of a provision of
 * a few hundred characters), not the whole block twice.
 *
 * A cut must fall where the whole text's tokens fall (tokenise.ts), so that
 * the middle read alone gives the tokens it has in the whole text: the head
 * ends before a white-space character shared by both versions, after a
 * character nothing glues to what follows (not white space, a joiner, a
 * prepended mark or half of a surrogate pair); the tail starts after a
 * shared white-space character, at a letter, digit, punctuation mark or
 * symbol that nothing glues to what precedes. The middle so starts and ends
 * with white space, which the word diff may move into a change beside it
 * (inline-diff.ts, `ownSpacing`), as it would in the whole text. Texts with
 * no such place (Chinese, a change in the first or last word) are not cut.
 */
import { tokenise } from './tokenise.js'

/** Characters cut off both versions: `head` at the start, `tail` at the end (both 0: not cut). */
export interface CommonEnds { readonly head: number; readonly tail: number }

const WHITE_SPACE = /\s/
/** A last character of a head: nothing after it joins its grapheme cluster or token. */
const ENDS_CLEANLY = /[^\s\u200D\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\uD800-\uDFFF]/
/** A first character of a tail: it starts a grapheme cluster and a token of its own. */
const STARTS_CLEANLY = /[\p{L}\p{N}\p{P}\p{S}]/u
const GLUES_BACK = /[\u0E33\u0EB3\uFF9E\uFF9F\uD800-\uDFFF]/

const NOT_CUT: CommonEnds = { head: 0, tail: 0 }

/** Where `a` and `b` may be cut; see the module comment. */
export function commonEnds(a: string, b: string): CommonEnds {
  const shorter = Math.min(a.length, b.length)
  let p = 0
  while (p < shorter && a.charCodeAt(p) === b.charCodeAt(p)) p++
  let s = 0
  while (s < shorter - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++
  // the head: a[h] shared white space, a[h - 1] a clean end
  let head = 0
  for (let h = p - 1; h >= 1; h--) {
    if (WHITE_SPACE.test(a[h]!) && ENDS_CLEANLY.test(a[h - 1]!)) { head = h; break }
  }
  // the tail: a[c - 1] shared white space, a[c] a clean start (c = a.length - tail)
  let tail = 0
  for (let t = s - 1; t >= 1; t--) {
    const c = a.length - t
    if (WHITE_SPACE.test(a[c - 1]!) && STARTS_CLEANLY.test(a[c]!) && !GLUES_BACK.test(a[c]!)) { tail = t; break }
  }
  return head === 0 && tail === 0 ? NOT_CUT : { head, tail }
}

/** Stands for the head in the token strings diffed (below every token character, inline-diff.ts). */
export const HEAD = '\u0001'
/** Stands for the tail in the token strings diffed. */
export const TAIL = '\u0002'

/**
 * Whether diff-match-patch's clean-up of the whole texts could place a
 * change of the middle otherwise (`diffs`: the middle's diff after clean-up,
 * with HEAD and TAIL standing for the ends; `textOf`: the text of token
 * characters). Its clean-up moves a lone insertion or deletion as far right
 * as the text repeats (`the [the ]role`), and to either end of the text when
 * it can get there; a sentinel stops it at a cut. That matters only for a
 * lone change next to the tail whose first word is the tail's first word,
 * or one as long as the head or the tail (it could repeat all of it): the
 * caller then diffs the whole texts.
 */
export function mayShiftIntoEnds(diffs: readonly [number, string][], head: string, tail: string, textOf: (chars: string) => string): boolean {
  const n = diffs.length
  if (head && n >= 3 && diffs[1]![0] !== 0 && diffs[2]![0] === 0 && textOf(diffs[1]![1]).length >= head.length) return true
  if (tail && n >= 3 && diffs[n - 2]![0] !== 0 && diffs[n - 3]![0] === 0) {
    const edit = diffs[n - 2]![1]
    if (textOf(edit).length >= tail.length) return true
    if (diffs[n - 1]![1] === TAIL && textOf(edit[0]!) === firstToken(tail)) return true
  }
  return false
}

/** The first token of a tail (it starts a token, common-ends' cut): tokenised up to its first white space. */
function firstToken(tail: string): string {
  const space = tail.search(/\s/)
  return tokenise(space < 0 ? tail : tail.slice(0, space + 1))[0] ?? ''
}
