/**
 * Runs of one script. In a right-to-left (Arabic) document, Word lays out a
 * run marked `w:rtl` right to left and sets it in the complex-script font;
 * Latin text inside an Arabic paragraph (`ICT`, `ITU‑T`, `MOD`,
 * `APT/44A13/1`) must stay in runs of its own, without `w:rtl` and in the
 * Latin font, or Word and LibreOffice reorder its characters and set it in
 * the Arabic face. So a run's text is cut where the script changes: spaces,
 * digits and punctuation between two Latin letters stay with the Latin text,
 * any other go with the Arabic.
 */

/** A piece of a run's text and whether it is right-to-left (Arabic) or Latin. */
export interface ScriptPiece {
  readonly text: string
  readonly rtl: boolean
}

const ARABIC = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u
const STRONG_LTR = /[\p{L}\p{M}]/u

type Kind = 'R' | 'L' | 'N'

function kindOf(ch: string): Kind {
  if (ARABIC.test(ch)) return 'R'
  return STRONG_LTR.test(ch) ? 'L' : 'N'
}

/** Neutrals that cling to Latin text beside them: digits and connectors (`44A13/1`, `WTSA-16`, `ITU‑T`), not spaces or brackets. */
const STICKY = /[\p{N}\-\u2010\u2011\/.:_]/u

/**
 * Cuts text into pieces of one script for a right-to-left paragraph. A run
 * of neutrals (spaces, digits, punctuation, TAB) between two Latin letters
 * is Latin; elsewhere only the digits and connectors next to a Latin letter
 * are (`(WTSA-16)`: the brackets stay right-to-left, so they mirror as
 * Word's bidi algorithm would place them); a text without letters is
 * right-to-left.
 */
export function splitByScript(text: string): ScriptPiece[] {
  const chars = [...text]
  const kinds = chars.map(kindOf)
  const resolved: ('R' | 'L')[] = new Array(chars.length)
  for (let i = 0; i < chars.length;) {
    if (kinds[i] !== 'N') { resolved[i] = kinds[i] as 'R' | 'L'; i++; continue }
    let j = i
    while (j < chars.length && kinds[j] === 'N') j++
    const before = i > 0 ? kinds[i - 1] : null, after = j < chars.length ? kinds[j] : null
    for (let k = i; k < j; k++) resolved[k] = before === 'L' && after === 'L' ? 'L' : 'R'
    if (!(before === 'L' && after === 'L')) {
      if (before === 'L') for (let k = i; k < j && STICKY.test(chars[k]!); k++) resolved[k] = 'L'
      if (after === 'L') for (let k = j - 1; k >= i && STICKY.test(chars[k]!); k--) resolved[k] = 'L'
    }
    i = j
  }
  const pieces: ScriptPiece[] = []
  chars.forEach((ch, k) => {
    const rtl = resolved[k] === 'R'
    const last = pieces[pieces.length - 1]
    if (last && last.rtl === rtl) pieces[pieces.length - 1] = { text: last.text + ch, rtl }
    else pieces.push({ text: ch, rtl })
  })
  return pieces
}
