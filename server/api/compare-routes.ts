/**
 * `GET /api/versions/:id`, `GET /api/compare?old=REF&new=REF[&ignoreRenumbering=1]`
 * and `GET /api/compile?base=REF&proposal=REF&proposal=REF...` (REF: `v:<versionId>` or `d:<documentId>`).
 */
import { Router } from 'express'
import type { Response } from 'express'
import { canRead } from '../auth/permissions.js'
import { liveJSON } from '../documents.js'
import type { ApiDeps } from './context.js'
import { HttpError, userOf } from './context.js'

/** At most this many proposals in one compilation (ITU assemblies see six regional proposals on a resolution at most). */
const MAX_COMPILED = 12

/** Routes to read versions and compare or compile versions or live documents. */
export function compareRoutes(deps: ApiDeps): Router {
  const r = Router()
  const versionJSON = async (res: Response, id: string) => {
    const v = await deps.store.getVersion(id)
    const doc = v ? await deps.store.getDocument(v.documentId) : null
    if (!v || !doc || !canRead(userOf(res), doc)) throw new HttpError(404, 'no such version')
    return v
  }
  /** `v:<versionId>` or `d:<documentId>`. */
  const resolve = async (res: Response, ref: unknown): Promise<unknown> => {
    if (typeof ref !== 'string') throw new HttpError(400, 'old and new must be v:<versionId> or d:<documentId>')
    if (ref.startsWith('v:')) return (await versionJSON(res, ref.slice(2))).json
    if (ref.startsWith('d:')) {
      const doc = await deps.store.getDocument(ref.slice(2))
      if (!doc || !canRead(userOf(res), doc)) throw new HttpError(404, `no such document: ${ref}`)
      return liveJSON(deps.store, deps.hocuspocus, doc.id)
    }
    throw new HttpError(400, `bad reference "${ref}": use v:<versionId> or d:<documentId>`)
  }

  r.get('/versions/:id', async (req, res) => { res.json(await versionJSON(res, req.params.id)) })

  r.get('/compare', async (req, res) => {
    const [oldJSON, newJSON] = [await resolve(res, req.query.old), await resolve(res, req.query.new)]
    const ignoreRenumbering = req.query.ignoreRenumbering === '1' || req.query.ignoreRenumbering === 'true'
    // in a worker thread (diff/ is loaded there), with the pool's time limit
    res.json(await deps.work.run('compare', { oldJSON, newJSON, ignoreRenumbering }))
  })

  r.get('/compile', async (req, res) => {
    const refs = ([] as unknown[]).concat(req.query.proposal ?? [])
    if (refs.length === 0 || refs.length > MAX_COMPILED) throw new HttpError(400, `give 1 to ${MAX_COMPILED} proposal=REF`)
    const baseJSON = await resolve(res, req.query.base)
    const sources = []
    for (const ref of refs) {
      const json = await resolve(res, ref)
      const meta = typeof ref === 'string' && ref.startsWith('d:') ? await deps.store.getDocument(ref.slice(2)) : null
      sources.push({ json, fallbackName: meta?.delegations[0] ?? String(ref) })
    }
    // in a worker thread, with the pool's time limit, like a comparison
    res.json(await deps.work.run('compile', { baseJSON, sources }))
  })
  return r
}
