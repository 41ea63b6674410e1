/**
 * Row <-> record conversions shared by the SQL backends (both store JSON
 * values as text so that the two schemas stay the same).
 */
import type { CosponsorChange } from '../cosponsors.js'
import { detailSourcesKey } from '../collab/detail-sources.js'
import { CONNECTION_ACTIONS } from './types.js'
import type { Actor, AuditEntry, AuditQuery, CommitteeDraftOrigin, CommitteeDraftRecord, DocumentMeta, Role, UserRecord, VersionMeta } from './types.js'

/**
 * Each document's newest version whose name does not start with a prefix
 * (`placeholder(1)` its length in characters, `placeholder(2)` the prefix),
 * newest as `listVersions` orders them (time, then id). Every document list
 * asks it, over every version and checkpoint: it reads the index
 * `versions_newest` (schemaSQL), which holds all it needs, not the
 * versions' rows, each a whole text (SQLite, 2,000 documents with 25
 * versions of 20 KB: 93–145 ms on the event loop without it, 12 ms with it).
 */
export function newestVersionsQuery(placeholder: (n: number) => string): string {
  return `SELECT document_id, id FROM (
    SELECT document_id, id, ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY created_at DESC, id DESC) AS r
    FROM versions WHERE substr(name, 1, ${placeholder(1)}) <> ${placeholder(2)}) ranked WHERE r = 1`
}

/** A `documents` row as both backends return it. */
export interface DocumentRow {
  id: string; title: string; lang: string; kind: string; base_version_id: string | null; base_document_id: string | null
  delegations: string; invited_cosponsors: string | null; shared: number | boolean; created_at: string; updated_at: string; updated_by: string | null
}

/**
 * The columns of a documents row (`DocumentRow`): its metadata, never its
 * stored JSON, which a listing of every document would otherwise read
 * whole (measured on SQLite: 1.9–2.3 s for 89 large documents, against 1 ms).
 */
export const DOCUMENT_COLUMNS = 'id, title, lang, kind, base_version_id, base_document_id, delegations, invited_cosponsors, shared, created_at, updated_at, updated_by'

/** Converts a documents row. */
export function documentFromRow(r: DocumentRow): DocumentMeta {
  return {
    id: r.id, title: r.title, lang: r.lang, kind: r.kind === 'proposal' || r.kind === 'committee-draft' ? r.kind : 'resolution',
    baseVersionId: r.base_version_id, baseDocumentId: r.base_document_id,
    delegations: JSON.parse(r.delegations) as string[], invitedCosponsors: r.invited_cosponsors ? JSON.parse(r.invited_cosponsors) as string[] : [],
    shared: Boolean(r.shared),
    createdAt: r.created_at, updatedAt: r.updated_at,
    updatedBy: r.updated_by ? JSON.parse(r.updated_by) as Actor : null
  }
}

/**
 * The delegations and invited co-sponsors stored after `change`
 * (server/cosponsors.ts) on a documents row, or null when it changes
 * nothing: what both backends store in the one step `changeCosponsors` makes.
 */
export function changedCosponsors(row: DocumentRow, change: CosponsorChange): { delegations: string; invited: string } | null {
  const current = documentFromRow(row)
  const after = change({ delegations: current.delegations, invitedCosponsors: current.invitedCosponsors })
  return after ? { delegations: JSON.stringify(after.delegations), invited: JSON.stringify(after.invitedCosponsors) } : null
}

/** A `versions` row without its JSON. */
export interface VersionRow { id: string; document_id: string; name: string; created_at: string; created_by: string | null }

/** Converts a versions row. */
export function versionFromRow(r: VersionRow): VersionMeta {
  return { id: r.id, documentId: r.document_id, name: r.name, createdAt: r.created_at, createdBy: r.created_by ? JSON.parse(r.created_by) as Actor : null }
}

/** A `users` row. */
export interface UserRow { id: string; username: string; name: string; delegation: string; role: string; ui_lang: string; password_hash: string }

/** The column of each changeable field of a user. */
const USER_COLUMNS = { name: 'name', delegation: 'delegation', role: 'role', uiLang: 'ui_lang', passwordHash: 'password_hash' } as const

