/**
 * Finding references written as plain text (the text importer calls
 * `linkReferences`): a section's words and a label ("considering b)",
 * 考虑到b)), the label first in French, Spanish and Russian ("point 3 du
 * décide"), and label-only ones after either ("considering e), f) and g)",
 * "alinéas a) et c) du considérant"). A reference followed (or, in Chinese,
 * preceded) by the name of another text is that text's, and stays plain
 * text. The forms themselves are in reference-forms.ts.
 */
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { normaliseLabel } from './numbering.js'
import { AFTER_LETTER, ANOTHER_CHINESE_TEXT, CJK, LABEL_FIRST, LABEL_FIRST_CONNECTOR, LABEL_LETTERS, LABEL_LIST_SEPARATOR, labelIsLetters, NOT_LETTER_NEXT, OTHER_TEXT, SEPARATOR, wordsPattern } from './reference-forms.js'
import { referenceTargets, type ReferenceTarget } from './references.js'
import { resolutionSchema } from './schema.js'

/** A reference found in a text: its range in the document, its target's id, and whether it is written whole or as a label alone. */
interface FoundReference { readonly from: number; readonly to: number; readonly target: string; readonly form: 'full' | 'label' }

/** A reference that could not be linked: as written, the label it names, the section's words, and where it stands. */
export interface UnresolvedReference {
  readonly reference: string
  readonly label: string
  readonly heading: string
  /** Its position in the document given to `linkReferences` (marks added do not move it). */
  readonly at: number
}

/**
 * Marks the references written as plain text that resolve to a provision or
 * item of the document; returns the new document and what could not be
 * resolved (a section's words followed by a label it does not have).
 */
export function linkReferences(doc: Node): { doc: Node; unresolved: UnresolvedReference[] } {
  const targets = referenceTargets(doc)
  const byWords = new Map<string, Map<string, ReferenceTarget>>()
  for (const t of targets.values()) {
    if (!t.words) continue
    const map = byWords.get(t.words) ?? new Map<string, ReferenceTarget>()
    map.set(normaliseLabel(t.label), t)
    byWords.set(t.words, map)
  }
  const unresolved: UnresolvedReference[] = []
  if (byWords.size === 0) return { doc, unresolved }
  const words = [...byWords.keys()].sort((a, b) => b.length - a.length)
  // a match's words, their spaces made single, name the longest section words they can be
  const wordsBySpacing = new Map<string, string>()
  for (const w of words) { const single = w.replace(/\s+/g, ' '); if (!wordsBySpacing.has(single)) wordsBySpacing.set(single, w) }
  // words, then a label: letters with a closing parenthesis, or numbers with dots (and an item letter)
  // Kept small, as it is compiled at every start of the command line: no look-behind for "not after a
  // letter" and no Unicode letter classes (both cost milliseconds to compile); the letters of a label
  // and the character before the words are checked on each match instead.
  const re = new RegExp(`(${wordsPattern(words)})(\\s*)((?:\\d+(?:\\.\\d+)*(?:\\s?${LABEL_LETTERS}\\s?\\))?)|(?:${LABEL_LETTERS}\\s?\\)))`, 'g')
  // the label first: one label or a list of them ("points 1, 2 et 3 du décide"), the connector, the words
  const oneLabel = `(?:\\d+(?:\\.\\d+)*(?:\\s?${LABEL_LETTERS}\\s?\\))?|${LABEL_LETTERS}\\s?\\))`
  const labelFirst = new RegExp(`(?:${LABEL_FIRST})\\s+(${oneLabel}(?:${LABEL_LIST_SEPARATOR}${oneLabel})*)\\s+(?:${LABEL_FIRST_CONNECTOR})\\s+(${wordsPattern(words)})`, 'gi')
  const labelOfList = new RegExp(oneLabel, 'g')
  const anyLabelFirst = new RegExp(LABEL_FIRST, 'i')
  // the labels of one section, to find one at the start of a text: made once per section (a list of 16,000
  // label-only references made a pattern of every label for each, and matched each against all: a worker's 30 s)
  const sectionLabels = new Map<string, LabelTrie>()
  const labelsOf = (heading: string, inSection: Map<string, ReferenceTarget>): LabelTrie => {
    let labels = sectionLabels.get(heading)
    if (!labels) sectionLabels.set(heading, labels = new LabelTrie([...inSection.values()].map(t => t.label)))
    return labels
  }
  const tr = new Transform(doc)
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    const parent = node.type.name
    if (parent === 'sectionHeading' || parent === 'partTitle' || parent === 'resolutionHeading') return false
    node.forEach((child, offset) => {
      if (!child.isText || child.marks.some(m => m.type.name === 'reference')) return
      const text = child.text!
      const start = pos + 1 + offset
      // the references found in this text, marked at once at the end (one step per reference cost the block's
      // length each: a list of 16,000 took half a minute)
      const linked: FoundReference[] = []
      const covered = new Uint8Array(text.length)
      const link = (r: FoundReference) => { linked.push(r); covered.fill(1, r.from - start, r.to - start) }
      const isLinked = (from: number, to: number) => covered.subarray(from - start, to - start).includes(1)
      re.lastIndex = 0
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // Chinese writes no spaces: its words may touch the label and follow any character
        const cjk = CJK.test(m[1]!.slice(-1))
        if ((!m[2] && !cjk) || (m.index > 0 && !CJK.test(m[1]![0]!) && AFTER_LETTER.test(text.slice(m.index - 2, m.index))) || !labelIsLetters(m[3]!)) { re.lastIndex = m.index + 1; continue }
        if (cjk && ANOTHER_CHINESE_TEXT.test(text.slice(0, m.index))) continue
        const heading = wordsBySpacing.get(m[1]!.replace(/\s+/g, ' '))!
        const inSection = byWords.get(heading)!
        const target = inSection.get(normaliseLabel(m[3]!))
        let at = m.index! + m[0].length
        if (!target) {
          // (Chinese headings are also words of running text: "考虑到2012年" is no reference)
          if (!cjk && !OTHER_TEXT.test(text.slice(at))) unresolved.push({ reference: m[0], label: m[3]!, heading, at: start + m.index })
          continue
        }
        const from = start + m.index!
        const marks: FoundReference[] = [{ from, to: from + m[0].length, target: target.id, form: 'full' }]
        // label-only references after it: ", f), g) and h)"
        for (;;) {
          const sep = SEPARATOR.exec(text.slice(at))
          if (!sep) break
          const rest = text.slice(at + sep[0].length)
          const more = labelsOf(heading, inSection).longestAtStart(rest)
          if (more === null) break
          const label = inSection.get(normaliseLabel(more))
          if (!label) break
          const lf = start + at + sep[0].length
          marks.push({ from: lf, to: lf + more.length, target: label.id, form: 'label' })
          at += sep[0].length + more.length
        }
        // "considering e) and f) of Resolution 40": another text's provisions
        if (OTHER_TEXT.test(text.slice(at))) continue
        for (const r of marks) if (!isLinked(r.from, r.to)) link(r)
      }
      if (anyLabelFirst.test(text)) linkLabelFirst(text, start, link, isLinked)
      if (linked.length > 0) tr.replaceWith(start, start + text.length, withReferences(child, start, linked))
    })
    return false
  })
  return { doc: tr.doc, unresolved }

  /** Links the references of `text` (at `start`) that name the label first ("point 3 du décide"), skipping what is linked. */
  function linkLabelFirst(text: string, start: number, link: (r: FoundReference) => void, isLinked: (from: number, to: number) => boolean): void {
    labelFirst.lastIndex = 0
    for (let m = labelFirst.exec(text); m; m = labelFirst.exec(text)) {
      const end = m.index + m[0].length
      if ((m.index > 0 && AFTER_LETTER.test(text.slice(m.index - 2, m.index))) || NOT_LETTER_NEXT.test(text.slice(end))) { labelFirst.lastIndex = m.index + 1; continue }
      const said = m[2]!.replace(/\s+/g, ' ')
      const heading = wordsBySpacing.get(said) ?? [...wordsBySpacing].find(([w]) => w.toLowerCase() === said.toLowerCase())?.[1]
      if (!heading || OTHER_TEXT.test(text.slice(end))) continue
      const listAt = start + m.index + m[0].indexOf(m[1]!, m[0].search(/\s/))
      labelOfList.lastIndex = 0
      for (let l = labelOfList.exec(m[1]!); l; l = labelOfList.exec(m[1]!)) {
        if (!labelIsLetters(l[0])) continue
        const target = byWords.get(heading)!.get(normaliseLabel(l[0]))
        if (!target) { unresolved.push({ reference: m[0], label: l[0], heading, at: listAt + l.index }); continue }
        const from = listAt + l.index
        if (!isLinked(from, from + l[0].length)) link({ from, to: from + l[0].length, target: target.id, form: 'label' })
      }
    }
  }
}

