/**
 * How a renumbered label is shown: the old label struck, the new one
 * inserted right after it. Flattened (as Word prints tracked changes
 * without formatting) that reads `د ب)`, `24`, `1011`: the old label without
 * its closing parenthesis, then the new label. In Arabic a new letter that
 * would join the old one (`ط` then `د`) is written in its isolated
 * presentation form (`طﺩ )`), as ITU's Arabic texts do.
 */
import type { Node } from 'prosemirror-model'
import { computeLabels, type Labels } from '../schema/numbering.js'
import { revisionOf } from './revision-record.js'

/** Isolated presentation forms of the Arabic letters (Unicode Arabic Presentation Forms-B). */
const ISOLATED: Readonly<Record<string, string>> = {
  'ا': '\uFE8D', 'أ': '\uFE83', 'إ': '\uFE87', 'آ': '\uFE81', 'ب': '\uFE8F', 'ت': '\uFE95', 'ث': '\uFE99',
  'ج': '\uFE9D', 'ح': '\uFEA1', 'خ': '\uFEA5', 'د': '\uFEA9', 'ذ': '\uFEAB', 'ر': '\uFEAD', 'ز': '\uFEAF',
  'س': '\uFEB1', 'ش': '\uFEB5', 'ص': '\uFEB9', 'ض': '\uFEBD', 'ط': '\uFEC1', 'ظ': '\uFEC5', 'ع': '\uFEC9',
  'غ': '\uFECD', 'ف': '\uFED1', 'ق': '\uFED5', 'ك': '\uFED9', 'ل': '\uFEDD', 'م': '\uFEE1', 'ن': '\uFEE5',
  'ه': '\uFEE9', 'و': '\uFEED', 'ي': '\uFEF1', 'ة': '\uFE93', 'ى': '\uFEEF'
}

/** Arabic letters that join the following letter (dual-joining). */
const JOINS_FORWARD = /[بتثجحخسشصضطظعغفقكلمنهيئـ\uFEEB]$/

/** The isolated form of an Arabic letter (unchanged for anything else). */
export function isolatedForm(letter: string): string {
  return ISOLATED[letter] ?? letter
}

/** The part of the old label that stands struck before the new label: `د )` → `د `, `10` → `10`. */
export function struckPart(oldLabel: string, newLabel: string): string {
  return oldLabel.endsWith(')') && newLabel.endsWith(')') ? oldLabel.slice(0, -1) : oldLabel
}

/** The new label as written right after the struck old part (isolated first letter where it would join). */
export function insertedPart(struck: string, newLabel: string): string {
  if (!JOINS_FORWARD.test(struck)) return newLabel
  const first = [...newLabel][0] ?? ''
  return isolatedForm(first) + newLabel.slice(first.length)
}

/** The flattened overlay of a renumbered label: `د )`+`ب)` → `د ب)`, `2`+`4` → `24`, `ط)`+`د )` → `طﺩ )`. */
export function flatLabel(oldLabel: string, newLabel: string): string {
  const struck = struckPart(oldLabel, newLabel)
  return struck + insertedPart(struck, newLabel)
}

/** The labels a revision node shows: one label, or an old one struck and a new one inserted. */
export type ShownLabel = { readonly kind: 'same'; readonly label: string } | { readonly kind: 'renumbered'; readonly struck: string; readonly inserted: string } | null

/** Builds a function giving the label to show for a labelled node of a (revision) document. */
export function labelShower(doc: Node): (node: Node) => ShownLabel {
  let fallback: Labels | null = null
  return node => {
    const rev = revisionOf(node)
    if (!rev) {
      fallback ??= computeLabels(doc)
      const l = fallback.byId.get(node.attrs.id as string)
      return l === undefined ? null : { kind: 'same', label: l }
    }
    const o = rev.oldLabel ?? null
    const n = rev.newLabel ?? null
    if (rev.status === 'suppressed' || rev.status === 'moved-from') return o === null ? null : { kind: 'same', label: o }
    if (rev.status === 'added' || rev.status === 'moved-to' || o === null) return n === null ? null : { kind: 'same', label: n }
    if (n === null || o === n) return { kind: 'same', label: o }
    const struck = struckPart(o, n)
    return { kind: 'renumbered', struck, inserted: insertedPart(struck, n) }
  }
}
