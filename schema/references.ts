/**
 * Cross-references between provisions of one resolution. A reference is
 * text carrying the `reference` mark, whose `target` is a provision's or an
 * item's id; its text is derived like a label: the words of the section
 * heading that holds the target (Arabic without its leading «و») and the
 * target's label, "considering b)", «إذ تضع في اعتبارها ز)», "resolves 3 a)";
 * or the label alone after a comma ("considering e), f) and g)").
 *
 * - `linkReferences(doc)` finds references written as plain text (the
 *   importer calls it) and marks those it can resolve; the rest stay text,
 *   each with a warning. French, Spanish and Russian put the label first
 *   ("point 3 du décide"): the label alone is marked. Chinese writes no
 *   space between the words and the label (考虑到b)). A reference followed
 *   by the name of another text ("resolves 1 of Resolution 2") is that
 *   text's, and stays plain text.
 * - `referenceFixes(doc)` lists the references whose text no longer matches
 *   their target (after provisions were inserted, deleted or moved) and
 *   those whose target is gone (a suppressed provision): the editor rewrites
 *   the first and flags the second.
 *
 * Because the reference is text, every renderer and exporter shows it as
 * text, and the diff engine shows a changed label as struck and inserted
 * words like any other edit.
 */
import type { Mark, Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { computeLabels, normaliseLabel } from './numbering.js'
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

/** A reference that could not be linked, as written. */
export interface UnresolvedReference {
  readonly text: string
  readonly message: string
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

/** The nouns and connector of references that name the label first (French, Spanish, Russian). */
const LABEL_FIRST_PHRASES: Readonly<Record<string, { readonly numbered: string; readonly lettered: string; readonly connector: string }>> = {
  fr: { numbered: 'point', lettered: 'alinéa', connector: 'du' },
  es: { numbered: 'punto', lettered: 'apartado', connector: 'del' },
  ru: { numbered: 'пункт', lettered: 'пункт', connector: 'раздела' }
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
function wordsAfter(after: string, sectionWords: RegExp | null): { at: number; text: string } | null {
  const m = sectionWords?.exec(after)
  if (!m || NOT_LETTER_NEXT.test(after.slice(m[0].length))) return null
  return { at: m[1]!.length, text: m[2]! }
}

/** Lists every reference of a document with the text it should show. */
export function referenceSpans(doc: Node, targets: ReadonlyMap<string, ReferenceTarget> = referenceTargets(doc)): ReferenceSpan[] {
  const spans: ReferenceSpan[] = []
  const allWords = [...new Set([...targets.values()].map(t => t.words).filter(Boolean))].sort((a, b) => b.length - a.length)
  const sectionWords = allWords.length ? new RegExp(`^(\\s+(?:${LABEL_FIRST_CONNECTOR})\\s+)(${allWords.map(w => w.split(' ').map(escape).join('\\s+')).join('|')})`, 'i') : null
  let open: { from: number; to: number; mark: Mark; text: string } | null = null
  const close = () => {
    if (!open) return
    const target = targets.get(open.mark.attrs.target as string)
    const full = open.mark.attrs.form !== 'label'
    const span: ReferenceSpan = { from: open.from, to: open.to, target: open.mark.attrs.target as string, full, text: open.text, expected: target ? referenceText(target, full) : null }
    const $to = full ? null : doc.resolve(open.to)
    const tail = $to && wordsAfter($to.parent.textBetween($to.parentOffset, $to.parent.content.size), sectionWords)
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
    tr.replaceWith(from, to, resolutionSchema.text(text, first?.marks ?? marks))
  }
  for (const f of fixes.reverse()) {
    // the words stand after the label: rewritten first, the label's place holds
    if (wordsWrong(f)) rewrite(f.words!.from, f.words!.to, f.words!.expected!)
    if (!sameReferenceText(f.text, f.expected!)) rewrite(f.from, f.to, f.expected!)
  }
  return tr
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A label as written in running text: spaces optional inside (`و )` / `و)`). */
const labelPattern = (label: string) => [...label.replace(/\s+/g, '')].map(escape).join('\\s?')
/** Ends with a letter or mark: a section's words found there are the end of a longer word. */
const AFTER_LETTER = /[\p{L}\p{M}]$/u
/** One or two characters that may be an item's letters (checked to be letters by `labelIsLetters`). */
const LABEL_LETTERS = '[^\\s\\d().,;:،]{1,2}'
/** Whether a label found in running text (`3`, `3 b)`, `b)`) has only letters where a letter goes. */
const labelIsLetters = (label: string) => /^[\d.\s]*(?:\p{L}{1,2}\s?\))?$/u.test(label)
const SEPARATOR = /^(\s*(?:,|،|and|et|y|и|和|、)\s*|\s*و\s*|\s+and\s+)/u
/**
 * What follows a reference to a provision of another text: "resolves 1 of
 * Resolution 2", "considering b) in Recommendation ITU-T X.1205", « du
 * décide de la Résolution 2 », «من القرار 2», "Резолюции 2" ... Such a
 * reference is not this resolution's and is left as text (relinking it to
 * this text's own resolves 1 would rewrite the citation when this text is
 * renumbered). "of this resolution" is this text's own.
 */
const OTHER_TEXT = new RegExp('^[\\s\u00a0]*[,،]?[\\s\u00a0]*(?:(?:of|in|from|to|under|de\\s+la|de\\s+l\'|del|de|du|des|en|من|في|ب)[\\s\u00a0]+)?(?:(?:the|la|le|el|les|los)[\\s\u00a0]+)?(?:' + [
  'Resolution', 'Recommendation', 'Decision', 'Opinion', 'Question', 'Article', 'Annex', 'Constitution', 'Convention',
  'Résolution', 'Recommandation', 'Décision', 'Avis', 'Annexe',
  'Resolución', 'Recomendación', 'Decisión', 'Opinión', 'Cuestión', 'Artículo', 'Anexo', 'Constitución', 'Convenio',
  'Резолюци', 'Рекомендаци', 'Решени', 'Мнени', 'Вопрос', 'Стать', 'Приложени', 'Устав', 'Конвенци',
  '[بلو]?(?:القرار|التوصية|المقرر|الرأي|المسألة|المادة|الملحق|الدستور|الاتفاقية)',
  '第'
].join('|') + ')', 'iu')

/**
 * The French, Spanish and Russian way: the label first, then the section's
 * words ("point 3 du décide", "alinéa b) du considérant", "punto 3 del
 * resuelve", "пункт 3 раздела решает"). The label alone is the reference
 * (form `label`): it follows renumbering; the words stay as written.
 */
const LABEL_FIRST = ['points?', 'alinéas?', 'paragraphes?', 'sous-alinéas?', 'puntos?', 'apartados?', 'párrafos?', 'incisos?', 'пункт(?:а|у|е|ом|ы|ов|ам|ами|ах)?', 'подпункт(?:а|у|е|ом|ы|ов|ам|ами|ах)?'].join('|')
const LABEL_FIRST_CONNECTOR = ['du', 'de\\s+la', "de\\s+l'", 'del', 'раздела', 'разделе'].join('|')
const NOT_LETTER_NEXT = /^[\p{L}\p{M}\p{N}]/u
/** Chinese, Japanese and Korean ideographs and their radicals. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/
/** Before a Chinese reference: the name of another text ("第40号决议", "第40号决议的"), whose provision it is. */
const ANOTHER_CHINESE_TEXT = /号(?:决议|建议书?|决定|意见)(?:的)?\s*$/
/** Between the labels of a list: a comma, or "and" in these languages. */
const LABEL_LIST_SEPARATOR = '(?:\\s*,\\s*|\\s+(?:et|y|e|и|and)\\s+)'

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
  const re = new RegExp(`(${words.map(w => w.split(' ').map(escape).join('\\s+')).join('|')})(\\s*)((?:\\d+(?:\\.\\d+)*(?:\\s?${LABEL_LETTERS}\\s?\\))?)|(?:${LABEL_LETTERS}\\s?\\)))`, 'g')
  // the label first: one label or a list of them ("points 1, 2 et 3 du décide"), the connector, the words
  const oneLabel = `(?:\\d+(?:\\.\\d+)*(?:\\s?${LABEL_LETTERS}\\s?\\))?|${LABEL_LETTERS}\\s?\\))`
  const labelFirst = new RegExp(`(?:${LABEL_FIRST})\\s+(${oneLabel}(?:${LABEL_LIST_SEPARATOR}${oneLabel})*)\\s+(?:${LABEL_FIRST_CONNECTOR})\\s+(${words.map(w => w.split(' ').map(escape).join('\\s+')).join('|')})`, 'gi')
  const labelOfList = new RegExp(oneLabel, 'g')
  const tr = new Transform(doc)
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    const parent = node.type.name
    if (parent === 'sectionHeading' || parent === 'partTitle' || parent === 'resolutionHeading') return false
    node.forEach((child, offset) => {
      if (!child.isText || referenceMark(child.marks)) return
      const text = child.text!
      const start = pos + 1 + offset
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
          if (!cjk && !OTHER_TEXT.test(text.slice(at))) unresolved.push({ text: m[0], message: `reference "${m[0]}" names no provision of the section "${heading}"; kept as text` })
          continue
        }
        const from = start + m.index!
        const marks: { from: number; to: number; target: string; form: 'full' | 'label' }[] = [{ from, to: from + m[0].length, target: target.id, form: 'full' }]
        // label-only references after it: ", f), g) and h)"
        for (;;) {
          const sep = SEPARATOR.exec(text.slice(at))
          if (!sep) break
          const rest = text.slice(at + sep[0].length)
          const more = new RegExp(`^(${[...inSection.values()].map(t => labelPattern(t.label)).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'u').exec(rest)
          if (!more) break
          const label = inSection.get(normaliseLabel(more[1]!))
          if (!label) break
          const lf = start + at + sep[0].length
          marks.push({ from: lf, to: lf + more[1]!.length, target: label.id, form: 'label' })
          at += sep[0].length + more[1]!.length
        }
        // "considering e) and f) of Resolution 40": another text's provisions
        if (OTHER_TEXT.test(text.slice(at))) continue
        for (const r of marks) tr.addMark(r.from, r.to, resolutionSchema.marks.reference!.create({ target: r.target, form: r.form }))
      }
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
          if (!target) { unresolved.push({ text: m[0], message: `reference "${m[0]}" names no provision ${l[0]} of the section "${heading}"; kept as text` }); continue }
          const from = listAt + l.index
          if (tr.doc.rangeHasMark(from, from + l[0].length, resolutionSchema.marks.reference!)) continue
          tr.addMark(from, from + l[0].length, resolutionSchema.marks.reference!.create({ target: target.id, form: 'label' }))
        }
      }
    })
    return false
  })
  return { doc: tr.doc, unresolved }
}
