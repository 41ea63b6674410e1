/**
 * DOCX with revision formatting for publication: no tracked changes, the
 * marks written as run formatting instead, insertions underlined and
 * deletions struck through, each in colour (ITU's convention for proposals
 * as published). Paragraphs inserted or deleted as a whole stay in place.
 * A moved provision is double-struck where it was and double-underlined
 * where it goes (as Word prints moves), so a reader can tell a move from an
 * edit and rebuild both views (docx-static-marks.ts).
 */
import type { Layout, LayoutParagraph, LayoutRun, RevisionMark } from './layout.js'
import { docxPackage, DocxWriter, type DocxOptions } from './docx-ooxml.js'

/** Colours of the revision formatting (hex RGB without '#'). */
export interface RevisionColours {
  readonly insertion: string
  readonly deletion: string
  /** Both sides of a moved provision (default green). */
  readonly move?: string
}

/** Options of the static DOCX writer. */
export interface StaticDocxOptions extends DocxOptions {
  readonly colours?: RevisionColours
  readonly title?: string
}

/** Default colours: blue insertions, red deletions. */
export const DEFAULT_COLOURS: RevisionColours = { insertion: '0000FF', deletion: 'C00000', move: '007000' }

/** The run formatting (in CT_RPr order) that stands for a revision mark. */
export function revisionFormatting(rev: RevisionMark | undefined, colours: RevisionColours = DEFAULT_COLOURS): string {
  if (!rev) return ''
  return rev.kind === 'insertion'
    ? `<w:color w:val="${colours.insertion}"/><w:u w:val="single"/>`
    : `<w:strike/><w:color w:val="${colours.deletion}"/>`
}

/**
 * The formatting of a run of a moved paragraph: its own text (plain, or marked
 * with the move's side) double-struck (from) or double-underlined (to); words
 * edited inside the moved copy keep their single marks.
 */
export function moveFormatting(p: LayoutParagraph, run: LayoutRun, colours: RevisionColours = DEFAULT_COLOURS): string {
  const side = p.move?.side
  const sideKind = side === 'from' ? 'deletion' : 'insertion'
  if (!side || (run.revision && run.revision.kind !== sideKind)) return revisionFormatting(run.revision, colours)
  const colour = colours.move ?? DEFAULT_COLOURS.move!
  return side === 'from' ? `<w:dstrike/><w:color w:val="${colour}"/>` : `<w:color w:val="${colour}"/><w:u w:val="double"/>`
}

/** Writes the layout as a DOCX whose revisions are formatting, not tracked changes. */
export function exportDocxStatic(layout: Layout, opts: StaticDocxOptions = {}): Uint8Array {
  const w = new DocxWriter(layout.dir, opts.csFont ?? 'Traditional Arabic')
  const body = layout.paragraphs.map(p => {
    w.startParagraph()
    return w.paragraphXml(p, '', p.runs.map(r => w.runXml(r, { extra: moveFormatting(p, r, opts.colours) })).join(''))
  }).join('')
  return docxPackage(layout, w, body, { trackRevisions: false, creator: opts.author ?? 'resdraft', ...(opts.title ? { title: opts.title } : {}), ...(opts.frame ? { frame: opts.frame } : {}) })
}
