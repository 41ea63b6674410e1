/**
 * The revision layout: a resolution (plain or revision document) flattened
 * into ITU-styled paragraphs of runs, each run plain, inserted or deleted.
 * Every exporter (tracked DOCX, static DOCX, HTML) writes from this one
 * layout, so they agree on what text, labels and marks a proposal shows.
 *
 * Labels are written as text: a provision whose label changed shows the old
 * label struck and the new one inserted (`د ب)`, `2 4`), sharing what the two
 * have in common (the closing `)`).
 */
import type { Mark, Node } from 'prosemirror-model'
import { computeLabels, directionOf, languageInfo, type Direction, type Labels, type Language, type RevisionInfo } from '../schema/index.js'
import { separateArabicLabel } from './arabic-label.js'

/** ITU paragraph style names (the `w:styleId`s of styles.xml). */
export type ParagraphStyle =
  | 'Normal' | 'ResNo' | 'Restitle' | 'Resref' | 'Normalaftertitle' | 'Call'
  | 'enumlev1' | 'enumlev2' | 'enumlev3' | 'Note' | 'Proposal' | 'Reasons'
  | 'SectionNo' | 'Sectiontitle' | 'AnnexNo' | 'Annextitle'
  | 'Origin' | 'Source' | 'Title1' | 'Title2' | 'Headingb'

/** One tracked change on a run or a paragraph mark: who, when, and which way. */
export interface RevisionMark {
  readonly kind: 'insertion' | 'deletion'
  readonly author: string | null
  readonly delegation: string | null
  /** ISO 8601 date-time. */
  readonly date: string | null
}

/** A stretch of text with one formatting and at most one revision mark. TABs are `\t`. */
export interface LayoutRun {
  readonly text: string
  readonly revision?: RevisionMark
  readonly em?: boolean
  readonly strong?: boolean
  readonly script?: 'super' | 'sub'
  /** Set on a footnote reference: the footnote's text (`text` is then its number). */
  readonly footnote?: string
}

/** One side of a moved provision. */
export interface LayoutMove {
  /** Links the two sides (the revision's `moveId`). */
  readonly id: string
  readonly side: 'from' | 'to'
}

/** One paragraph of the layout. */
export interface LayoutParagraph {
  readonly style: ParagraphStyle
  readonly runs: readonly LayoutRun[]
  /** The paragraph belongs to a moved provision. */
  readonly move?: LayoutMove
  /** The paragraph as a whole was inserted or deleted (its paragraph mark is tracked too). */
  readonly mark?: RevisionMark
}

/** A flattened document, ready to be written. */
export interface Layout {
  readonly lang: Language
  readonly dir: Direction
  readonly paragraphs: readonly LayoutParagraph[]
}

/** Who is credited with revisions whose marks carry no author. */
export interface LayoutOptions {
  readonly author?: string | null
  readonly delegation?: string | null
  readonly date?: string | null
  /** Drop every revision mark (an ADD: new text shown without marks). */
  readonly plain?: boolean
}

/** Nodes the proposal assembler renders itself, skipped when laying out a resolution. */
const PROPOSAL_PARTS = new Set(['proposalHeader', 'proposalMarker', 'reasons'])

function revisionOf(marks: readonly Mark[], opts: LayoutOptions): RevisionMark | undefined {
  if (opts.plain) return undefined
  for (const m of marks) {
    const kind = m.type.name
    if (kind === 'insertion' || kind === 'deletion') {
      return {
        kind,
        author: (m.attrs.author as string | null) ?? opts.author ?? null,
        delegation: (m.attrs.delegation as string | null) ?? opts.delegation ?? null,
        date: (m.attrs.date as string | null) ?? opts.date ?? null
      }
    }
  }
  return undefined
}

/** The runs of a textblock's inline content, footnotes numbered from `footnoteNumber`. */
export function inlineRuns(block: Node, opts: LayoutOptions, footnoteNumber: () => number): LayoutRun[] {
  const runs: LayoutRun[] = []
  block.forEach(child => {
    const has = (name: string) => child.marks.some(m => m.type.name === name)
    const base = {
      revision: revisionOf(child.marks, opts),
      ...(has('em') ? { em: true } : {}),
      ...(has('strong') ? { strong: true } : {}),
      ...(has('superscript') ? { script: 'super' as const } : has('subscript') ? { script: 'sub' as const } : {})
    }
    if (child.isText) runs.push({ text: child.text ?? '', ...base })
    else if (child.type.name === 'footnote') runs.push({ text: String(footnoteNumber()), footnote: child.textContent, ...base })
  })
  return mergeRuns(runs)
}

