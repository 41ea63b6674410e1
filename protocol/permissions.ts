/**
 * Who may do what (the server enforces it; the client hides what a role may not do). Drafters (and the Secretariat, for the documents it
 * owns) edit documents whose `delegations` list holds their delegation;
 * drafters read those, shared ones and proposals their delegation is invited
 * to co-sponsor; the Secretariat and reviewers read
 * everything; only the Secretariat manages versions and imports.
 */
import { SECRETARIAT_DELEGATION, type DocumentMeta, type User } from './api.js'

/** Whether the user may open the document. */
export function canRead(user: User, doc: DocumentMeta): boolean {
  if (user.role === 'secretariat' || user.role === 'reviewer') return true
  return doc.shared || doc.delegations.includes(user.delegation) || doc.invitedCosponsors.includes(user.delegation)
}

/** Whether the user may change the document's content. */
export function canWrite(user: User, doc: DocumentMeta): boolean {
  if (user.role === 'reviewer') return false
  return doc.delegations.includes(user.delegation)
}

/** Whether the user may comment on the document: whoever may write it, and reviewers on anything they read. */
export function canComment(user: User, doc: DocumentMeta): boolean {
  return canWrite(user, doc) || (user.role === 'reviewer' && canRead(user, doc))
}

/** Whether the user may name versions. */
export function canManageVersions(user: User, doc: DocumentMeta): boolean {
  return user.role === 'secretariat' && canRead(user, doc)
}

/** Whether the user may import documents from text. */
export function canImport(user: User): boolean {
  return user.role === 'secretariat'
}

/**
 * Whether the user may start a proposal for these delegations, the first
 * being the proposing one and the others its co-sponsors: a drafter
 * proposes for their own delegation (the co-sponsors she names are invited,
 * and become co-sponsors when they agree), and only the Secretariat names the
 * Secretariat (a MOD line is believed for the proposing delegation, or any
 * when the Secretariat proposes: server/work/jobs.ts).
 */
export function canCreateProposal(user: User, delegations: readonly string[]): boolean {
  if (user.role === 'secretariat') return true
  return user.role === 'drafter' && delegations[0] === user.delegation && !delegations.includes(SECRETARIAT_DELEGATION)
}

/** Whether the user may agree (or decline) to co-sponsor the proposal for their delegation: a drafter of a delegation invited and not yet answering. */
export function canAnswerInvitation(user: User, doc: DocumentMeta): boolean {
  return user.role === 'drafter' && doc.invitedCosponsors.includes(user.delegation)
}

/** Whether the user may invite co-sponsors to the proposal, or withdraw an invitation: a drafter of its proposing delegation (named first), or the Secretariat (whose co-sponsors are added as submitted). */
export function canInviteCosponsors(user: User, doc: DocumentMeta): boolean {
  if (doc.kind !== 'proposal') return false
  return user.role === 'secretariat' || (user.role === 'drafter' && doc.delegations[0] === user.delegation)
}

/** Whether the user may export the document: the Secretariat any it reads, drafters their own delegation's. */
export function canExport(user: User, doc: DocumentMeta): boolean {
  if (user.role === 'secretariat') return canRead(user, doc)
  return user.role === 'drafter' && canWrite(user, doc)
}

/** Whether the user may start a committee draft from a compilation (the Secretariat only). */
export function canStartCommitteeDraft(user: User): boolean {
  return user.role === 'secretariat'
}

/** Whether the user may agree on a bracket option or drop another delegation's option (the Secretariat only). */
export function canSettleBrackets(user: User): boolean {
  return user.role === 'secretariat'
}
