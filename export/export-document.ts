/**
 * One export as the server asks for it, with no HTTP in it: a document
 * (JSON), optionally the version it is compared with, a format and the
 * export dialog's options; out come the bytes, their MIME type and a file
 * name. Without a base the document is exported as it is; with a base the
 * revision marks are exported. With a proposal id it is a full ITU proposal
 * in its conference document (export-proposal.ts): on the base, or without
 * one a draft new resolution (ADD). Everything in
 * and out is plain data, so that the work can run in a worker thread.
 */
import type { Node } from 'prosemirror-model'
import { documentFromJSON } from '../schema/document-json.js'
import { hasMarkerLine, prepareProposal, ProposalExportError, type ProposalExportOptions } from './export-proposal.js'
import { FORMAT_INFO, renderLayout, type ExportFormat } from './formats.js'
import { layoutResolution, type Layout } from './layout.js'
import type { ConferenceFrame } from './conference.js'
import { formatProposalId, parseProposalId } from './proposal-id.js'
import { exportFileName } from './file-name.js'

/** What to export. */
export interface DocumentExport {
  /** The document (JSON, or a record holding it under `doc`). */
  readonly doc: unknown
  /** The version it is compared with (JSON), or null to export it as it is. */
  readonly base: unknown | null
  readonly format: ExportFormat
  /** Export a full proposal under this id (`APT/44A13/1`): on the base (MOD, or SUP by its marker line), or without one a draft new resolution (ADD). */
  readonly proposalId?: string | null
  /** The export dialog's options (proposalOptionsFromQuery). */
  readonly options?: ProposalExportOptions
  /** Credited with revisions that name nobody. */
  readonly author?: string | null
  readonly delegation?: string | null
  /** The document's title, for the file name when there is no proposal id. */
  readonly name: string
}

/** An exported file. PDF is given as the HTML to print (`html`), for a browser the caller keeps. */
export interface ExportedFile {
  readonly bytes: Uint8Array
  readonly contentType: string
  readonly fileName: string
  /** For `pdf`: the page to print (bytes is empty). */
  readonly html?: string
}

/** Thrown for a document or version that is not a valid resolution. */
export class ExportInputError extends Error {
  constructor(message: string) { super(message); this.name = 'ExportInputError' }
}

/** The compare function of the diff engine, as the export needs it. */
export type Reviser = (oldDoc: Node, newDoc: Node, who: { author: string | null; delegation: string | null }) => Node

const readDoc = (json: unknown, what: string): Node => {
  try { return documentFromJSON(json) } catch (e) { throw new ExportInputError(`${what} is not a valid resolution: ${(e as Error).message}`) }
}

/** Exports a document (throws ProposalExportError, ProposalIdError or ExportInputError for what cannot be exported). */
export async function exportDocument(input: DocumentExport, compare: Reviser): Promise<ExportedFile> {
  const { format } = input
  const doc = readDoc(input.doc, 'the document')
  const id = input.proposalId ? parseProposalId(input.proposalId) : null
  const who = { author: input.author ?? null, delegation: input.delegation ?? id?.source ?? null }
  let layout: Layout
  let frame: ConferenceFrame | null = null
  let fileName = exportFileName(null, input.name, format)
  const base = input.base != null ? readDoc(input.base, 'the base version') : null
  const revise = (a: Node, b: Node) => compare(a, b, who)
  // a proposal: numbered by the caller, or by its own marker line, or not numbered yet
  if (id || hasMarkerLine(doc)) {
    let prepared
    try {
      prepared = prepareProposal([{ base, draft: doc }], revise, { ...input.options, format, ...(id ? { proposalId: formatProposalId(id) } : {}), author: who.author, delegation: who.delegation })
    } catch (e) { if (e instanceof RangeError) throw new ProposalExportError(e.message); throw e }
    ;({ layout, frame } = prepared)
    fileName = prepared.fileName
  } else layout = layoutResolution(base ? revise(base, doc) : doc, who)
  const contentType = FORMAT_INFO[format].contentType
  const render = { ...(frame ? { frame } : {}), author: who.author ?? who.delegation }
  if (format === 'pdf') {
    const html = new TextDecoder().decode(await renderLayout(layout, 'html', render))
    return { bytes: new Uint8Array(0), contentType, fileName, html }
  }
  return { bytes: await renderLayout(layout, format, render), contentType, fileName }
}