function sameFormat(a: LayoutRun, b: LayoutRun): boolean {
  const ra = a.revision, rb = b.revision
  const sameRev = ra === rb || (!!ra && !!rb && ra.kind === rb.kind && ra.author === rb.author && ra.delegation === rb.delegation && ra.date === rb.date)
  return sameRev && !a.footnote && !b.footnote && a.em === b.em && a.strong === b.strong && a.script === b.script
}

/** Joins neighbouring runs with the same formatting and revision. */
export function mergeRuns(runs: readonly LayoutRun[]): LayoutRun[] {
  const out: LayoutRun[] = []
  for (const r of runs) {
    if (!r.text && !r.footnote) continue
    const last = out[out.length - 1]
    if (last && sameFormat(last, r)) out[out.length - 1] = { ...last, text: last.text + r.text }
    else out.push(r)
  }
  return out
}

/**
 * The runs that write a label: the same label once, plain; a changed label
 * as old struck then new inserted, their common ending written once.
 */
export function labelRuns(oldLabel: string | null | undefined, newLabel: string | null | undefined, lang: Language, mark: (kind: 'insertion' | 'deletion') => RevisionMark | undefined): LayoutRun[] {
  const o = oldLabel ?? '', n = newLabel ?? ''
  if (o === n) return o ? [{ text: o }] : []
  if (!o) return [{ text: n, revision: mark('insertion') }]
  if (!n) return [{ text: o, revision: mark('deletion') }]
  let common = 0
  while (common < o.length && common < n.length && o[o.length - 1 - common] === n[n.length - 1 - common]) common++
  const oldPart = o.slice(0, o.length - common)
  let newPart = n.slice(0, n.length - common)
  const shared = n.slice(n.length - common)
  if (lang === 'ar') newPart = separateArabicLabel(oldPart, newPart)
  const runs: LayoutRun[] = [{ text: oldPart, revision: mark('deletion') }]
  if (newPart) runs.push({ text: newPart, revision: mark('insertion') })
  if (shared) runs.push({ text: shared })
  return runs
}

/** The first insertion or deletion mark of a kind inside a node: who to credit for its label and paragraph mark. */
function markWithin(node: Node, kind: 'insertion' | 'deletion'): Mark | undefined {
  let found: Mark | undefined
  node.descendants(child => {
    if (found) return false
    found = child.marks.find(m => m.type.name === kind)
    return !found
  })
  return found
}

const ITEM_LEVELS: ParagraphStyle[] = ['enumlev1', 'enumlev2', 'enumlev3']

