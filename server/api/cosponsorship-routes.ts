/**
 * `POST /api/documents/:id/cosponsorship {agree}`: a delegation invited to
 * co-sponsor a proposal answers the invitation.
 *
 * A drafter who starts a proposal names her own delegation as the proposing
 * one and may name others as co-sponsors; they are only invited
 * (`DocumentMeta.invitedCosponsors`): they read the proposal, and a drafter
 * of theirs agrees (the delegation then writes it, and compilations and
 * committee drafts name it) or declines (it no longer reads an unshared
 * proposal). ITU joint proposals carry each co-signer's consent; naming a
 * delegation is not enough. The Secretariat records co-sponsors as
 * submitted, with no invitation.
 */
import { Router } from 'express'
import { canAnswerInvitation } from '../auth/permissions.js'
import type { ApiDeps } from './context.js'
import { HttpError, readableDocument, userOf } from './context.js'

/** Routes under /api/documents for answering invitations to co-sponsor (the user is already signed in). */
export function cosponsorshipRoutes(deps: ApiDeps): Router {
  const r = Router()
  r.post('/:id/cosponsorship', async (req, res) => {
    const user = userOf(res)
    const doc = await readableDocument(deps, res, req.params.id)
    const agree = (req.body as { agree?: unknown } | undefined)?.agree
    if (typeof agree !== 'boolean') throw new HttpError(400, 'agree must be true or false')
    const refused = () => new HttpError(403, 'your delegation has no invitation to co-sponsor this proposal (or has answered it)', 'not-invited')
    if (!canAnswerInvitation(user, doc)) throw refused()
    // the store takes the delegation off the invitations and adds it in one change: two answers at once both count
    const after = await deps.store.answerInvitation(doc.id, user.delegation, agree)
    if (!after) throw refused()
    await deps.store.addAudit(doc.id, {
      at: new Date().toISOString(), user: user.name, delegation: user.delegation,
      action: agree ? 'cosponsor-agreed' : 'cosponsor-declined',
      detail: agree ? `${user.delegation} agreed to co-sponsor` : `${user.delegation} declined to co-sponsor`
    })
    const { createdAt: _createdAt, ...answer } = after
    res.json(answer)
  })
  return r
}
