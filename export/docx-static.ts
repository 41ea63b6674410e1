/**
 * DOCX with revision formatting for publication: no tracked changes, the
 * marks written as run formatting instead, insertions underlined and
 * deletions struck through, each in colour (ITU's convention for proposals
 * as published). Paragraphs inserted or deleted as a whole stay in place.
 */
import type { Layout, RevisionMark } from './layout.js'
import { docxPackage, DocxWriter, type DocxOptions } from './docx-ooxml.js'

/** Colours of the revision formatting (hex RGB without '#'). */
export interface RevisionColours {
  readonly insertion: string
  readonly deletion: string
}

/** Options of the static DOCX writer. */
export interface StaticDocxOptions extends DocxOptions {
  readonly colours?: RevisionColours
  readonly title?: string
}

/** Default colours: blue insertions, red deletions. */
export const DEFAULT_COLOURS: RevisionColours = { insertion: '0000FF', deletion: 'C00000' }

/** The run formatting (in CT_RPr order) that stands for a revision mark. */
export function revisionFormatting(rev: RevisionMark | undefined, colours: RevisionColours = DEFAULT_COLOURS): string {
  if (!rev) return ''
  return rev.kind === 'insertion'
    ? `<w:color w:val="${colours.insertion}"/><w:u w:val="single"/>`
    : `<w:strike/><w:color w:val="${colours.deletion}"/>`
}

/** Writes the layout as a DOCX whose revisions are formatting, not tracked changes. */
export function exportDocxStatic(layout: Layout, opts: StaticDocxOptions = {}): Uint8Array {
  const w = new DocxWriter(layout.dir, opts.csFont ?? 'Traditional Arabic')
  const body = layout.paragraphs.map(p =>
    w.paragraphXml(p, '', p.runs.map(r => w.runXml(r, { extra: revisionFormatting(r.revision, opts.colours) })).join(''))).join('')
  return docxPackage(layout, w, body, { trackRevisions: false, creator: opts.author ?? 'resdraft', ...(opts.title ? { title: opts.title } : {}) })
}
