/**
 * `/api/documents`: list, import from text, read, start a proposal,
 * versions, audit trail.
 */
import { Router } from 'express'
import type { Response } from 'express'
import { canCreateProposal, canImport, canManageVersions, canRead } from '../auth/permissions.js'
import { createDocument, createVersion, liveJSON } from '../documents.js'
import { importText, isLanguage, LANGUAGES } from '../../schema/index.js'
import type { DocumentMeta } from '../store/types.js'
import type { ApiDeps } from './context.js'
import { HttpError, actorOf, stringField, userOf } from './context.js'

function publicMeta(m: DocumentMeta) {
  const { createdAt: _createdAt, ...rest } = m
  return rest
}

/** Routes under /api/documents (the user is already signed in). */
export function documentRoutes(deps: ApiDeps): Router {
  const r = Router()
  const readable = async (res: Response, id: string): Promise<DocumentMeta> => {
    const doc = await deps.store.getDocument(id)
    if (!doc || !canRead(userOf(res), doc)) throw new HttpError(404, 'no such document')
    return doc
  }

  r.get('/', async (_req, res) => {
    const user = userOf(res)
    res.json((await deps.store.listDocuments()).filter(d => canRead(user, d)).map(publicMeta))
  })

  r.post('/', async (req, res) => {
    const user = userOf(res)
    if (!canImport(user)) throw new HttpError(403, 'only the Secretariat imports documents')
    const title = stringField(req.body, 'title')
    const text = stringField(req.body, 'text', 5_000_000)
    const body = req.body as { lang?: unknown; kind?: unknown; delegations?: unknown; shared?: unknown }
    const kind = body.kind === 'proposal' ? 'proposal' : 'resolution'
    if (body.lang !== undefined && !isLanguage(body.lang)) throw new HttpError(400, `lang must be one of ${LANGUAGES.join(', ')}`)
    let imported
    try { imported = importText(text, body.lang === undefined ? {} : { lang: body.lang }) } catch (e) { throw new HttpError(400, (e as Error).message) }
    const delegations = Array.isArray(body.delegations) && body.delegations.every(d => typeof d === 'string') ? body.delegations as string[] : [user.delegation]
    let meta
    try {
      meta = await createDocument(deps.store, { title, kind, delegations, shared: body.shared !== false }, imported.doc.toJSON(), actorOf(user), user.id)
    } catch (e) { throw new HttpError(400, (e as Error).message) }
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'import', detail: `imported "${title}" (${imported.warnings.length} warnings)` })
    res.status(201).json({ ...publicMeta(meta), warnings: imported.warnings })
  })

  r.get('/:id', async (req, res) => {
    const doc = await readable(res, req.params.id)
    res.json({ ...publicMeta(doc), json: await liveJSON(deps.store, deps.hocuspocus, doc.id) })
  })

  r.post('/:id/proposal', async (req, res) => {
    const user = userOf(res)
    const base = await readable(res, req.params.id)
    const title = stringField(req.body, 'title')
    const baseVersionId = stringField(req.body, 'baseVersionId', 100)
    const raw = (req.body as { delegations?: unknown }).delegations
    const delegations = Array.isArray(raw) && raw.length > 0 && raw.every(d => typeof d === 'string') ? raw as string[] : [user.delegation]
    if (!canCreateProposal(user, delegations)) throw new HttpError(403, 'you may only start proposals for your own delegation')
    const version = await deps.store.getVersion(baseVersionId)
    if (!version || version.documentId !== base.id) throw new HttpError(400, 'baseVersionId is not a version of this document')
    const meta = await createDocument(deps.store, { title, kind: 'proposal', delegations, shared: false, baseVersionId, baseDocumentId: base.id }, version.json, actorOf(user), user.id)
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'create-proposal', detail: `from version "${version.name}" of "${base.title}"` })
    res.status(201).json(publicMeta(meta))
  })

  r.get('/:id/versions', async (req, res) => {
    const doc = await readable(res, req.params.id)
    res.json(await deps.store.listVersions(doc.id))
  })

  r.post('/:id/versions', async (req, res) => {
    const user = userOf(res)
    const doc = await readable(res, req.params.id)
    if (!canManageVersions(user, doc)) throw new HttpError(403, 'only the Secretariat names versions')
    const name = stringField(req.body, 'name', 200)
    const { json: _json, ...version } = await createVersion(deps.store, deps.hocuspocus, doc.id, name, actorOf(user))
    await deps.store.addAudit(doc.id, { at: version.createdAt, user: user.name, delegation: user.delegation, action: 'create-version', detail: name })
    res.status(201).json(version)
  })

  r.get('/:id/audit', async (req, res) => {
    const doc = await readable(res, req.params.id)
    const delegation = typeof req.query.delegation === 'string' ? req.query.delegation : undefined
    res.json(await deps.store.listAudit(doc.id, { delegation }))
  })
  return r
}
