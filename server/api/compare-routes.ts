/**
 * `GET /api/versions/:id`, `GET /api/compare?old=REF&new=REF[&ignoreRenumbering=1][&showWhitespace=1]`
 * and `GET /api/compile?base=REF&proposal=REF&proposal=REF...` (REF: `v:<versionId>` or `d:<documentId>`).
 */
import { Router } from 'express'
import type { ApiDeps } from './context.js'
import { HttpError, loopTimePayer, onUsersTime, userOf } from './context.js'
import { refResolver, type ResolvedRef } from './refs.js'
import { sendPrepared } from '../http/prepared-answer.js'
import { SharedAnswers } from './shared-answers.js'

/** At most this many proposals in one compilation (ITU assemblies see six regional proposals on a resolution at most). */
const MAX_COMPILED = 12

/**
 * The references, their texts written out (a live document's JSON text is
 * written once, then kept with its content): after a text that took time to
 * write, the next waits for a turn of the event loop of its own (thirteen
 * large live documents written in one turn held it 1.2 s). Texts already
 * kept take no turn: a request answered from them holds the user's share of
 * loop time no longer than before, and the user's other requests are not
 * refused meanwhile.
 */
async function writtenOut<T extends ResolvedRef[]>(refs: T): Promise<T> {
  for (const ref of refs) {
    const started = performance.now()
    ref.jsonText()
    if (performance.now() - started > WRITING_TURN_MS) await new Promise(resolve => setImmediate(resolve))
  }
  return refs
}

/** A text written out in more than this many ms lets the event loop turn before the next (a kept one takes microseconds). */
const WRITING_TURN_MS = 5

/** Routes to read versions and compare or compile versions or live documents. */
export function compareRoutes(deps: ApiDeps): Router {
  const r = Router()
  const refs = refResolver(deps)
  const answers = new SharedAnswers()

  // the version as stored, the same bytes for every request (version-cache.ts); reading one not kept is paid from the
  // reader's share of loop time, as reading a document is
  r.get('/versions/:id', async (req, res) => { sendPrepared(req, res, (await refs.version(res, req.params.id, loopTimePayer(deps, userOf(res)))).answer) })

  r.get('/compare', async (req, res) => {
    const user = userOf(res)
    // reading the texts, and writing a live document's out as the text handed to the worker, is paid from the user's
    // loop time (both are kept until the document changes: a comparison already made for them is answered from it)
    const [oldRef, newRef] = await onUsersTime(deps, user, async () => await writtenOut([await refs.resolve(res, req.query.old, 'old'), await refs.resolve(res, req.query.new, 'new')] as [ResolvedRef, ResolvedRef]))
    const flag = (name: string) => req.query[name] === '1' || req.query[name] === 'true'
    // showWhitespace: changes made only of white space (space ↔ no-break space, doubled spaces) marked and counted
    const options = { ignoreRenumbering: flag('ignoreRenumbering'), showWhitespace: flag('showWhitespace') }
    const key = JSON.stringify(['compare', oldRef.contentKey, newRef.contentKey, options])
    // in a worker thread (diff/ is loaded there), with the pool's time limit; its answer is written there too
    // (the pool refuses at once a job the user's share of the workers cannot take)
    sendPrepared(req, res, await answers.answer(key,
      () => deps.work.run('compare', { old: { jsonText: oldRef.jsonText() }, new: { jsonText: newRef.jsonText() }, ...options }, user.id),
      job => deps.work.alsoFor(job, user.id)))
  })

  r.get('/compile', async (req, res) => {
    const proposalRefs = ([] as unknown[]).concat(req.query.proposal ?? [])
    if (proposalRefs.length === 0 || proposalRefs.length > MAX_COMPILED) throw new HttpError(400, `give 1 to ${MAX_COMPILED} proposal=REF`)
    const user = userOf(res)
    const { base, sources } = await onUsersTime(deps, user, async () => {
      const base = await refs.resolve(res, req.query.base, 'base')
      const sources = []
      for (const ref of proposalRefs) sources.push(await refs.resolve(res, ref, 'proposal'))
      await writtenOut([base, ...sources])
      return { base, sources }
    })
    // each source is named by its document's delegations when its MOD line may not name it: they are part of the key
    const key = JSON.stringify(['compile', base.contentKey, sources.map(s => [s.contentKey, s.document.delegations])])
    // in a worker thread, with the pool's time limit, like a comparison; the answer's text is written there too
    sendPrepared(req, res, await answers.answer(key, () => {
      const compiled = sources.map(({ jsonText, document }, k) => ({ jsonText: jsonText(), fallbackName: document.delegations[0] ?? String(proposalRefs[k]), delegations: document.delegations }))
      return deps.work.run('compile', { base: { jsonText: base.jsonText() }, sources: compiled }, user.id)
    }, job => deps.work.alsoFor(job, user.id)))
  })
  return r
}