/** Lays out the resolution part of a document (heading to annexes), skipping any proposal cover, marker and reasons. */
export function layoutResolution(doc: Node, opts: LayoutOptions = {}): Layout {
  const lang = (doc.attrs.lang ?? 'en') as Language
  const labels: Labels = computeLabels(doc)
  const paragraphs: LayoutParagraph[] = []
  let footnotes = 0
  const nextFootnote = () => ++footnotes
  const markOf = (kind: 'insertion' | 'deletion', within?: Node): RevisionMark | undefined => {
    if (opts.plain) return undefined
    const found = within ? markWithin(within, kind) : undefined
    return found ? revisionOf([found], opts) : { kind, author: opts.author ?? null, delegation: opts.delegation ?? null, date: opts.date ?? null }
  }

  /** Whole-unit status of the nearest revised ancestor: decides paragraph marks and moves. */
  interface Scope { mark?: RevisionMark; move?: LayoutMove }
  const scopeOf = (node: Node, outer: Scope): Scope => {
    const rev = node.attrs.revision as RevisionInfo | null | undefined
    if (!rev || opts.plain) return outer
    switch (rev.status) {
      case 'added': return { mark: markOf('insertion', node) }
      case 'suppressed': return { mark: markOf('deletion', node) }
      case 'moved-from': return { mark: markOf('deletion', node), move: { id: rev.moveId ?? node.attrs.id, side: 'from' } }
      case 'moved-to': return { mark: markOf('insertion', node), move: { id: rev.moveId ?? node.attrs.id, side: 'to' } }
      default: return outer
    }
  }
  const push = (style: ParagraphStyle, runs: LayoutRun[], scope: Scope) => {
    paragraphs.push({ style, runs: mergeRuns(runs), ...(scope.move ? { move: scope.move } : {}), ...(scope.mark ? { mark: scope.mark } : {}) })
  }
  const labelOf = (node: Node): LayoutRun[] => {
    const rev = node.attrs.revision as RevisionInfo | null | undefined
    if (rev && !opts.plain) {
      const o = rev.status === 'added' || rev.status === 'moved-to' ? null : rev.oldLabel
      const n = rev.status === 'suppressed' || rev.status === 'moved-from' ? null : rev.newLabel
      return labelRuns(o, n, lang, kind => markOf(kind, node))
    }
    const label = rev ? (rev.newLabel ?? rev.oldLabel) : labels.byId.get(node.attrs.id)
    return label ? [{ text: label }] : []
  }

  const layoutLabelled = (node: Node, scope: Scope, style: ParagraphStyle, depth: number) => {
    const inner = scopeOf(node, scope)
    let first = true
    node.forEach(child => {
      const name = child.type.name
      if (name === 'paragraph') {
        const lead: LayoutRun[] = first ? [...labelOf(node), inner.mark ? { text: '\t', revision: inner.mark } : { text: '\t' }] : []
        push(first ? style : 'Normal', [...lead, ...inlineRuns(child, opts, nextFootnote)], inner)
        first = false
      } else if (name === 'note') push('Note', inlineRuns(child, opts, nextFootnote), inner)
      else if (name === 'item') layoutLabelled(child, inner, ITEM_LEVELS[Math.min(depth, 2)]!, depth + 1)
      else if (name === 'provision') layoutLabelled(child, inner, 'Normal', depth)
    })
  }
  const layoutBlocks = (parent: Node, scope: Scope) => {
    parent.forEach(child => {
      const name = child.type.name
      if (name === 'provision') layoutLabelled(child, scope, 'Normal', 0)
      else if (name === 'item') layoutLabelled(child, scope, ITEM_LEVELS[0]!, 1)
      else if (name === 'paragraph') push('Normal', inlineRuns(child, opts, nextFootnote), scope)
      else if (name === 'note') push('Note', inlineRuns(child, opts, nextFootnote), scope)
      else if (name === 'part') layoutPart(child, scope)
      else if (name === 'sectionHeading') push('Call', inlineRuns(child, opts, nextFootnote), scope)
    })
  }
  const layoutPart = (node: Node, scope: Scope) => {
    const inner = scopeOf(node, scope)
    const word = `${languageInfo(lang).partWord} `
    push('SectionNo', [inner.mark ? { text: word, revision: inner.mark } : { text: word }, ...labelOf(node)], inner)
    node.forEach(child => { if (child.type.name === 'partTitle') push('Sectiontitle', inlineRuns(child, opts, nextFootnote), inner) })
    layoutBlocks(node, inner)
  }

  const TOP: Record<string, ParagraphStyle> = {
    resolutionHeading: 'ResNo', resolutionTitle: 'Restitle', historyLine: 'Resref', assemblyFormula: 'Normalaftertitle',
    annexHeading: 'AnnexNo', annexTitle: 'Annextitle'
  }
  doc.forEach(child => {
    const name = child.type.name
    if (PROPOSAL_PARTS.has(name)) return
    const style = TOP[name]
    if (style) push(style, inlineRuns(child, opts, nextFootnote), {})
    else if (name === 'preambularSection' || name === 'operativeSection') layoutBlocks(child, scopeOf(child, {}))
    else if (name === 'part') layoutPart(child, {})
    else if (name === 'annex') {
      const scope = scopeOf(child, {})
      child.forEach(c => {
        const s = TOP[c.type.name]
        if (s) push(s, inlineRuns(c, opts, nextFootnote), scope)
      })
      layoutBlocks(child, scope)
    }
  })
  return { lang, dir: directionOf(lang), paragraphs }
}

/** The text of a paragraph as it reads with all changes accepted (`new`) or rejected (`old`). */
export function paragraphText(p: LayoutParagraph, view: 'old' | 'new'): string {
  const drop = view === 'new' ? 'deletion' : 'insertion'
  return p.runs.filter(r => r.revision?.kind !== drop && !r.footnote).map(r => r.text).join('')
}

/** The lines of a layout in one view; paragraphs inserted (old view) or deleted (new view) as a whole are left out. */
export function layoutLines(layout: Layout, view: 'old' | 'new'): string[] {
  const drop = view === 'new' ? 'deletion' : 'insertion'
  return layout.paragraphs.filter(p => p.mark?.kind !== drop).map(p => paragraphText(p, view))
}
