/**
 * Labels are derived from position, never stored as text.
 *
 * - Preambular provisions: letters, `a)` `b)` ... in Latin-script and Chinese
 *   texts, the abjad `أ )` `ب)` ... in Arabic; nested preambular provisions
 *   take lower-case roman numerals `i)`.
 * - Operative provisions: `1` `2` ...; nested ones `1.1`, `1.1.1`; inside a
 *   part (SECTION 3) they read `3.1`, `3.1.1`.
 * - Items (ITU `enumlev`) carry their own style: letter, roman, dash, bullet.
 * - Past the last letter the sequence continues bijectively, like spreadsheet
 *   columns: `z)` is followed by `aa)`, `ab)` ... and in Arabic `غ)` by `أأ )`,
 *   `أب)` ... No ITU rule fixes this; we chose it because it never repeats and
 *   sorts naturally.
 * - A node with a `labelOverride` (e.g. `b)bis`, `1bis`) shows that label and
 *   does not advance its sequence, so `a) b) b)bis c)` comes out right. An
 *   override ending in an extension word (`bis`, `ter` ..., Arabic `مكرراً`)
 *   marks a unit inserted after another without renumbering, so it follows
 *   that unit: once a new provision has made `b)` into `c)`, `b)bis` reads
 *   `c)bis` (not `a) b) c) b)bis d)`).
 * - The alternatives of one provision-level square bracket (neighbouring
 *   provisions or items with the same non-null `bracket`, brackets.ts) share
 *   one label: the first takes the next label, the later ones repeat it and
 *   do not advance the sequence.
 */
import type { Node } from 'prosemirror-model'
import { isArabicLetter, joinsForward } from './arabic-joining.js'
import { languageInfo, type Language } from './languages.js'

/** How a sequence of items is labelled. */
export type ItemStyle = 'letter' | 'roman' | 'dash' | 'bullet'

/** All item styles, in the order they nest (a letter item holds roman items, which hold dashes). */
export const ITEM_STYLES: readonly ItemStyle[] = ['letter', 'roman', 'dash', 'bullet']

/** The letter (without punctuation) at a zero-based position of the language's sequence. */
export function sequenceLetter(index: number, lang: Language): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`letter index must be a non-negative integer, got ${index}`)
  const letters = languageInfo(lang).letters
  const base = letters.length
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % base
    out = letters[rem] + out
    n = Math.floor((n - 1) / base)
  }
  return out
}

/**
 * Closes a label with `)`. In Arabic a label ending in a letter that does not
 * join forward gets a space first (`أ )`, `د )`, `ﻫ )`), as ITU's Arabic texts do
 * (arabic-joining.ts: the heh label's presentation form counts as not joining).
 */
export function closeLabel(text: string, lang: Language): string {
  if (lang === 'ar') {
    const last = [...text].pop() ?? ''
    if (isArabicLetter(last) && !joinsForward(last)) return `${text} )`
  }
  return `${text})`
}

/** Lettered labels already made, by language (labels are derived for every comparison and every keystroke). */
const LETTER_LABELS = new Map<Language, string[]>()

/** A lettered label such as `c)` or `ج)` for a zero-based position. */
export function letterLabel(index: number, lang: Language): string {
  let made = LETTER_LABELS.get(lang)
  if (!made) LETTER_LABELS.set(lang, made = [])
  if (index < 1024 && made[index] !== undefined) return made[index]!
  const label = closeLabel(sequenceLetter(index, lang), lang)
  if (index < 1024) made[index] = label
  return label
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']
]

/** Lower-case roman numeral for a positive integer. */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`roman numeral needs a positive integer, got ${n}`)
  let out = ''
  for (const [value, glyph] of ROMAN) while (n >= value) { out += glyph; n -= value }
  return out
}

/** Roman labels already made, by language. */
const ROMAN_LABELS = new Map<Language, string[]>()

