/**
 * File names of exports: the proposal id with `/` as `-` (`APT-44A13-1`), or
 * the document's title when it has no proposal line, then what tells the
 * formats apart: `-tracked.docx` (Word tracked changes), `-static.docx`
 * (revision formatting), `.html`, `.pdf`. The Export menu and the export
 * dialog both name files here.
 */
import type { Node } from 'prosemirror-model'

/** The formats the server exports. */
export type ExportFormat = 'docx' | 'docx-static' | 'html' | 'pdf'

const ENDINGS: Record<ExportFormat, string> = { docx: '-tracked.docx', 'docx-static': '-static.docx', html: '.html', pdf: '.pdf' }

/** The action and proposal id of a document's `MOD APT/44A13/1` line, if it has one. */
export function proposalMarkerOf(doc: Node): { action: string; proposalId: string } | null {
  let found: { action: string; proposalId: string } | null = null
  doc.forEach(c => { if (!found && c.type.name === 'proposalMarker') found = { action: String(c.attrs.action), proposalId: String(c.attrs.proposalId ?? '') } })
  return found
}

/** The name to save an export under: by proposal id when there is one (`APT/44A13/1`), else by `title`. */
export function exportFileNameFor(proposalId: string | null, title: string, format: ExportFormat): string {
  const stem = (proposalId?.trim() ? proposalId.trim().replace(/\//g, '-') : title).normalize('NFC').replace(/[^\p{L}\p{M}\p{N}.-]+/gu, '_').replace(/^[_.]+|_+$/g, '').slice(0, 80)
  return `${stem || 'document'}${ENDINGS[format]}`
}

/** The name to save an export of `doc` (titled `title`) under. */
export function exportFileName(doc: Node, title: string, format: ExportFormat): string {
  return exportFileNameFor(proposalMarkerOf(doc)?.proposalId ?? null, title, format)
}
