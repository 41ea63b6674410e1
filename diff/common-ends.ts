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
