/**
 * `GET /api/versions/:id`, `GET /api/compare?old=REF&new=REF[&ignoreRenumbering=1]`
 * and `GET /api/compile?base=REF&proposal=REF&proposal=REF...` (REF: `v:<versionId>` or `d:<documentId>`).
 */
import { Router } from 'express'
import type { Response } from 'express'
import { canRead } from '../auth/permissions.js'
import { liveJSON } from '../documents.js'
import { resolutionFromJSON } from '../../schema/index.js'
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
    const base = resolutionFromJSON(await resolve(res, req.query.base))
    const { compile, compilationToJSON, proposalSource } = await import('../../compile/index.js')
    const sources = []
    const names = new Set<string>()
    for (const ref of refs) {
      const doc = resolutionFromJSON(await resolve(res, ref))
      const meta = typeof ref === 'string' && ref.startsWith('d:') ? await deps.store.getDocument(ref.slice(2)) : null
      const named = proposalSource(doc)
      let name = named?.name ?? meta?.delegations[0] ?? String(ref)
      for (let n = 2; names.has(name); n++) name = `${named?.name ?? meta?.delegations[0] ?? ref} (${n})`
      names.add(name)
      sources.push({ name, proposalId: named?.proposalId ?? null, doc })
    }
    res.json(compilationToJSON(compile(base, sources)))
  })
  return r
}
