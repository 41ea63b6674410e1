/**
 * Arabic letter joining, as far as labels need it: the one rule behind the
 * space in `د )` (numbering.ts) and behind the isolated letter in a
 * renumbered label `طﺩ )` (revision.ts).
 *
 * A character "joins forward" when the Unicode joining type of Arabic
 * (ArabicShaping.txt) is Dual_Joining or Join_Causing (tatweel): the letter
 * after it would be drawn connected to it. Right-joining letters
 * (`ا أ إ آ د ذ ر ز و ؤ ة`) and hamza do not. Presentation forms
 * (U+FB50–U+FDFF, U+FE70–U+FEFF) do not join anything either: a shaper draws
 * them as they are and the letter after them in its own isolated or initial
 * form. That is why a heh label, written with the initial form `ﻫ` (U+FEEB)
 * so that it is not read as the digit ٥, counts as not joining: ITU writes
 * it with a space before the parenthesis (`ﻫ )`, like `د )`), and a new
 * letter printed right after a struck `ﻫ` stays the plain letter (`ﻫد )`,
 * U+062F), since nothing would join it.
 */

/** Right-joining letters and hamza of the basic Arabic block: nothing joins after them. */
const NOT_FORWARD = new Set(['\u0621', '\u0622', '\u0623', '\u0624', '\u0625', '\u0627', '\u0629', '\u062F', '\u0630', '\u0631', '\u0632', '\u0648'])

/** True when the character is an Arabic letter (or tatweel) that the next letter would join. */
export function joinsForward(ch: string): boolean {
  if ([...ch].length !== 1) return false
  const c = ch.codePointAt(0)!
  if (c === 0x0640) return true                                      // tatweel: join causing
  if (c < 0x0620 || c > 0x064A) return false                         // not a basic Arabic letter (presentation forms included)
  return !NOT_FORWARD.has(ch)
}

/** True for an Arabic letter of the basic block or of the presentation forms (what a label may end with). */
export function isArabicLetter(ch: string): boolean {
  if ([...ch].length !== 1) return false
  const c = ch.codePointAt(0)!
  return (c >= 0x0620 && c <= 0x064A && c !== 0x0640) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC)
}

/** Isolated presentation forms (Arabic Presentation Forms-B) of the letters that have one. */
const ISOLATED: Readonly<Record<string, string>> = {
  'ا': '\uFE8D', 'أ': '\uFE83', 'إ': '\uFE87', 'آ': '\uFE81', 'ب': '\uFE8F', 'ت': '\uFE95', 'ث': '\uFE99',
  'ج': '\uFE9D', 'ح': '\uFEA1', 'خ': '\uFEA5', 'د': '\uFEA9', 'ذ': '\uFEAB', 'ر': '\uFEAD', 'ز': '\uFEAF',
  'س': '\uFEB1', 'ش': '\uFEB5', 'ص': '\uFEB9', 'ض': '\uFEBD', 'ط': '\uFEC1', 'ظ': '\uFEC5', 'ع': '\uFEC9',
  'غ': '\uFECD', 'ف': '\uFED1', 'ق': '\uFED5', 'ك': '\uFED9', 'ل': '\uFEDD', 'م': '\uFEE1', 'ن': '\uFEE5',
  'ه': '\uFEE9', 'و': '\uFEED', 'ي': '\uFEF1', 'ة': '\uFE93', 'ى': '\uFEEF'
}

/** The isolated presentation form of an Arabic letter (anything else unchanged). */
export function isolatedForm(letter: string): string {
  return ISOLATED[letter] ?? letter
}

/**
 * `text` as printed right after `before` without joining it: when the last
 * character of `before` joins forward, the first letter of `text` takes its
 * isolated form (`ط` + `د )` → `ﺩ )`); otherwise `text` is unchanged.
 */
export function separatedAfter(before: string, text: string): string {
  const last = [...before].pop() ?? ''
  if (!joinsForward(last)) return text
  const first = [...text][0] ?? ''
  return isolatedForm(first) + text.slice(first.length)
}