/** A roman label such as `iv)` for a zero-based position. */
function romanLabel(index: number, lang: Language): string {
  let made = ROMAN_LABELS.get(lang)
  if (!made) ROMAN_LABELS.set(lang, made = [])
  if (index < 1024 && made[index] !== undefined) return made[index]!
  const label = closeLabel(romanNumeral(index + 1), lang)
  if (index < 1024) made[index] = label
  return label
}

/** The label of the item at a zero-based position of a list in the given style. */
export function itemLabel(style: ItemStyle, index: number, lang: Language): string {
  switch (style) {
    case 'letter': return letterLabel(index, lang)
    case 'roman': return romanLabel(index, lang)
    case 'dash': return '–'
    case 'bullet': return '•'
  }
}

/** Labels of one document: by node id, plus footnote numbers by position. */
export interface Labels {
  /** Effective label of every provision, item and part, keyed by the node's `id`. */
  readonly byId: ReadonlyMap<string, string>
  /** Footnote number (1-based, document order) keyed by the footnote's position. */
  readonly footnotes: ReadonlyMap<number, number>
}

/** How the provisions of a container are labelled: letters, numbers (after a prefix such as `3.`), roman numerals. */
type Sequence = 'preambular' | 'operative' | 'nested-preambular'

/** What the labels being computed need: the language and where they go. */
interface LabelRun { readonly lang: Language; readonly byId: Map<string, string> }

/** An extension word (`bis`, `ter` ... or Arabic `مكرراً`) ending a label, with the space before it, if any. */
export const LABEL_EXTENSION = /\s*(?:bis|ter|quater|quinquies|sexies|مكرراً|مكرر)$/iu

/**
 * The extension word that ends a label (`bis`, `ter` ... or Arabic `مكرراً`,
 * with the space before it, if any), or null when the label has none.
 */
export function labelExtension(label: string): string | null {
  const m = LABEL_EXTENSION.exec(label)
  return m && m.index > 0 ? m[0] : null
}

/**
 * The label a unit with `override` shows, after units whose last
 * unextended label was `base`: an extended override follows its base
 * (`b)bis` after `c)` is `c)bis`); any other override, or an extended one
 * with no unit before it, is shown as written.
 */
export function overriddenLabel(override: string, base: string | null): string {
  const extension = labelExtension(override)
  return extension !== null && base !== null ? base + extension : override
}

/** Computes every derived label of a resolution document. */
export function computeLabels(doc: Node): Labels {
  const footnotes = new Map<number, number>()
  const byId = computeUnitLabels(doc)
  numberFootnotes(doc, 0, footnotes)
  return { byId, footnotes }
}

/** The labels of a document's provisions, items and parts by id: `computeLabels` without the footnote numbers (no walk through the text). */
export function computeUnitLabels(doc: Node): Map<string, string> {
  const run: LabelRun = { lang: (doc.attrs.lang ?? 'en') as Language, byId: new Map() }
  const parts: PartCount = { count: 0, base: null }
  for (let k = 0; k < doc.childCount; k++) {
    const child = doc.child(k)
    const name = child.type.name
    if (name === 'preambularSection') labelChildren(run, child, 'preambular', '')
    else if (name === 'operativeSection') labelChildren(run, child, 'operative', '')
    else if (name === 'part') labelPart(run, child, parts)
    else if (name === 'annex') {
      // Parts inside an annex are numbered within the annex.
      const annexParts: PartCount = { count: 0, base: null }
      for (let q = 0; q < child.childCount; q++) {
        const inner = child.child(q)
        if (inner.type.name === 'part') labelPart(run, inner, annexParts)
      }
      labelChildren(run, child, 'operative', '')
    }
  }
  return run.byId
}

/** Parts numbered so far in one sequence, and the last label a part took without an extension. */
interface PartCount { count: number; base: string | null }

/** Labels a part (SECTION 3, 1bis) and what it holds. */
function labelPart(run: LabelRun, part: Node, parts: PartCount): void {
  const override = part.attrs.labelOverride as string | null
  const label = override ? overriddenLabel(override, parts.base) : String(++parts.count)
  if (!override || labelExtension(override) === null) parts.base = label
  run.byId.set(part.attrs.id, label)
  labelChildren(run, part, 'operative', `${label}.`)
}

