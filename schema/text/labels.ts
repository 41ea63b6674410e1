/**
 * Labels as found in the plain-text form: splitting `label<TAB>text`, telling
 * what sort of label it is (number, letter, roman numeral, dash, bullet), and
 * deciding whether a found label agrees with the derived one.
 */
import { LABEL_EXTENSION as EXTENSION, labelExtension, normaliseLabel, romanNumeral } from '../numbering.js'

/** What a label says about the unit it opens. */
export type LabelShape =
  /** `1`, `1.1`, `24`, `1bis`: an operative provision; `parts` are the dot-separated numbers. */
  | { readonly kind: 'number'; readonly parts: readonly string[]; readonly extension: boolean }
  /** `a)`, `د ب)`, `b)bis`: a lettered provision or item; `roman` when it is also a roman numeral (`i)`, `v)`). */
  | { readonly kind: 'letter'; readonly roman: boolean; readonly extension: boolean }
  /** `ii)`, `iv)`: a roman item (never a letter sequence label). */
  | { readonly kind: 'roman'; readonly extension: boolean }
  | { readonly kind: 'dash'; readonly extension: false }
  | { readonly kind: 'bullet'; readonly extension: false }

/** A line split into its label and its text. */
export interface LabelledLine {
  /** The label as written (without surrounding spaces). */
  readonly label: string
  readonly shape: LabelShape
  /** The text after the label. */
  readonly text: string
  /** Whether a TAB separated label and text (otherwise spaces did). */
  readonly tab: boolean
}

const NUMBER = /^(\d+(?:bis|ter|quater)?(?:\.\d+(?:bis|ter|quater)?)*)\.?$/
const LETTERS = /^[\p{L}\p{M}](?:\s?[\p{L}\p{M}]){0,5}\s*\)$/u
const ROMAN = /^[ivxlcdm]+\)$/
/** Direction marks that Word leaves around labels in right-to-left text. */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const DASHES = new Set(['-', '–', '—', '‒', '−', '‐', '‑'])
const BULLETS = new Set(['•', '·', '◦', '▪', '‣', '*', '∙'])

/** True when an extension word (bis, ter, quater ...) marks a label as an inserted one (`b)bis`, `1bis.1`). */
export function hasExtension(label: string): boolean {
  return /bis|ter|quater|quinquies|sexies|مكرر/iu.test(label.normalize('NFKC'))
}

/** Whether `text` is a lower-case roman numeral label from `i)` to `l)`. */
function isRomanLabel(text: string): boolean {
  if (!ROMAN.test(text)) return false
  const numeral = text.slice(0, -1)
  for (let n = 1; n <= 50; n++) if (romanNumeral(n) === numeral) return true
  return false
}

/** Tells what sort of label a string is, or null when it is not a label. */
export function labelShape(raw: string): LabelShape | null {
  const label = raw.normalize('NFKC').replace(BIDI, '').trim()
  if (!label || label.length > 24) return null
  if (DASHES.has(label)) return { kind: 'dash', extension: false }
  if (BULLETS.has(label)) return { kind: 'bullet', extension: false }
  const extension = labelExtension(label) !== null
  const core = extension ? label.replace(EXTENSION, '').trim() : label
  const num = NUMBER.exec(core)
  if (num) return { kind: 'number', parts: num[1]!.split('.'), extension }
  // A roman numeral of two or more characters (`ii)`, `iv)`) is never taken for a letter label.
  if (isRomanLabel(core) && core.length > 2) return { kind: 'roman', extension }
  if (LETTERS.test(core)) return { kind: 'letter', roman: isRomanLabel(core), extension }
  return null
}

/**
 * Splits `label<TAB>text`. A label followed by spaces instead of a TAB is
 * accepted for letter labels (`a) text`), dashes and bullets (`– text`) and,
 * when `numbersWithSpaces` is set, numbers (`1.1 text`).
 */
export function splitLabel(line: string, numbersWithSpaces: boolean): LabelledLine | null {
  const tab = line.indexOf('\t')
  if (tab > 0 && tab <= 24) {
    const label = line.slice(0, tab).replace(BIDI, '').trim()
    const shape = labelShape(label)
    if (shape) return { label, shape, text: line.slice(tab + 1).trim(), tab: true }
  }
  const spaced = /^(\S{1,6}(?: \S{1,3}){0,2} ?\)(?:\s?(?:bis|ter|quater))?|\d+(?:\.\d+)*(?:bis|ter|quater)?|[-–—•·▪◦])[ \u00a0]+(\S.*)$/u.exec(line)
  if (spaced) {
    const label = spaced[1]!
    const shape = labelShape(label)
    const core = normaliseLabel(label).replace(EXTENSION, '')
    // Latin letter labels before spaces: one or two lower-case letters or a roman numeral (`a)`, `aa)`, `iv)`), not words like `The)`.
    // Arabic: a single letter (`ب)`, `أ )`), not a word like `أن ب)`.
    const short = core.length <= 4 && (/^(?:[a-z]{1,2}|[ivxlc]+)\)$/.test(core) || /^\p{Script=Arabic}\)$/u.test(core) || !/\p{L}/u.test(core))
    if (shape && short && (shape.kind !== 'number' || (numbersWithSpaces && shape.parts.every(n => n.length <= 2)))) return { label, shape, text: spaced[2]!.trim(), tab: false }
  }
  return null
}

/** Whether a found label agrees with the derived one (NFKC, spaces ignored; any dash or bullet matches). */
export function sameLabel(found: string, derived: string): boolean {
  const f = normaliseLabel(found)
  const d = normaliseLabel(derived)
  if (f === d) return true
  const fs = labelShape(found)
  const ds = labelShape(derived)
  return !!fs && !!ds && fs.kind === ds.kind && (fs.kind === 'dash' || fs.kind === 'bullet')
}
