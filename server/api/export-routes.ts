/**
 * `GET /api/documents/:id/export?format=docx|docx-static|html|pdf[&base=v:ID][&proposalId=...]`:
 * mounts export/'s router on the server's storage and permissions.
 *
 * A proposal exported without `base` is marked against its own base
 * version, and as a full ITU proposal (cover, marker, reasons) when the
 * document carries a proposal marker. PDF uses one Chromium kept open for
 * the life of the server (starting one per request costs about a second).
 * export/ (which pulls in playwright-core) and diff/ are loaded on the
 * first export request, not at startup: most server processes never export,
 * and loading them costs about 100 MiB of memory.
 */
import { Router, type Request, type RequestHandler } from 'express'
import type { Node } from 'prosemirror-model'
import type { PdfRenderer } from '../../export/pdf.js'
import { canExport, canRead } from '../auth/permissions.js'
import { liveJSON } from '../documents.js'
import type { DocumentMeta, User } from '../store/types.js'
import type { ApiDeps } from './context.js'

type ExportModule = typeof import('../../export/index.js')
let exportModule: Promise<ExportModule> | null = null
/** export/, imported on first use. */
const loadExport = (): Promise<ExportModule> => exportModule ??= import('../../export/index.js').catch(e => { exportModule = null; throw e })

/** A lazily started PDF renderer shared by all requests; `close()` on shutdown. */
export class SharedPdfRenderer {
  private renderer: Promise<PdfRenderer> | null = null
  /** The renderer, started on first use. */
  get(): Promise<PdfRenderer> {
    this.renderer ??= loadExport().then(m => m.PdfRenderer.launch()).catch(e => { this.renderer = null; throw e })
    return this.renderer
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

/** The export routes. */
export function exportRoutes(deps: ApiDeps, pdf: SharedPdfRenderer): Router {
  const r = Router()
  const userOfRequest = (req: Request) => req.res?.locals.user as User

  // Defaults for a proposal: its base version and its own proposal number.
  r.get('/documents/:id/export', async (req, _res, next) => {
    const url = new URL(req.url, 'http://localhost')
    if (!url.searchParams.has('base')) {
      const meta = await deps.store.getDocument(String(req.params.id))
      if (meta?.baseVersionId) {
        url.searchParams.set('base', `v:${meta.baseVersionId}`)
        if (!url.searchParams.has('proposalId')) {
          const id = proposalIdOf(await liveJSON(deps.store, deps.hocuspocus, meta.id))
          if (id) url.searchParams.set('proposalId', id)
        }
        req.url = url.pathname + url.search
      }
    }
    next()
  })

  let handler: Promise<RequestHandler> | null = null
  const build = async (): Promise<RequestHandler> => {
    const [{ exportRouter }, { compare }] = await Promise.all([loadExport(), import('../../diff/index.js')])
    return exportRouter({
      async loadDocumentJSON(id) {
        const meta = await deps.store.getDocument(id)
        if (!meta) return null
        return { doc: await liveJSON(deps.store, deps.hocuspocus, id), meta, name: meta.title }
      },
      async loadVersionJSON(ref, documentId) {
        const id = ref.startsWith('v:') ? ref.slice(2) : ref
        const version = await deps.store.getVersion(id)
        const doc = await deps.store.getDocument(documentId)
        if (!version || !doc) return null
        // A version of this document, or of the resolution this proposal is based on.
        if (version.documentId !== documentId && version.documentId !== doc.baseDocumentId) return null
        return version.json
      },
      canExport: (user, meta) => {
        const u = user as User | undefined
        return !!u && canExport(u, meta as DocumentMeta) && canRead(u, meta as DocumentMeta)
      },
      compare: (oldDoc: Node, newDoc: Node, who) => compare(oldDoc, newDoc, { author: who }).doc,
      userOf: userOfRequest,
      pdfRenderer: () => pdf.get()
    })
  }
  r.get('/documents/:id/export', (req, res, next) => {
    handler ??= build().catch(e => { handler = null; throw e })
    handler.then(h => h(req, res, next), next)
  })
  return r
}