/**
 * Labels the provisions and items directly under `parent` (and, recursively,
 * theirs), its provisions in `sequence`: operative ones after `prefix`, or
 * after `${owner}.` when the container is a provision labelled `owner`
 * (made only if it holds a provision). A plain function with no closures
 * and nothing allocated but the labels: it runs for every container of
 * every document compared.
 */
function labelChildren(run: LabelRun, parent: Node, sequence: Sequence, prefix: string, owner: string | null = null): void {
  const { lang, byId } = run
  let provisionCount = 0
  let itemCount = 0
  let itemStyle: ItemStyle | null = null
  // the last label of each sequence taken without an extension: what a `bis` label extends
  let provisionBase: string | null = null
  let itemBase: string | null = null
  // the previous sibling, when it is a provision-level bracket's alternative: its type, bracket and label
  let prevType: string | null = null
  let prevBracket: string | null = null
  let prevLabel = ''
  for (let k = 0; k < parent.childCount; k++) {
    const child = parent.child(k)
    const name = child.type.name
    if (name !== 'provision' && name !== 'item') { prevType = null; continue }
    const bracket = child.attrs.bracket as string | null | undefined
    const shared = bracket != null && prevType === name && prevBracket === bracket ? prevLabel : null
    const override = child.attrs.labelOverride as string | null
    let label: string
    const extended = override ? labelExtension(override) !== null : false
    if (name === 'provision') {
      if (shared !== null) label = shared
      else if (override) label = overriddenLabel(override, provisionBase)
      else {
        if (sequence === 'preambular') label = letterLabel(provisionCount, lang)
        else if (sequence === 'nested-preambular') label = itemLabel('roman', provisionCount, lang)
        else {
          if (owner !== null) { prefix = `${owner}.`; owner = null }
          label = prefix + String(provisionCount + 1)
        }
        provisionCount++
      }
      if (shared === null && !extended) provisionBase = label
    } else {
      const style = child.attrs.style as ItemStyle
      if (style !== itemStyle) { itemStyle = style; itemCount = 0; itemBase = null }
      if (shared !== null) label = shared
      else if (override) label = overriddenLabel(override, itemBase)
      else { label = itemLabel(style, itemCount, lang); itemCount++ }
      if (shared === null && !extended) itemBase = label
    }
    byId.set(child.attrs.id, label)
    if (bracket != null) { prevType = name; prevBracket = bracket; prevLabel = label } else prevType = null
    // what an item holds goes on in this sequence; a provision's provisions are nested (`1.1`, `i)`)
    if (name === 'item') labelChildren(run, child, sequence, prefix, owner)
    else labelChildren(run, child, sequence === 'operative' ? 'operative' : 'nested-preambular', '', label)
  }
}

/**
 * Numbers the footnotes under `node` (whose content starts at `start`) in
 * document order, by position; text nodes, which cannot hold one, are
 * stepped over without a call (this walk runs for every comparison).
 */
function numberFootnotes(node: Node, start: number, footnotes: Map<number, number>): void {
  let pos = start
  for (let k = 0; k < node.childCount; k++) {
    const child = node.child(k)
    if (!child.isText) {
      if (child.type.name === 'footnote') footnotes.set(pos, footnotes.size + 1)
      if (child.childCount > 0) numberFootnotes(child, pos + 1, footnotes)
    }
    pos += child.nodeSize
  }
}

/** Labels already normalised (a small, bounded cache: the same few labels recur in every comparison). */
const NORMALISED = new Map<string, string>()

/** Normalises a label for comparison: NFKC, no spaces, no trailing tab. */
export function normaliseLabel(label: string): string {
  let n = NORMALISED.get(label)
  if (n === undefined) {
    n = label.normalize('NFKC').replace(/[\s\u200f\u200e]+/g, '')
    if (NORMALISED.size >= 4096) NORMALISED.clear()
    NORMALISED.set(label, n)
  }
  return n
}
