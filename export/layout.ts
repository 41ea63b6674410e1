/**
 * The revision layout: a resolution (plain or revision document) flattened
 * into ITU-styled paragraphs of runs, each run plain, inserted or deleted.
 * Every exporter (tracked DOCX, static DOCX, HTML) writes from this one
 * layout, so they agree on what text, labels and marks a proposal shows.
 *
 * Labels are written as text, as schema/revision.ts `shownLabel` says: a
 * provision whose label changed shows the old label struck and the new one
 * inserted (`د ب)`, `24`), their closing `)` written once.
 */
import type { Mark, Node } from 'prosemirror-model'
import { directionOf, labelShower, languageInfo, PROPOSAL_PARTS, type Direction, type Language, revisionOf, type ShownLabel } from '../schema/index.js'
import { foldWhitespaceChanges } from '../diff/whitespace.js'
import { formatSources, isBracketedUnit, parseSources } from '../schema/brackets.js'

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
  /** The sources of a square-bracket option (`[APT, ARB]`), written smaller and distinct (docs/committee-draft.md). */
  readonly sources?: boolean
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
  /**
   * Printed on the page of the paragraph after it: a short first paragraph of a provision that goes on (Resolution
   * 1's "9.8.2 Deletion of Recommendations between WTSAs" above its sub-provisions, a list's introduction).
   */
  readonly keepWithNext?: true
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
  /** Show changes made only of white space as revisions (default: the new white space, plain; see diff/whitespace.ts). */
  readonly showWhitespace?: boolean
}

/** Nodes the proposal assembler renders itself, skipped when laying out a resolution. */

/** The revision mark of an inline node's marks (none in a plain layout). */
function markRevision(marks: readonly Mark[], opts: LayoutOptions): RevisionMark | undefined {
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
  const shown = opts.showWhitespace ? block : foldWhitespaceChanges(block)
  shown.forEach(child => {
    const has = (name: string) => child.marks.some(m => m.type.name === name)
    const base = {
      revision: markRevision(child.marks, opts),
      ...(has('em') ? { em: true } : {}),
      ...(has('strong') ? { strong: true } : {}),
      ...(has('superscript') ? { script: 'super' as const } : has('subscript') ? { script: 'sub' as const } : {})
    }
    if (child.isText) runs.push({ text: child.text ?? '', ...base })
    else if (child.type.name === 'footnote') runs.push({ text: String(footnoteNumber()), footnote: child.textContent, ...base })
    else if (child.type.name === 'bracket') runs.push(...bracketRuns(child, base.revision))
  })
  return mergeRuns(runs)
}

/** The closing `]` of a square-bracket option and its sources (`] [APT, ARB]`; no sources: `]` alone). */
function closingRuns(sources: string, revision: RevisionMark | undefined): LayoutRun[] {
  const rev = revision ? { revision } : {}
  return sources ? [{ text: '] ', ...rev }, { text: `[${sources}]`, sources: true, ...rev }] : [{ text: ']', ...rev }]
}

/** An inline square bracket as ITU committees write it: `[to take measures] [APT, ARB] [to take all measures] [EUR]`. */
function bracketRuns(bracket: Node, revision: RevisionMark | undefined): LayoutRun[] {
  const runs: LayoutRun[] = []
  const rev = revision ? { revision } : {}
  bracket.forEach((option, _offset, i) => {
    runs.push({ text: i > 0 ? ' [' : '[', ...rev })
    option.forEach(t => {
      const has = (name: string) => t.marks.some(m => m.type.name === name)
      runs.push({
        text: t.text ?? '', ...rev,
        ...(has('em') ? { em: true } : {}), ...(has('strong') ? { strong: true } : {}),
        ...(has('superscript') ? { script: 'super' as const } : has('subscript') ? { script: 'sub' as const } : {})
      })
    })
    runs.push(...closingRuns(formatSources(parseSources(option.attrs.sources as string)), revision))
  })
  return runs
}

