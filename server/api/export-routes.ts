/**
 * The export route:
 *
 *   GET /api/documents/:id/export?format=docx|docx-static|html|pdf[&base=v:ID][&proposalId=APT/44A13/1]
 *     [&author=&delegation=][&source=&reasons=&title=&documentNumber=&addendum=&acronym=&assembly=&place=
 *      &opens=&closes=&dates=&meeting=&date=&originalLanguage=&frame=0]  (export/export-proposal.ts)
 *
 * Without `base` the document is exported as it is; with `base` (a version
 * of this document or of the resolution a proposal is based on) the
 * revision marks are exported; with `proposalId` too, as a full ITU
 * proposal in its conference document. A proposal exported without `base`
 * is marked against its own base version, under its own proposal number;
 * a committee draft against the base it was started from, each revision
 * credited to its sources (its author in Word is `APT, ARB`; labels
 * renumbered by others' changes are the Secretariat's).
 * The work (comparison, layout, writing) runs in a worker thread with a
 * time limit (server/work/); PDF is printed by one Chromium kept open for
 * the life of the server (starting one per request costs about a second).
 * export/ (which pulls in playwright-core) is loaded on first use.
 */
import { Router } from 'express'
import { MAX_QUEUED_RENDERINGS, type PdfRenderer } from '../../export/pdf.js'
import { EXPORT_FORMATS, isExportFormat } from '../../export/formats.js'
import { canExport, canRead } from '../auth/permissions.js'
import { contentText, liveJSON, liveState } from '../documents.js'
import { WorkError } from '../work/pool.js'
import type { ApiDeps } from './context.js'
import { HttpError, onUsersTime, userOf } from './context.js'
import { cachedVersion } from './version-cache.js'
import { SECRETARIAT } from './committee-routes.js'
import { PdfAdmission } from './pdf-admission.js'
import { AccountTurns } from '../account-turns.js'

type ExportModule = typeof import('../../export/index.js')
let exportModule: Promise<ExportModule> | null = null
/** export/, imported on first use. */
const loadExport = (): Promise<ExportModule> => exportModule ??= import('../../export/index.js').catch(e => { exportModule = null; throw e })

/** PDFs one user may have in flight at once (the printer holds MAX_QUEUED_RENDERINGS for everyone). */
export const PDFS_PER_USER = 2
/** Requests that may wait for a place in the printer (one per user), and for how long (pdf-admission.ts). */
export const PDF_WAITING = 8
/** How long a PDF request may wait for its place in the printer before it is refused as busy, ms. */
export const PDF_WAIT_MS = 20_000

/** What prints PDFs: a PdfRenderer (one Chromium), or what a test puts in its place. */
export type PdfPrinter = Pick<PdfRenderer, 'render' | 'connected' | 'close'>

