/**
 * The records the HTTP API speaks, shared by the server (which stores them,
 * see server/store/types.ts) and the browser client (which shows them).
 */

/** A user's role: what they may do. */
export type Role = 'drafter' | 'secretariat' | 'reviewer'

/** A user as the API shows it. */
export interface User {
  id: string
  username: string
  name: string
  delegation: string
  role: Role
  uiLang: 'en' | 'ar'
}

/** Who did something, as shown beside a document or version. */
export interface Actor {
  name: string
  delegation: string
}

/** What a document is: a resolution (a version in force or a draft), a delegation's proposal, or a committee draft (docs/committee-draft.md). */
export type DocumentKind = 'resolution' | 'proposal' | 'committee-draft'

/** A document's metadata (its content lives in the shared document and as JSON). */
export interface DocumentMeta {
  id: string
  title: string
  lang: string
  kind: DocumentKind
  baseVersionId: string | null
  baseDocumentId: string | null
  /** The delegations that write the document: for a proposal, the proposing one first, then the co-sponsors that agreed. */
  delegations: string[]
  /** Delegations a drafter named as co-sponsors that have not yet agreed: they read the proposal, and write it once one of their drafters agrees (server/api/cosponsorship-routes.ts). */
  invitedCosponsors: string[]
  shared: boolean
  createdAt: string
  updatedAt: string
  updatedBy: Actor | null
  /** In the documents list, for a text on a resolution: true when it was drafted on another version than the one in force (protocol/version-in-force.ts). */
  onOlderBase?: boolean
}

/** A named, immutable snapshot of a document. */
export interface VersionMeta {
  id: string
  documentId: string
  name: string
  createdAt: string
  createdBy: Actor | null
  /** In the versions list: true for an automatic checkpoint (named by the server, e.g. before a restore), false for a named version. */
  automatic?: boolean
}

/** A version with its content. */
export interface Version extends VersionMeta {
  json: unknown
}

/** Entries in a page of a document's audit trail or activity when the request names no `limit` (`?limit=`, at most MAX_AUDIT_PAGE; `?before=<seq>` for the page before). */
export const DEFAULT_AUDIT_PAGE = 500
/** The most entries one page of an audit trail or activity holds. */
export const MAX_AUDIT_PAGE = 1000

/** One line of a document's audit trail. */
export interface AuditEntry {
  at: string
  user: string
  delegation: string
  action: string
  detail: string
  /** Where it stands in the document's trail (set when listed): ascending, the cursor of the page before. */
  seq?: number
}

/**
 * Where a committee draft came from (kept beside it by the server): the
 * references it was started from (`v:<versionId>` or `d:<documentId>`), the
 * sources as the compilation named them (in proposal order) and the choices
 * made per row.
 */
export interface CommitteeDraftOrigin {
  base: string
  proposals: string[]
  sources: string[]
  choices: Record<string, unknown>
}

/** The delegation of the Secretariat's accounts and documents. */
export const SECRETARIAT_DELEGATION = 'Secretariat'