function sameFormat(a: LayoutRun, b: LayoutRun): boolean {
  const ra = a.revision, rb = b.revision
  const sameRev = ra === rb || (!!ra && !!rb && ra.kind === rb.kind && ra.author === rb.author && ra.delegation === rb.delegation && ra.date === rb.date)
  return sameRev && !a.footnote && !b.footnote && a.em === b.em && a.strong === b.strong && a.script === b.script && a.sources === b.sources
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
 * The runs that write a shown label: plain, inserted or deleted as a whole,
 * or a renumbering as the old part struck, the new part inserted (its
 * Arabic letter kept apart from the struck one) and the shared `)` plain.
 */
export function labelRuns(label: ShownLabel, mark: (kind: 'insertion' | 'deletion') => RevisionMark | undefined): LayoutRun[] {
  if (!label || (label.kind !== 'renumbered' && !label.label)) return []
  switch (label.kind) {
    case 'same': return [{ text: label.label }]
    case 'inserted': return [{ text: label.label, revision: mark('insertion') }]
    case 'deleted': return [{ text: label.label, revision: mark('deletion') }]
    case 'renumbered': {
      const runs: LayoutRun[] = []
      if (label.struck) runs.push({ text: label.struck, revision: mark('deletion') })
      if (label.separated) runs.push({ text: label.separated, revision: mark('insertion') })
      if (label.shared) runs.push({ text: label.shared })
      return runs
    }
  }
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
/** The longest first paragraph kept on the page of what follows it in its provision (a longer one may break across pages itself). */
const TITLE_LENGTH = 200

/** Lays out the resolution part of a document (heading to annexes), skipping any proposal cover, marker and reasons. */
export function layoutResolution(doc: Node, opts: LayoutOptions = {}): Layout {
  const lang = (doc.attrs.lang ?? 'en') as Language
  const shown = labelShower(doc, opts.plain ? 'new' : 'both')
  const paragraphs: LayoutParagraph[] = []
  let footnotes = 0
  const nextFootnote = () => ++footnotes
  const markOf = (kind: 'insertion' | 'deletion', within?: Node): RevisionMark | undefined => {
    if (opts.plain) return undefined
    const found = within ? markWithin(within, kind) : undefined
    return found ? markRevision([found], opts) : { kind, author: opts.author ?? null, delegation: opts.delegation ?? null, date: opts.date ?? null }
  }

  /** Whole-unit status of the nearest revised ancestor: decides paragraph marks and moves. */
  interface Scope { mark?: RevisionMark; move?: LayoutMove }
  const scopeOf = (node: Node, outer: Scope): Scope => {
    const rev = revisionOf(node)
    if (!rev || opts.plain) return outer
    switch (rev.status) {
      case 'added': return { mark: markOf('insertion', node) }
      case 'suppressed': return { mark: markOf('deletion', node) }
      case 'moved-from': return { mark: markOf('deletion', node), move: { id: rev.moveId ?? node.attrs.id, side: 'from' } }
      case 'moved-to': return { mark: markOf('insertion', node), move: { id: rev.moveId ?? node.attrs.id, side: 'to' } }
      default: return outer
    }
  }
  const push = (style: ParagraphStyle, runs: LayoutRun[], scope: Scope, keepWithNext = false) => {
    paragraphs.push({ style, runs: mergeRuns(runs), ...(scope.move ? { move: scope.move } : {}), ...(scope.mark ? { mark: scope.mark } : {}), ...(keepWithNext ? { keepWithNext: true as const } : {}) })
  }
  const labelOf = (node: Node): LayoutRun[] => labelRuns(shown(node), kind => markOf(kind, node))

  const layoutLabelled = (node: Node, scope: Scope, style: ParagraphStyle, depth: number) => {
    const inner = scopeOf(node, scope)
    // a provision-level square bracket's option: `[` before its label, `] [sources]` after its last paragraph
    const bracketed = isBracketedUnit(node)
    const rev = inner.mark ? { revision: inner.mark } : {}
    let first = true
    node.forEach((child, _offset, index) => {
      const name = child.type.name
      if (name === 'paragraph') {
        const lead: LayoutRun[] = first ? [...(bracketed ? [{ text: '[', ...rev }] : []), ...labelOf(node), { text: '\t', ...rev }] : []
        // a title or an introduction, not a page's last line apart from what it titles or introduces
        const keep = first && index < node.childCount - 1 && child.textContent.length <= TITLE_LENGTH
        push(first ? style : 'Normal', [...lead, ...inlineRuns(child, opts, nextFootnote)], inner, keep)
        first = false
      } else if (name === 'note') push('Note', inlineRuns(child, opts, nextFootnote), inner)
      else if (name === 'item') layoutLabelled(child, inner, ITEM_LEVELS[Math.min(depth, 2)]!, depth + 1)
      else if (name === 'provision') layoutLabelled(child, inner, 'Normal', depth)
    })
    const last = paragraphs[paragraphs.length - 1]
    if (bracketed && last) paragraphs[paragraphs.length - 1] = { ...last, runs: mergeRuns([...last.runs, ...closingRuns(formatSources(parseSources(node.attrs.sources as string)), inner.mark)]) }
  }
  const layoutBlocks = (parent: Node, scope: Scope) => {
    parent.forEach(child => {
      const name = child.type.name
      if (name === 'provision') layoutLabelled(child, scope, 'Normal', 0)
      else if (name === 'item') layoutLabelled(child, scope, ITEM_LEVELS[0]!, 1)
      else if (name === 'paragraph') push('Normal', inlineRuns(child, opts, nextFootnote), scope)
      else if (name === 'note') push('Note', inlineRuns(child, opts, nextFootnote), scope)
      else if (name === 'part') layoutPart(child, scope)
      else if (name === 'sectionHeading') push('Call', inlineRuns(child, opts, nextFootnote), joinedHeadingScope(parent, scope))
    })
  }
  /** A section merged into (split from) the one before it: its heading paragraph is deleted (inserted) as a whole. */
  const joinedHeadingScope = (section: Node, scope: Scope): Scope => {
    const joins = revisionOf(section)?.joins
    if (!joins || opts.plain) return scope
    const kind = joins === 'new' ? 'deletion' : 'insertion'
    return { ...scope, mark: markOf(kind, section.firstChild ?? section) }
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
    // a draft new resolution has no place and year of adoption yet: its empty history line is no paragraph
    if (name === 'historyLine' && child.content.size === 0) return
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
