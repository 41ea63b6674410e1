/**
 * A proposal's co-sponsors:
 *
 *   POST   /api/documents/:id/cosponsorship {agree}        an invited delegation answers
 *   POST   /api/documents/:id/invitations {delegations}    the proposing delegation invites
 *   DELETE /api/documents/:id/invitations/:delegation      ... or withdraws an invitation
 *
 * A drafter who starts a proposal names her own delegation as the proposing
 * one and may name others as co-sponsors, then or later; they are only
 * invited (`DocumentMeta.invitedCosponsors`): they read the proposal, and a
 * drafter of theirs agrees (the delegation then writes it, and compilations
 * and committee drafts name it) or declines (it no longer reads an unshared
 * proposal). ITU joint proposals carry each co-signer's consent; naming a
 * delegation is not enough. The Secretariat adds co-sponsors as submitted,
 * with no invitation. Each change is made by the store in one step
 * (server/cosponsors.ts), and recorded in the audit trail.
 *
 * A user other than the Secretariat makes at most COSPONSOR_CHANGES of
 * these changes (a request that changes nothing costs nothing): a script
 * inviting and withdrawing without end wrote 800 rows of the audit trail a
 * second, and told every other instance to re-check the proposal's
 * connections as often.
 */
import { Router } from 'express'
import type { Response } from 'express'
import { canAnswerInvitation, canInviteCosponsors } from '../auth/permissions.js'
import { SECRETARIAT_DELEGATION, type DocumentMeta } from '../../protocol/api.js'
import { answer, invite, MAX_NAMED, TooManyCosponsorsError, withdraw, type CosponsorChange } from '../cosponsors.js'
import { RateLimiter } from '../extensions/rate-limit.js'
import { delegationNames } from './delegation-names.js'
import type { ApiDeps } from './context.js'
import { HttpError, readableDocument, userOf } from './context.js'

/** Changes of co-sponsors one user other than the Secretariat may make: a burst, then one every ten seconds (far more than a delegation's work). */
export const COSPONSOR_CHANGES = { perSecond: 1 / 10, burst: 30 } as const

/** Routes under /api/documents for a proposal's co-sponsors (the user is already signed in). */
export function cosponsorshipRoutes(deps: ApiDeps): Router {
  const r = Router()
  const changes = new RateLimiter(COSPONSOR_CHANGES.perSecond, COSPONSOR_CHANGES.burst)

  /** Applies `change` to the document's co-sponsors, records it, answers with the metadata after; `nothing` when it changed nothing. */
  const apply = async (res: Response, doc: DocumentMeta, change: CosponsorChange, audit: { action: string; detail: string }, nothing: () => HttpError) => {
    const user = userOf(res)
    const budgeted = user.role !== 'secretariat'
    if (budgeted && !changes.take(user.id)) {
      const seconds = Math.ceil(1 / COSPONSOR_CHANGES.perSecond)
      throw new HttpError(429, `too many changes of co-sponsors in a short time; try again in ${seconds} s`, 'too-many-cosponsor-changes', seconds)
    }
    let after
    try { after = await deps.store.changeCosponsors(doc.id, change) } catch (e) {
      if (budgeted) changes.spend(user.id, -1)
      if (e instanceof TooManyCosponsorsError) throw new HttpError(400, e.message)
      throw e
    }
    if (!after) {
      if (budgeted) changes.spend(user.id, -1)
      throw nothing()
    }
    // the document's open sockets follow at once, here and on the other instances
    deps.accessChanged(doc.id, after)
    await deps.store.addAudit(doc.id, { at: new Date().toISOString(), user: user.name, delegation: user.delegation, ...audit })
    const { createdAt: _createdAt, ...answered } = after
    res.json(answered)
  }

  r.post('/:id/cosponsorship', async (req, res) => {
    const user = userOf(res)
    const doc = await readableDocument(deps, res, req.params.id)
    const agree = (req.body as { agree?: unknown } | undefined)?.agree
    if (typeof agree !== 'boolean') throw new HttpError(400, 'agree must be true or false')
    const refused = () => new HttpError(403, 'your delegation has no invitation to co-sponsor this proposal (or has answered it)', 'not-invited')
    if (!canAnswerInvitation(user, doc)) throw refused()
    await apply(res, doc, answer(user.delegation, agree), {
      action: agree ? 'cosponsor-agreed' : 'cosponsor-declined',
      detail: agree ? `${user.delegation} agreed to co-sponsor` : `${user.delegation} declined to co-sponsor`
    }, refused)
  })

  r.post('/:id/invitations', async (req, res) => {
    const user = userOf(res)
    const doc = await readableDocument(deps, res, req.params.id)
    if (!canInviteCosponsors(user, doc)) throw new HttpError(403, 'only the proposing delegation (or the Secretariat) invites co-sponsors to a proposal', 'not-proposer')
    const names = delegationNames((req.body as { delegations?: unknown } | undefined)?.delegations, MAX_NAMED)
    const asSubmitted = user.role === 'secretariat'
    if (!asSubmitted && names.includes(SECRETARIAT_DELEGATION)) throw new HttpError(403, 'the Secretariat is no co-sponsor a drafter may name', 'own-delegation-only')
    await apply(res, doc, invite(names, asSubmitted), {
      action: asSubmitted ? 'cosponsors-added' : 'cosponsors-invited',
      detail: `${asSubmitted ? 'added as co-sponsors' : 'invited to co-sponsor'}: ${names.join(', ')}`
    }, () => new HttpError(409, 'every delegation named already co-sponsors the proposal or is invited'))
  })

  r.delete('/:id/invitations/:delegation', async (req, res) => {
    const user = userOf(res)
    const doc = await readableDocument(deps, res, req.params.id)
    if (!canInviteCosponsors(user, doc)) throw new HttpError(403, 'only the proposing delegation (or the Secretariat) withdraws an invitation to co-sponsor', 'not-proposer')
    const delegation = String(req.params.delegation).slice(0, 40)
    await apply(res, doc, withdraw(delegation), { action: 'cosponsor-invitation-withdrawn', detail: `invitation of ${delegation} withdrawn` },
      () => new HttpError(404, `${delegation} has no invitation to answer`))
  })
  return r
}