/** The columns and values of a user's changed fields, in a fixed order (so that SQL made from them can be cached). */
export function userChanges(fields: Partial<Omit<UserRecord, 'id' | 'username'>>): { columns: string[]; values: string[] } {
  const columns: string[] = []
  const values: string[] = []
  for (const [key, column] of Object.entries(USER_COLUMNS)) {
    const value = fields[key as keyof typeof USER_COLUMNS]
    if (value !== undefined) { columns.push(column); values.push(value) }
  }
  return { columns, values }
}

/** Converts a users row. */
export function userFromRow(r: UserRow): UserRecord {
  return {
    id: r.id, username: r.username, name: r.name, delegation: r.delegation, role: r.role as Role,
    uiLang: r.ui_lang === 'ar' ? 'ar' : 'en', passwordHash: r.password_hash
  }
}

/** An `audit` row. */
export interface AuditRow { seq: number | string; at: string; user_name: string; delegation: string; action: string; detail: string }

/** Converts an audit row. */
export function auditFromRow(r: AuditRow): AuditEntry {
  return { at: r.at, user: r.user_name, delegation: r.delegation, action: r.action, detail: r.detail, seq: Number(r.seq) }
}

/** The condition of a change (no connection) in the audit trail, in the SQL of the index of changes and of the queries it answers. */
const CHANGES_ONLY = `action NOT IN (${CONNECTION_ACTIONS.map(a => `'${a}'`).join(', ')})`

/**
 * The SQL of an audit query (`AuditQuery`) and its parameters, for either
 * store: `?` placeholders, which `numbered` turns into PostgreSQL's `$1`...
 * With a limit the newest rows are read (newest first: reverse them).
 */
export function auditQuerySQL(documentId: string, query: AuditQuery = {}, numbered = false): { sql: string; params: unknown[]; newestFirst: boolean } {
  const where = ['document_id = ?']
  const params: unknown[] = [documentId]
  if (query.delegation !== undefined) { where.push('delegation = ?'); params.push(query.delegation) }
  if (query.actions) { where.push(query.actions.length ? `action IN (${query.actions.map(() => '?').join(', ')})` : 'FALSE'); params.push(...query.actions) }
  // written out as the partial index's own condition, which is how both planners see that index answers it
  if (query.changesOnly) where.push(CHANGES_ONLY)
  if (query.before !== undefined) { where.push('seq < ?'); params.push(query.before) }
  const newestFirst = query.limit !== undefined
  let sql = `SELECT seq, at, user_name, delegation, action, detail FROM audit WHERE ${where.join(' AND ')} ORDER BY seq${newestFirst ? ' DESC LIMIT ?' : ''}`
  if (newestFirst) params.push(query.limit)
  if (numbered) { let k = 0; sql = sql.replace(/\?/g, () => `$${++k}`) }
  return { sql, params, newestFirst }
}

/**
 * What an audit row keeps in its `sources` column: the sources of the
 * bracket option its detail names, as one string (collab/detail-sources.ts),
 * or null. Written with every entry; an entry of a database made before the
 * column gets it when the store opens (`UNFILLED_SOURCES_SQL`).
 */
export function auditSources(detail: string): string | null {
  return detailSourcesKey(detail)
}

/**
 * The rows of a database made before the column of sources that may name
 * some (a bracket operation's detail ends `] (bracket <id>)`), whose
 * `auditSources` the store writes when it adds the column on opening.
 */
export const UNFILLED_SOURCES_SQL = "SELECT seq, detail FROM audit WHERE detail LIKE '%] (bracket %'"

/**
 * The index of the first entries per list of sources (`nextSourcesQuery`),
 * made on opening once the column is there (a database made before it
 * gets the column first).
 */
export const AUDIT_SOURCES_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS audit_sources ON audit (document_id, action, sources, seq)'

/**
 * The first entry of an action in a document's trail whose sources come
 * after a list of sources (in the column's order; parameters: the
 * document, the action, that list, '' for the first): one row of the index
 * `audit_sources`, however many entries of the same sources there are.
 * `numbered`: PostgreSQL's `$1` placeholders.
 */
