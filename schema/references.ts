/**
 * Cross-references between provisions of one resolution. A reference is
 * text carrying the `reference` mark, whose `target` is a provision's or an
 * item's id; its text is derived like a label: the words of the section
 * heading that holds the target (Arabic without its leading «و») and the
 * target's label, "considering b)", «إذ تضع في اعتبارها ز)», "resolves 3 a)";
 * or the label alone after a comma ("considering e), f) and g)"). Chinese
 * writes no space between the two (考虑到b)). French, Spanish and Russian
 * name the label first ("alinéa b) du considérant"): there the label alone
 * carries the mark (form `label`), and the section's words written after it
 * are kept right too (`referencePhrase` writes such references).
 *
 * - `linkReferences(doc)` (reference-linking.ts) finds references written
 *   as plain text.
 * - `referenceFixes(doc)` lists the references whose text no longer matches
 *   their target (after provisions were inserted, deleted or moved) and
 *   those whose target is gone (a suppressed provision): the editor rewrites
 *   the first and flags the second.
 *
 * Because the reference is text, every renderer and exporter shows it as
 * text, and the diff engine shows a changed label as struck and inserted
 * words like any other edit.
 */
import { Mark, type Node } from 'prosemirror-model'
import type { Transform } from 'prosemirror-transform'
import { computeLabels, normaliseLabel } from './numbering.js'
import { CJK, LABEL_FIRST_CONNECTOR, LABEL_FIRST_PHRASES, NOT_LETTER_NEXT, wordsPattern } from './reference-forms.js'
import { resolutionSchema } from './schema.js'

/** What a provision or item can be referred to as. */
export interface ReferenceTarget {
  /** The target's id. */
  readonly id: string
  /** The words of its section's heading, as a reference writes them. */
  readonly words: string
  /** Its label; for an item, its provision's label then its own (`3 a)`). */
  readonly label: string
}

/** A reference found in a document. */
export interface ReferenceSpan {
  readonly from: number
  readonly to: number
  readonly target: string
  readonly full: boolean
  /** The text it shows now. */
  readonly text: string
  /** The text it should show (null when its target is not in the document). */
  readonly expected: string | null
  /**
   * A label-first reference's section words written after it ("b) du
   * considérant"), which name its target's section: where they stand, what
   * they say, and what they should say.
   */
  readonly words?: { readonly from: number; readonly to: number; readonly text: string; readonly expected: string | null }
}

const SECTIONS = new Set(['preambularSection', 'operativeSection', 'part'])

/** The words a reference takes from a section heading: trimmed, no trailing punctuation, Arabic without the leading «و». */
export function referenceWords(heading: string): string {
  let t = heading.replace(/\u0640/g, '').replace(/[\s\u00a0]+/g, ' ').trim().replace(/[\s,،:;.؛]+$/u, '')
  if (/^و\s*إذ/.test(t)) t = t.replace(/^و\s*/, '')
  return t
}

/** Every provision and item a reference can point at, by id. */
export function referenceTargets(doc: Node): Map<string, ReferenceTarget> {
  const labels = computeLabels(doc).byId
  const out = new Map<string, ReferenceTarget>()
  const walk = (node: Node, words: string, prefix: string) => {
    node.forEach(child => {
      const name = child.type.name
      if (name !== 'provision' && name !== 'item') return
      const own = labels.get(child.attrs.id as string) ?? ''
      const label = name === 'item' && prefix ? `${prefix} ${own}` : own
      if (own) out.set(child.attrs.id as string, { id: child.attrs.id as string, words, label })
      walk(child, words, name === 'provision' ? own : prefix)
    })
  }
  doc.forEach(section => {
    if (!SECTIONS.has(section.type.name)) return
    const heading = section.firstChild
    const words = heading && (heading.type.name === 'sectionHeading' || heading.type.name === 'partTitle') ? referenceWords(heading.textContent) : ''
    walk(section, words, '')
  })
  return out
}

/** The text of a reference to `target`: words and label (Chinese without a space between them), or the label alone. */
export function referenceText(target: ReferenceTarget, full: boolean): string {
  if (!full || !target.words) return target.label
  return CJK.test(target.words.slice(-1)) ? target.words + target.label : `${target.words} ${target.label}`
}

/** A reference as written in running text, and where its label stands in it. */
export interface ReferencePhrase {
  readonly text: string
  /** The part of `text` that carries the reference mark (the whole of it, or the label alone). */
  readonly markFrom: number
  readonly markTo: number
  /** The mark's form: `full` (words and label) or `label` (the label alone, its words written around it). */
  readonly form: 'full' | 'label'
}

/**
 * How a reference to `target` is written in a text of language `lang`:
 * "considering b)", «إذ تضع في اعتبارها ب)», or, in French, Spanish and
 * Russian, the label first: "alinéa b) du considérant", "punto 1 del
 * resuelve", "пункт 1 раздела решает" (the label alone carries the mark;
 * `linkReferences` reads all of these back).
 */
export function referencePhrase(target: ReferenceTarget, lang: string): ReferencePhrase {
  const way = LABEL_FIRST_PHRASES[lang]
  if (!way || !target.words) {
    const text = referenceText(target, true)
    return { text, markFrom: 0, markTo: text.length, form: 'full' }
  }
  const head = `${/^\d/.test(target.label) ? way.numbered : way.lettered} `
  return { text: `${head}${target.label} ${way.connector} ${target.words}`, markFrom: head.length, markTo: head.length + target.label.length, form: 'label' }
}

