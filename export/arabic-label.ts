/**
 * Arabic renumbering marks: when an old label (struck) is directly followed
 * by the new one (inserted), the two letters would join into one glyph
 * cluster and neither could be read. ITU writes the new letter in its
 * isolated presentation form (`طﺩ`: U+FEA9, `كﻭ`: U+FEED) so they stay apart.
 */

/** Isolated presentation forms (Arabic Presentation Forms-B) of the abjad letters. */
const ISOLATED: Readonly<Record<string, string>> = {
  'أ': '\uFE83', 'ب': '\uFE8F', 'ج': '\uFE9D', 'د': '\uFEA9', 'و': '\uFEED', 'ز': '\uFEAF',
  'ح': '\uFEA1', 'ط': '\uFEC1', 'ي': '\uFEF1', 'ك': '\uFED9', 'ل': '\uFEDD', 'م': '\uFEE1',
  'ن': '\uFEE5', 'س': '\uFEB1', 'ع': '\uFEC9', 'ف': '\uFED1', 'ص': '\uFEB9', 'ق': '\uFED5',
  'ر': '\uFEAD', 'ش': '\uFEB5', 'ت': '\uFE95', 'ث': '\uFE99', 'خ': '\uFEA5', 'ذ': '\uFEAB',
  'ض': '\uFEBD', 'ظ': '\uFEC5', 'غ': '\uFECD'
}

/** Letters that never join to the letter after them. */
const NON_JOINING = new Set(['ا', 'أ', 'إ', 'آ', 'د', 'ذ', 'ر', 'ز', 'و', 'ؤ', 'ة', 'ه'])

/** True when the character is an Arabic letter that joins to a following letter. */
export function joinsForward(ch: string): boolean {
  if (!ch || /^[\uFB50-\uFDFF\uFE70-\uFEFF]$/u.test(ch)) return false   // presentation forms never join
  const base = ch.normalize('NFKC')
  return /^[\u0626-\u064A]$/u.test(base) && base !== '\u0640' && !NON_JOINING.has(base)
}

/**
 * The new label's text, with its first letter in isolated form when it would
 * otherwise join the old label's last letter.
 */
export function separateArabicLabel(oldPart: string, newPart: string): string {
  const last = [...oldPart].pop() ?? ''
  if (!joinsForward(last)) return newPart
  const [first = '', ...rest] = [...newPart]
  const iso = ISOLATED[first.normalize('NFKC')]
  return iso ? iso + rest.join('') : newPart
}
