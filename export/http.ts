/**
 * The export route, as an express Router the server mounts:
 *
 *   GET /documents/:id/export?format=docx|docx-static|html|pdf[&base=REF][&proposalId=APT/44A13/1&source=...&reasons=...]
 *     [&documentNumber=44&addendum=13&acronym=WTSA-16&assembly=...&place=...&dates=...&originalLanguage=en&date=YYYY-MM-DD&frame=0]
 *
 * Without `base` the document is exported as it is (with any marks it
 * carries). With `base`, the version REF is compared with the document and
 * the revision marks exported; with `proposalId` too, as a full ITU
 * proposal (cover, marker line, reasons) in its conference document
 * (header block, page header and footer; `proposalOptionsFromQuery`). The server's storage and
 * permissions are injected, so this module knows nothing of them.
 */
import { Router, type Request, type Response } from 'express'
import type { Node } from 'prosemirror-model'
import { documentFromJSON } from '../schema/document-json.js'
import { FORMAT_INFO, isExportFormat, renderLayout, EXPORT_FORMATS } from './formats.js'
import { layoutResolution } from './layout.js'
import type { PdfRenderer } from './pdf.js'
import type { ConferenceFrame } from './conference.js'
import { prepareProposal, proposalOptionsFromQuery, ProposalExportError, type ProposalExportOptions } from './export-proposal.js'
import { formatProposalId, parseProposalId, ProposalIdError } from './proposal-id.js'

/** A stored document as the server hands it over. */
export interface StoredDocument {
  /** Document JSON (or a record holding it under `doc`). */
  readonly doc: unknown
  /** Whatever the permission check needs (owner, delegation, visibility ...). */
  readonly meta: unknown
  /** A name for the downloaded file. */
  readonly name?: string
}

/** What the route needs from the server. */
export interface ExportRouteDeps {
  /** The current document, or null when there is none with this id. */
  loadDocumentJSON(id: string): Promise<StoredDocument | null>
  /** A version of that document (document JSON), or null when unknown. */
  loadVersionJSON(ref: string, documentId: string): Promise<unknown | null>
  /** May this user export this document? */
  canExport(user: unknown, meta: unknown): boolean | Promise<boolean>
  /** The revision document of (old, new): the diff engine's compare. */
  compare(oldDoc: Node, newDoc: Node, who: { author: string | null; delegation: string | null }): Node
  /** The requesting user (default: `req.user`). */
  userOf?(req: Request): unknown
  /** A shared browser for PDF (default: one per request). */
  pdfRenderer?(): Promise<PdfRenderer>
}

function fail(res: Response, status: number, message: string): void {
  res.status(status).type('application/json').send(JSON.stringify({ error: message }))
}

const query = (req: Request, key: string): string | undefined => {
  const v = req.query[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** Builds the export router. */
export function exportRouter(deps: ExportRouteDeps): Router {
  const router = Router()
  router.get('/documents/:id/export', async (req: Request, res: Response) => {
    const id = String(req.params.id)
    const format = query(req, 'format') ?? 'docx'
    if (!isExportFormat(format)) return fail(res, 400, `format must be one of ${EXPORT_FORMATS.join(', ')}`)
    let proposalId
    try { proposalId = query(req, 'proposalId') ? parseProposalId(query(req, 'proposalId')!) : null }
    catch (e) { if (e instanceof ProposalIdError) return fail(res, 400, e.message); throw e }
    // the export dialog's options (export-proposal.ts): document and addendum, assembly, place, dates, original language, reasons ...
    let options: ProposalExportOptions
    try { options = proposalOptionsFromQuery(key => req.query[key] as string | string[] | undefined) }
    catch (e) { if (e instanceof ProposalExportError) return fail(res, 400, e.message); throw e }
    try {
      const stored = await deps.loadDocumentJSON(id)
      if (!stored) return fail(res, 404, `no document ${id}`)
      const user = deps.userOf ? deps.userOf(req) : (req as Request & { user?: unknown }).user
      if (!(await deps.canExport(user, stored.meta))) return fail(res, 403, 'not allowed to export this document')
      let doc: Node
      try { doc = documentFromJSON(stored.doc) } catch (e) { return fail(res, 500, `stored document is invalid: ${(e as Error).message}`) }
      const who = { author: query(req, 'author') ?? null, delegation: query(req, 'delegation') ?? proposalId?.source ?? null }
      let layout
      let frame: ConferenceFrame | null = null
      const baseRef = query(req, 'base')
      if (baseRef) {
        const baseJSON = await deps.loadVersionJSON(baseRef, id)
        if (baseJSON == null) return fail(res, 404, `no version ${baseRef} of document ${id}`)
        let base: Node
        try { base = documentFromJSON(baseJSON) } catch (e) { return fail(res, 500, `stored version is invalid: ${(e as Error).message}`) }
        const revise = (a: Node, b: Node) => deps.compare(a, b, who)
        if (proposalId) {
          try {
            ({ layout, frame } = prepareProposal([{ base, draft: doc }], revise, { ...options, format, proposalId: formatProposalId(proposalId), author: who.author, delegation: who.delegation }))
          } catch (e) { if (e instanceof ProposalExportError || e instanceof RangeError) return fail(res, 400, e.message); throw e }
        } else layout = layoutResolution(revise(base, doc), who)
      } else layout = layoutResolution(doc, who)
      const pdfRenderer = format === 'pdf' && deps.pdfRenderer ? await deps.pdfRenderer() : undefined
      const bytes = await renderLayout(layout, format, { ...(pdfRenderer ? { pdfRenderer } : {}), ...(frame ? { frame } : {}), author: who.author ?? who.delegation })
      const info = FORMAT_INFO[format]
      const name = (stored.name ?? id).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'document'
      res.status(200)
        .set('Content-Type', info.contentType)
        .set('Content-Disposition', `attachment; filename="export.${info.extension}"; filename*=UTF-8''${encodeURIComponent(`${name}.${info.extension}`)}`)
        .set('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(bytes))
    } catch (e) {
      fail(res, 500, `export failed: ${(e as Error).message}`)
    }
  })
  return router
}