/** True when two reference texts say the same (spaces inside labels, NFKC and tatweel aside). */
export function sameReferenceText(a: string, b: string): boolean {
  const norm = (t: string) => normaliseLabel(t.replace(/\u0640/g, ''))
  return norm(a) === norm(b)
}

function referenceMark(marks: readonly Mark[]): Mark | null {
  return marks.find(m => m.type.name === 'reference') ?? null
}

/** The section words after a label-first reference (" du considérant"), if any: their place in `after`. */
function wordsAfter(after: string, sectionWords: RegExp): { at: number; text: string } | null {
  const m = sectionWords.exec(after)
  if (!m || NOT_LETTER_NEXT.test(after.slice(m[0].length))) return null
  return { at: m[1]!.length, text: m[2]! }
}

/** Lists every reference of a document with the text it should show. */
export function referenceSpans(doc: Node, targets: ReadonlyMap<string, ReferenceTarget> = referenceTargets(doc)): ReferenceSpan[] {
  const spans: ReferenceSpan[] = []
  // what a label-first reference's words can be: made when the first one is met (most texts have none)
  let sectionWords: RegExp | null | undefined
  const sectionWordsPattern = () => {
    const words = [...new Set([...targets.values()].map(t => t.words).filter(Boolean))]
    return words.length ? new RegExp(`^(\\s+(?:${LABEL_FIRST_CONNECTOR})\\s+)(${wordsPattern(words)})`, 'i') : null
  }
  let open: { from: number; to: number; mark: Mark; text: string } | null = null
  const close = () => {
    if (!open) return
    const target = targets.get(open.mark.attrs.target as string)
    const full = open.mark.attrs.form !== 'label'
    const span: ReferenceSpan = { from: open.from, to: open.to, target: open.mark.attrs.target as string, full, text: open.text, expected: target ? referenceText(target, full) : null }
    if (!full && sectionWords === undefined) sectionWords = sectionWordsPattern()
    const $to = full || !sectionWords ? null : doc.resolve(open.to)
    const tail = $to && wordsAfter($to.parent.textBetween($to.parentOffset, $to.parent.content.size), sectionWords!)
    spans.push(tail ? { ...span, words: { from: open.to + tail.at, to: open.to + tail.at + tail.text.length, text: tail.text, expected: target?.words || null } } : span)
    open = null
  }
  doc.descendants((node, pos) => {
    if (!node.isInline) { close(); return true }
    const mark = node.isText ? referenceMark(node.marks) : null
    if (open && mark && mark.eq(open.mark) && open.to === pos) { open.to = pos + node.nodeSize; open.text += node.text!; return false }
    close()
    if (mark) open = { from: pos, to: pos + node.nodeSize, mark, text: node.text! }
    return false
  })
  close()
  return spans
}

/** True when a label-first reference's section words name another section than its target's. */
const wordsWrong = (s: ReferenceSpan) => !!s.words && s.words.expected !== null && !sameReferenceText(s.words.text, s.words.expected)

/** The references whose text differs from their target's words and label, or whose target is gone. */
export function referenceFixes(doc: Node): ReferenceSpan[] {
  return referenceSpans(doc).filter(s => s.expected === null || !sameReferenceText(s.text, s.expected) || wordsWrong(s))
}

/** Spaces that stand for one another in a reference's words (space, no-break space, narrow no-break space). */
const SPACES = /^[ \u00a0\u202f]$/

/**
 * Rewrites every reference whose target moved or was renumbered (keeping
 * its other marks), and the section words after a label-first one;
 * references whose target is gone are left as they are. Returns the
 * transform (no steps when nothing changed).
 */
export function fixReferences(tr: Transform): Transform {
  const fixes = referenceFixes(tr.doc).filter(f => f.expected !== null)
  const rewrite = (from: number, to: number, text: string) => {
    const marks = tr.doc.resolve(from).marksAcross(tr.doc.resolve(to)) ?? []
    const first = tr.doc.nodeAt(from)
    const old = tr.doc.textBetween(from, to)
    // Only what differs is rewritten, a space of one kind standing for another (the text's no-break space kept):
    // rewritten whole, 'في\u00a0اعتبارها و)' became 'في اعتبارها ز )', and the amendment view struck the no-break
    // space beside the new label. Only over plain text (one position a character), with the marks all alike.
    let start = 0
    let end = 0
    let alike = first?.isText === true
    tr.doc.nodesBetween(from, to, n => { if (n.isInline && (!n.isText || !Mark.sameSet(n.marks, first!.marks))) alike = false })
    if (alike && old.length === to - from) {
      const same = (a: string, b: string) => a === b || (SPACES.test(a) && SPACES.test(b))
      while (start < old.length && start < text.length && same(old[start]!, text[start]!)) start++
      while (end < old.length - start && end < text.length - start && same(old[old.length - 1 - end]!, text[text.length - 1 - end]!)) end++
    }
    const middle = text.slice(start, text.length - end)
    if (middle) tr.replaceWith(from + start, to - end, resolutionSchema.text(middle, first?.marks ?? marks))
    else if (to - end > from + start) tr.delete(from + start, to - end)
  }
  for (const f of fixes.reverse()) {
    // the words stand after the label: rewritten first, the label's place holds
    if (wordsWrong(f)) rewrite(f.words!.from, f.words!.to, f.words!.expected!)
    if (!sameReferenceText(f.text, f.expected!)) rewrite(f.from, f.to, f.expected!)
  }
  return tr
}