/** The text node `child` (at `start`) as text nodes with a reference mark on each range of `linked`. */
function withReferences(child: Node, start: number, linked: readonly FoundReference[]): Node[] {
  const text = child.text!
  const nodes: Node[] = []
  let at = 0
  for (const r of [...linked].sort((a, b) => a.from - b.from)) {
    const from = r.from - start
    const to = r.to - start
    if (from > at) nodes.push(resolutionSchema.text(text.slice(at, from), child.marks))
    nodes.push(resolutionSchema.text(text.slice(from, to), resolutionSchema.marks.reference!.create({ target: r.target, form: r.form }).addToSet(child.marks)))
    at = to
  }
  if (at < text.length) nodes.push(resolutionSchema.text(text.slice(at), child.marks))
  return nodes
}

/** One trie node: the next characters of labels, and whether a label ends here. */
interface TrieNode { readonly next: Map<string, TrieNode>; end: boolean }

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const SPACE = /\s/

/**
 * The labels of a section, to find the longest one a text starts with, its
 * characters written as in the label with at most one white-space character
 * between two of them (`1 0`), and no letter or digit right after it: in
 * time of the label's length, however many labels the section has.
 */
class LabelTrie {
  private readonly root: TrieNode = { next: new Map(), end: false }

  constructor(labels: readonly string[]) {
    for (const label of labels) {
      let node = this.root
      for (const c of label.replace(/\s+/g, '')) {
        let child = node.next.get(c)
        if (!child) node.next.set(c, child = { next: new Map(), end: false })
        node = child
      }
      node.end = true
    }
  }

  /** The longest label `text` starts with, as written there (null when none). */
  longestAtStart(text: string): string | null {
    let node = this.root
    let at = 0
    let found: string | null = null
    for (;;) {
      if (node.end && !LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at) ?? 0x20))) found = text.slice(0, at)
      let from = at
      let c = String.fromCodePoint(text.codePointAt(from) ?? 0)
      let child = at < text.length ? node.next.get(c) : undefined
      // one white-space character may stand between two characters of a label
      if (!child && node !== this.root && SPACE.test(c) && from + 1 < text.length) {
        from++
        c = String.fromCodePoint(text.codePointAt(from)!)
        child = node.next.get(c)
      }
      if (!child) return found
      node = child
      at = from + c.length
    }
  }
}