/** A lazily started PDF renderer shared by all requests; `close()` on shutdown. */
export class SharedPdfRenderer {
  private renderer: Promise<PdfPrinter> | null = null
  private readonly admission = new PdfAdmission({ places: MAX_QUEUED_RENDERINGS, perUser: PDFS_PER_USER, waiting: PDF_WAITING, waitMs: PDF_WAIT_MS })
  /** PDFs whose HTML is made, printing one at a time in turns across accounts (account-turns.ts). */
  private readonly turns = new AccountTurns(1)
  /**
   * `timeoutMs`: the longest one printing may take, ms, as a whole (the work pool's time limit: the server's; the
   * renderer's default of 30 s without). Past it, the export is answered 422 too-much-work.
   * `launch`: starts the printer (default: Chromium, PdfRenderer.launch); tests give one whose printings they hold.
   */
  constructor(private readonly options: { timeoutMs?: number | undefined; launch?: (() => Promise<PdfPrinter>) | undefined } = {}) {}
  /** PDFs whose HTML is made, printing or waiting for the printer (for tests and health). */
  get atPrinter(): number {
    const { running, waiting } = this.turns.state
    return running + waiting
  }
  /** The time limit of one printing, as `render` takes it (none given: the renderer's default). */
  get printing(): { timeoutMs?: number } {
    return this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs }
  }
  /**
   * A place in the printer for one PDF request of `user` (its HTML still to
   * be made, then printed), before any work: at once, or after waiting its
   * turn; refused (503) when it cannot have one (pdf-admission.ts). One
   * user's PDFs never fill the printer, and users keeping it busy between
   * them are served after a user with none printing. Call the returned
   * function when done.
   */
  admit(user: string, signal?: AbortSignal): Promise<() => void> {
    return this.admission.admit(user, signal)
  }
  /**
   * The renderer, started on first use, and again when its Chromium has exited (killed when the machine ran short of
   * memory, crashed): it was kept for the life of the server, and every PDF after was a 500.
   */
  async get(): Promise<PdfPrinter> {
    const kept = this.renderer
    if (kept) {
      const renderer = await kept.catch(() => null)
      if (renderer?.connected) return renderer
      if (this.renderer === kept) this.renderer = null
    }
    this.renderer ??= (this.options.launch ?? (() => loadExport().then(m => m.PdfRenderer.launch())))().catch(e => { this.renderer = null; throw e })
    return this.renderer
  }
  /**
   * Prints the HTML of one PDF request of `user`, admitted before (`admit`); `signal` aborts when nobody waits for it any
   * more (it is then not printed). The printer prints one PDF at a time, and they take turns across accounts: the
   * account printed longest ago goes next, so a user's PDF waits for the one printing and for one of each other user
   * waiting, not for a queue of another user's (first come, first served, a drafter's two PDFs stopped at the time
   * limit of 30 s kept a delegate's one-page PDF waiting 59.9 s; now 30.6 s).
   */
  print(user: string, html: string, signal: AbortSignal): Promise<Uint8Array> {
    return this.turns.run(user, async () => (await this.get()).render(html, { ...this.printing, signal }), signal)
  }
  /** Stops Chromium if it was started. */
  async close(): Promise<void> {
    const r = this.renderer
    this.renderer = null
    if (r) await (await r).close().catch(() => undefined)
  }
}

function proposalIdOf(json: unknown): string | null {
  const content = (json as { content?: { type?: string; attrs?: { proposalId?: string } }[] })?.content ?? []
  return content.find(n => n.type === 'proposalMarker')?.attrs?.proposalId || null
}