export function nextSourcesQuery(numbered = false): string {
  const [doc, action, after] = numbered ? ['$1', '$2', '$3'] : ['?', '?', '?']
  return `SELECT seq, at, user_name, delegation, action, detail, sources FROM audit
    WHERE document_id = ${doc} AND action = ${action} AND sources > ${after} ORDER BY sources, seq LIMIT 1`
}

/**
 * The first entry of each list of sources (`MetaStore.listFirstPerSources`), oldest first, from `next`, which runs
 * `nextSourcesQuery` for the list after the one given: one query per list, and one more.
 */
export async function firstPerSources(next: (after: string) => Promise<(AuditRow & { sources: string }) | undefined>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = []
  for (let row = await next(''); row; row = await next(row.sources)) out.push(auditFromRow(row))
  return out.sort((a, b) => a.seq! - b.seq!)
}

/**
 * The origin of a stored committee draft (`old`: a row written before the inputs had a column of their own,
 * which holds them inside the origin, read whole for such rows only).
 */
export function committeeOriginFromRow(r: { origin: string; old: boolean | number }): CommitteeDraftOrigin {
  if (!r.old) return JSON.parse(r.origin) as CommitteeDraftOrigin
  const { inputs: _inputs, ...origin } = JSON.parse(r.origin) as CommitteeDraftRecord
  return origin
}

/** The inputs' JSON text of a stored committee draft (from inside the origin for an old row). */
export function committeeInputsFromRow(r: { origin: string; inputs: string | null }): string {
  return r.inputs ?? JSON.stringify((JSON.parse(r.origin) as CommitteeDraftRecord).inputs)
}

/** The origin and the inputs' JSON text of a committee draft record, as stored. */
export function committeeToRow(record: CommitteeDraftRecord): { origin: string; inputs: string } {
  const { inputs, ...origin } = record
  return { origin: JSON.stringify(origin), inputs: typeof inputs === 'string' ? inputs : JSON.stringify(inputs) }
}

/** The tables, in SQL both SQLite and PostgreSQL accept (`SEQ` and `BLOB` are filled in per backend). */
export function schemaSQL(seq: string, blob: string): string {
  return `
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, lang TEXT NOT NULL, kind TEXT NOT NULL,
  base_version_id TEXT, base_document_id TEXT, delegations TEXT NOT NULL, invited_cosponsors TEXT, shared INTEGER NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS updates (
  seq ${seq}, doc_id TEXT NOT NULL, data ${blob} NOT NULL, user_id TEXT, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS updates_doc ON updates (doc_id, seq);
CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY, document_id TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS versions_doc ON versions (document_id, created_at);
CREATE INDEX IF NOT EXISTS versions_newest ON versions (document_id, created_at, id, name);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, delegation TEXT NOT NULL,
  role TEXT NOT NULL, ui_lang TEXT NOT NULL, password_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  seq ${seq}, document_id TEXT NOT NULL, at TEXT NOT NULL, user_name TEXT NOT NULL, delegation TEXT NOT NULL,
  action TEXT NOT NULL, detail TEXT NOT NULL, sources TEXT);
CREATE INDEX IF NOT EXISTS audit_doc ON audit (document_id, seq);
-- a page of the activity, of one delegation's entries, of one action's reads those rows
-- alone: through audit_doc it read back over every connection, every other delegation's entry (200,000 rows: 70 to
-- 265 ms of SQLite on the event loop for an empty page, the twenty-first probe); made on opening a database made before
CREATE INDEX IF NOT EXISTS audit_changes ON audit (document_id, seq) WHERE ${CHANGES_ONLY};
CREATE INDEX IF NOT EXISTS audit_delegation ON audit (document_id, delegation, seq);
CREATE INDEX IF NOT EXISTS audit_action ON audit (document_id, action, seq);
CREATE TABLE IF NOT EXISTS committee_drafts (document_id TEXT PRIMARY KEY, origin TEXT NOT NULL, inputs TEXT);
-- the health check's write round trip (store-health.ts): one row, rewritten
CREATE TABLE IF NOT EXISTS write_checks (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
`
}
