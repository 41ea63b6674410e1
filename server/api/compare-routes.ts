/**
 * `GET /api/versions/:id`, `GET /api/compare?old=REF&new=REF[&ignoreRenumbering=1][&showWhitespace=1]`
 * and `GET /api/compile?base=REF&proposal=REF&proposal=REF...` (REF: `v:<versionId>` or `d:<documentId>`).
 */
import { Router } from 'express'
import type { Response } from 'express'
import type { ApiDeps } from './context.js'
import { HttpError, onUsersTime, userOf } from './context.js'
import { refResolver } from './refs.js'
import { sendPrepared } from '../http/prepared-answer.js'

/** At most this many proposals in one compilation (ITU assemblies see six regional proposals on a resolution at most). */
const MAX_COMPILED = 12

/** Routes to read versions and compare or compile versions or live documents. */
export function compareRoutes(deps: ApiDeps): Router {
  const r = Router()
  const refs = refResolver(deps)
  const resolve = async (res: Response, ref: unknown): Promise<unknown> => (await refs.resolve(res, ref)).json

  // the version as stored, the same bytes for every request (version-cache.ts)
  r.get('/versions/:id', async (req, res) => { sendPrepared(req, res, (await refs.version(res, req.params.id)).answer) })

  r.get('/compare', async (req, res) => {
    const user = userOf(res)
    const refused = deps.work.refusalFor(user.id)
    if (refused) throw refused
    const [oldJSON, newJSON] = await onUsersTime(deps, user, async () => [await resolve(res, req.query.old), await resolve(res, req.query.new)])
    const flag = (name: string) => req.query[name] === '1' || req.query[name] === 'true'
    // showWhitespace: changes made only of white space (space ↔ no-break space, doubled spaces) marked and counted
    // in a worker thread (diff/ is loaded there), with the pool's time limit
    res.type('application/json').send((await deps.work.run('compare', { oldJSON, newJSON, ignoreRenumbering: flag('ignoreRenumbering'), showWhitespace: flag('showWhitespace') }, user.id)).body)
  })

  r.get('/compile', async (req, res) => {
    const proposalRefs = ([] as unknown[]).concat(req.query.proposal ?? [])
    if (proposalRefs.length === 0 || proposalRefs.length > MAX_COMPILED) throw new HttpError(400, `give 1 to ${MAX_COMPILED} proposal=REF`)
    // refused before its texts are read when the workers cannot take it; reading them is paid from the user's loop time
    const user = userOf(res)
    const refused = deps.work.refusalFor(user.id)
    if (refused) throw refused
    const { baseJSON, sources } = await onUsersTime(deps, user, async () => {
      const baseJSON = await resolve(res, req.query.base)
      const sources = []
      for (const ref of proposalRefs) {
        const { json, document } = await refs.resolve(res, ref)
        sources.push({ json, fallbackName: document.delegations[0] ?? String(ref), delegations: document.delegations })
      }
      return { baseJSON, sources }
    })
    // in a worker thread, with the pool's time limit, like a comparison
    // the answer's text is written in the worker too
    res.type('application/json').send((await deps.work.run('compile', { baseJSON, sources }, user.id)).body)
  })
  return r
}