/** The export route. */
export function exportRoutes(deps: ApiDeps, pdf: SharedPdfRenderer): Router {
  const r = Router()
  r.get('/documents/:id/export', async (req, res) => {
    const id = String(req.params.id)
    // a value given twice, or as a list (`format[]=html`), is refused, not taken for the default
    const listed = Object.keys(req.query).find(k => /\[[^\]]*\]$/.test(k))
    if (listed) throw new HttpError(400, `give ${listed.replace(/\[[^\]]*\]$/, '').slice(0, 40)} once, as one value`)
    const q = (key: string): string | undefined => {
      const v = req.query[key]
      if (v !== undefined && typeof v !== 'string') throw new HttpError(400, `give ${key} once, as one value`)
      return v === '' ? undefined : v
    }
    const format = q('format') ?? 'docx'
    if (!isExportFormat(format)) throw new HttpError(400, `format must be one of ${EXPORT_FORMATS.join(', ')}`)
    const { proposalOptionsFromQuery, parseProposalId } = await loadExport()
    let options
    try { options = proposalOptionsFromQuery(key => req.query[key] as string | string[] | undefined) } catch (e) { throw new HttpError(400, (e as Error).message) }
    const meta = await deps.store.getDocument(id)
    const user = userOf(res)
    // one the user may not read is not found, as one that does not exist
    if (!meta || !canRead(user, meta)) throw new HttpError(404, `no document ${id.slice(0, 60)}`, 'no-document')
    if (!canExport(user, meta)) throw new HttpError(403, 'not allowed to export this document', 'export-not-allowed')
    // refused before anything is read when the workers cannot take it; reading is paid from the user's loop time
    const refused = deps.work.refusalFor(user.id)
    if (refused) throw refused
    // a PDF is made in the pool, then printed: PDFs in flight are bounded, and a place is had (or waited for) before
    // anything is read, so that a request waiting its turn holds no text; a PDF nobody waits for any more (the client
    // has gone while it waited for a place or was queued) is not printed
    const gone = new AbortController()
    res.once('close', () => { if (!res.writableEnded) gone.abort() })
    const release = format === 'pdf' ? await pdf.admit(user.id, gone.signal) : () => undefined
    let file
    let bytes: Uint8Array
    try {
      const { committee, doc, docText, attribution, baseText, committeeInputs } = await onUsersTime(deps, user, async () => {
        // A committee draft: its revisions are credited to their sources, read from the shared document's attribution.
        const committee = meta.kind === 'committee-draft' ? await deps.store.getCommitteeDraft(id) : null
        let doc: unknown
        let attribution: Uint8Array | null = null
        if (committee) ({ json: doc, update: attribution } = await liveState(deps.store, deps.hocuspocus, id))
        else doc = await liveJSON(deps.store, deps.hocuspocus, id)
        // Defaults for a proposal: its base version (none for a draft new resolution).
        const baseRef = q('base') ?? (meta.baseVersionId ? `v:${meta.baseVersionId}` : undefined)
        let baseText: string | null = null
        // a committee draft started from a live document: the base text it was compiled from, read in the worker from its inputs
        const committeeInputs = !baseRef && committee ? await deps.store.getCommitteeInputs(id) : null
        if (baseRef) {
          // as kept for every request (version-cache.ts), handed to the worker as the text it is stored as (its parsed
          // objects were copied on the event loop: about four times the time of the text)
          const version = await cachedVersion(deps.store, baseRef.startsWith('v:') ? baseRef.slice(2) : baseRef)
          // a version of this document, or of the resolution this proposal is based on
          if (!version || (version.meta.documentId !== id && version.meta.documentId !== meta.baseDocumentId)) throw new HttpError(404, `no version ${baseRef} of document ${id}`, 'no-version')
          baseText = version.jsonText
        }
        // the document too goes to the worker as JSON text, written here on the user's time (kept with a live content, so a
        // comparison or another export of it writes nothing again): its objects were copied on the event loop, unpaid
        return { committee, doc, docText: contentText(doc), attribution, baseText, committeeInputs }
      })
      // a proposal exported against its own base, under its own proposal number unless one is given
      let proposalId = q('proposalId') ?? null
      if (!committee && meta.kind === 'proposal' && !q('base')) proposalId ??= proposalIdOf(doc)
      if (proposalId) { try { parseProposalId(proposalId) } catch (e) { throw new HttpError(400, (e as Error).message, 'proposal-id') } }
      try {
        // in a committee draft, what no source made (labels renumbered by others' changes) is the Secretariat's editing
        const delegation = q('delegation') ?? (committee ? SECRETARIAT : null)
        file = await deps.work.run('export', { doc: { jsonText: docText }, base: baseText === null ? null : { jsonText: baseText }, format, proposalId, options, author: q('author') ?? null, delegation, name: meta.title, attribution, committeeInputs }, userOf(res).id)
      } catch (e) {
        if (e instanceof WorkError && (e.name === 'ProposalExportError' || e.name === 'ProposalIdError')) throw new HttpError(400, e.message)
        if (e instanceof WorkError && e.name === 'ExportInputError') throw new HttpError(500, `export failed: ${e.message}`)
        throw e
      }
      bytes = file.html !== undefined ? await pdf.print(user.id, file.html, gone.signal) : file.bytes
    } finally { release() }
    res.status(200)
      .set('Content-Type', file.contentType)
      .set('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })
  return r
}
