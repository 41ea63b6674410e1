/**
 * DOCX with real tracked changes: inserted runs in `w:ins`, deleted runs in
 * `w:del` with `w:delText`, moved provisions in `w:moveFrom`/`w:moveTo`
 * between named move ranges (with the edits made on the way marked word by
 * word, docx-moves.ts), paragraphs inserted or deleted as a whole with
 * a tracked paragraph mark. Word's Accept All gives the proposed text,
 * Reject All the base text.
 */
import type { Layout, LayoutParagraph, LayoutRun, RevisionMark } from './layout.js'
import { changeAttrs, docxPackage, DocxWriter, type DocxOptions } from './docx-ooxml.js'
import { movedRuns, pairMovedParagraphs } from './docx-moves.js'

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

/** Runs grouped by revision mark (and by part, for a moved copy). */
function groupRuns<T extends { run: LayoutRun; part?: string }>(runs: readonly T[]): { rev: RevisionMark | undefined; part: T['part']; runs: LayoutRun[] }[] {
  const groups: { rev: RevisionMark | undefined; part: T['part']; runs: LayoutRun[] }[] = []
  for (const { run, part } of runs) {
    const last = groups[groups.length - 1]
    if (last && last.part === part && sameRevision(last.rev, run.revision)) last.runs.push(run)
    else groups.push({ rev: run.revision, part, runs: [run] })
  }
  return groups
}

/**
 * The content of one paragraph: runs grouped into tracked-change wrappers.
 * A moved provision's copies show the edits made on the way word by word
 * (docx-moves.ts): the moved-to copy its carried words in `w:moveTo` and
 * its added words in `w:ins`, the moved-from copy its carried words in
 * `w:moveFrom` and its dropped words in `w:del`.
 */
function paragraphContent(w: DocxWriter, p: LayoutParagraph, fallback: string, counterpart: LayoutParagraph | undefined): string {
  w.startParagraph()
  const plain = (runs: LayoutRun[]) => runs.map(r => w.runXml(r, { deleted: false })).join('')
  const deleted = (runs: LayoutRun[]) => runs.map(r => w.runXml(r, { deleted: true })).join('')
  const side = p.move?.side
  if (side) {
    const moveMark = p.mark ?? p.runs.find(r => r.revision?.kind === (side === 'from' ? 'deletion' : 'insertion'))?.revision
    const tag = side === 'from' ? 'w:moveFrom' : 'w:moveTo'
    return groupRuns(movedRuns(p, counterpart)).map(({ rev, part, runs }) =>
      part === 'carried' ? `<${tag} ${changeAttrs(w.id(), moveMark, fallback)}>${plain(runs)}</${tag}>`
      : part === 'inserted' ? (side === 'to' ? `<w:ins ${changeAttrs(w.id(), rev, fallback)}>${plain(runs)}</w:ins>` : '')
      : side === 'from' ? `<w:del ${changeAttrs(w.id(), rev, fallback)}>${deleted(runs)}</w:del>` : ''
    ).join('')
  }
  return groupRuns(p.runs.map(run => ({ run }))).map(({ rev, runs }) => {
    if (!rev) return plain(runs)
    const attrs = changeAttrs(w.id(), rev, fallback)
    return rev.kind === 'deletion' ? `<w:del ${attrs}>${deleted(runs)}</w:del>` : `<w:ins ${attrs}>${plain(runs)}</w:ins>`
  }).join('')
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
  const counterparts = pairMovedParagraphs(paras)
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
    body.push(w.paragraphXml(p, markXml(w, p, fallback), start + paragraphContent(w, p, fallback, counterparts.get(p)) + end))
  })
  return docxPackage(layout, w, body.join(''), { trackRevisions: true, creator: fallback, ...(opts.title ? { title: opts.title } : {}), ...(opts.frame ? { frame: opts.frame } : {}) })
}
