/**
 * DOCX with real tracked changes: inserted runs in `w:ins`, deleted runs in
 * `w:del` with `w:delText`, moved provisions in `w:moveFrom`/`w:moveTo`
 * between named move ranges, paragraphs inserted or deleted as a whole with
 * a tracked paragraph mark. Word's Accept All gives the proposed text,
 * Reject All the base text.
 */
import type { Layout, LayoutParagraph, LayoutRun, RevisionMark } from './layout.js'
import { changeAttrs, docxPackage, DocxWriter, type DocxOptions } from './docx-ooxml.js'

/** Options of the tracked-changes DOCX writer. */
export interface TrackedDocxOptions extends DocxOptions {
  /** Core property title. */
  readonly title?: string
}

function sameRevision(a: RevisionMark | undefined, b: RevisionMark | undefined): boolean {
  if (!a || !b) return a === b
  return a.kind === b.kind && a.author === b.author && a.delegation === b.delegation && a.date === b.date
}

/** A move range's name, shared by both sides of the move. */
function moveName(id: string): string {
  return `move_${id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30)}`
}

/**
 * The content of one paragraph: runs grouped into tracked-change wrappers.
 * A moved paragraph is wrapped whole in `w:moveFrom`/`w:moveTo`. Words the
 * move dropped (deleted in the moved-to copy) or added to the moved-from copy
 * belong to neither side's view; they are left out rather than nested
 * (`w:moveTo` > `w:del`), which LibreOffice flattens into a plain deletion
 * and so brings back into the base. The old text stays readable in full in
 * the `w:moveFrom` copy.
 */
function paragraphContent(w: DocxWriter, p: LayoutParagraph, fallback: string): string {
  const groups: { rev: RevisionMark | undefined; runs: LayoutRun[] }[] = []
  for (const run of p.runs) {
    const last = groups[groups.length - 1]
    if (last && sameRevision(last.rev, run.revision)) last.runs.push(run)
    else groups.push({ rev: run.revision, runs: [run] })
  }
  const side = p.move?.side
  const moveKind = side === 'from' ? 'deletion' : side === 'to' ? 'insertion' : null
  const body = groups.map(({ rev, runs }) => {
    if (!rev || rev.kind === moveKind) return runs.map(r => w.runXml(r, { deleted: false })).join('')
    if (side) return ''
    const attrs = changeAttrs(w.id(), rev, fallback)
    if (rev.kind === 'deletion') return `<w:del ${attrs}>${runs.map(r => w.runXml(r, { deleted: true })).join('')}</w:del>`
    return `<w:ins ${attrs}>${runs.map(r => w.runXml(r)).join('')}</w:ins>`
  }).join('')
  if (!side || !body) return body
  const tag = side === 'from' ? 'w:moveFrom' : 'w:moveTo'
  return `<${tag} ${changeAttrs(w.id(), p.mark ?? p.runs.find(r => r.revision?.kind === moveKind)?.revision, fallback)}>${body}</${tag}>`
}

/** The tracked paragraph mark of a paragraph inserted, deleted or moved as a whole. */
function markXml(w: DocxWriter, p: LayoutParagraph, fallback: string): string {
  if (!p.mark) return ''
  const tag = p.move ? (p.move.side === 'from' ? 'w:moveFrom' : 'w:moveTo') : p.mark.kind === 'insertion' ? 'w:ins' : 'w:del'
  return `<${tag} ${changeAttrs(w.id(), p.mark, fallback)}/>`
}

/** Writes the layout as a DOCX with tracked changes. */
export function exportDocxTracked(layout: Layout, opts: TrackedDocxOptions = {}): Uint8Array {
  const w = new DocxWriter(layout.dir, opts.csFont ?? 'Traditional Arabic')
  const fallback = opts.author ?? 'resdraft'
  const paras = layout.paragraphs
  const body: string[] = []
  const sameMove = (a: LayoutParagraph | undefined, b: LayoutParagraph | undefined) =>
    !!a?.move && !!b?.move && a.move.id === b.move.id && a.move.side === b.move.side
  let rangeId = 0
  paras.forEach((p, k) => {
    let start = '', end = ''
    if (p.move) {
      const side = p.move.side === 'from' ? 'moveFrom' : 'moveTo'
      if (!sameMove(paras[k - 1], p)) {
        rangeId = w.id()
        start = `<w:${side}RangeStart ${changeAttrs(rangeId, p.mark ?? p.runs.find(r => r.revision)?.revision, fallback)} w:name="${moveName(p.move.id)}"/>`
      }
      if (!sameMove(p, paras[k + 1])) end = `<w:${side}RangeEnd w:id="${rangeId}"/>`
    }
    body.push(w.paragraphXml(p, markXml(w, p, fallback), start + paragraphContent(w, p, fallback) + end))
  })
  return docxPackage(layout, w, body.join(''), { trackRevisions: true, creator: fallback, ...(opts.title ? { title: opts.title } : {}), ...(opts.frame ? { frame: opts.frame } : {}) })
}
