/**
 * File names of exports in the browser: the Export menu and the export
 * dialog name a file by the rule of export/file-name.ts (the proposal id of
 * the document's MOD line, else its title), as the server does.
 */
import type { Node } from 'prosemirror-model'
import { exportFileName as fileName, fileStem } from '../../export/file-name.js'
import type { ExportFormat } from '../../export/formats.js'

/** The formats the server exports. */
export type { ExportFormat }

/** The action and proposal id of a document's `MOD APT/44A13/1` line, if it has one. */
export function proposalMarkerOf(doc: Node): { action: string; proposalId: string } | null {
  let found: { action: string; proposalId: string } | null = null
  doc.forEach(c => { if (!found && c.type.name === 'proposalMarker') found = { action: String(c.attrs.action), proposalId: String(c.attrs.proposalId ?? '') } })
  return found
}

/** The name to save an export of `doc` (titled `title`) under. */
export function exportFileName(doc: Node, title: string, format: ExportFormat): string {
  return fileName(proposalMarkerOf(doc)?.proposalId ?? null, title, format)
}

/** The name to save the page's own copy of `doc` (as text, local-copy.ts) under: `APT-44A13-1-this-page.txt`. */
export function localCopyFileName(doc: Node, title: string): string {
  return `${fileStem(proposalMarkerOf(doc)?.proposalId ?? null, title)}-this-page.txt`
}
