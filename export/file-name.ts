/**
 * The one rule for naming an exported file, used by the server (its
 * Content-Disposition), the command line and the browser: the proposal id
 * with `/` as `-` (`APT-44A13-1`), or the document's title when there is no
 * proposal id, then what tells the formats apart: `-tracked.docx` (Word
 * tracked changes), `-static.docx` (revision formatting), `.html`, `.pdf`.
 * Pure (a type import only), so the browser bundle takes it alone.
 */
import type { ExportFormat } from './formats.js'

const ENDINGS: Record<ExportFormat, string> = { docx: '-tracked.docx', 'docx-static': '-static.docx', html: '.html', pdf: '.pdf' }

/**
 * The name an export is saved under: by `proposalId` when there is one
 * (`APT/44A13/1` → `APT-44A13-1-tracked.docx`), else by `title`; letters,
 * marks, digits, `.` and `-` are kept, anything else becomes `_`.
 */
export function exportFileName(proposalId: string | null | undefined, title: string, format: ExportFormat): string {
  return `${fileStem(proposalId, title)}${ENDINGS[format]}`
}

/**
 * The name of a document's files without what tells them apart (`APT-44A13-1`, or the title made safe; `document` when
 * nothing is left), at most 80 UTF-16 units, cut between characters: half of a surrogate pair left at the end made the
 * name no text (the server's `filename*` could not be written, and every export of the document was refused).
 */
export function fileStem(proposalId: string | null | undefined, title: string): string {
  const stem = (proposalId?.trim() ? proposalId.trim().replace(/\//g, '-') : title)
    .normalize('NFC').replace(/[^\p{L}\p{M}\p{N}.-]+/gu, '_').replace(/^[_.]+|_+$/g, '').slice(0, 80).replace(/[\uD800-\uDBFF]$/, '')
  return stem || 'document'
}
