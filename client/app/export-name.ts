/**
 * File names of exports: the proposal id with `/` as `-` (`APT-44A13-1`), or
 * the document's title when it has no proposal line, then what tells the
 * formats apart: `-tracked.docx` (Word tracked changes), `-static.docx`
 * (revision formatting), `.html`, `.pdf`.
 */
import type { Node } from 'prosemirror-model'

/** The formats the server exports. */
export type ExportFormat = 'docx' | 'docx-static' | 'html' | 'pdf'

const ENDINGS: Record<ExportFormat, string> = { docx: '-tracked.docx', 'docx-static': '-static.docx', html: '.html', pdf: '.pdf' }

/** The proposal id of a document's `MOD APT/44A13/1` line, if it has one. */
export function proposalIdOf(doc: Node): string | null {
  let id: string | null = null
  doc.forEach(c => { if (!id && c.type.name === 'proposalMarker' && c.attrs.proposalId) id = String(c.attrs.proposalId) })
  return id
}

/** The name to save an export of `doc` (titled `title`) under. */
export function exportFileName(doc: Node, title: string, format: ExportFormat): string {
  const stem = (proposalIdOf(doc)?.replace(/\//g, '-') ?? title).normalize('NFC').replace(/[^\p{L}\p{M}\p{N}.-]+/gu, '_').replace(/^[_.]+|_+$/g, '').slice(0, 80)
  return `${stem || 'document'}${ENDINGS[format]}`
}
