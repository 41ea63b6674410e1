/**
 * The PostgreSQL backend (used when DATABASE_URL is set): the same tables as
 * SQLite, in a schema of their own (default `public`), so that several
 * server instances can share documents.
 */
import pg from 'pg'
import { AUDIT_SOURCES_INDEX_SQL, auditFromRow, auditSources, changedCosponsors, auditQuerySQL, committeeInputsFromRow, firstPerSources, nextSourcesQuery, UNFILLED_SOURCES_SQL, committeeOriginFromRow, committeeToRow, DOCUMENT_COLUMNS, documentFromRow, newestVersionsQuery, schemaSQL, userChanges, userFromRow, versionFromRow } from './rows.js'
import type { AuditRow, DocumentRow, UserRow, VersionRow } from './rows.js'
import { postgresTurns, TURNS_SQL } from './postgres-turns.js'
import type { Actor, CommitteeDraftRecord, DocumentMeta, Store, StoredUpdates, Version } from './types.js'

/** Options of the PostgreSQL backend. */
export interface PostgresOptions {
  /** Schema holding the tables (created when missing). */
  schema?: string | undefined
  /** How the connections name themselves to PostgreSQL (pg_stat_activity; default "resdraft"). */
  applicationName?: string | undefined
  /** Told when PostgreSQL drops an idle connection (a restart, an administrator); the pool opens a new one for the next query. */
  onConnectionLost?: ((error: Error) => void) | undefined
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Connects to PostgreSQL, creates the tables when missing and returns the store. */
export async function openPostgresStore(connectionString: string, options: PostgresOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'public'
  const pool = new pg.Pool({ connectionString, max: 8, application_name: options.applicationName ?? 'resdraft', options: `-c search_path=${quoteIdent(schema)}` })
  // An idle connection PostgreSQL drops (a restart, pg_terminate_backend) makes the pool emit 'error':
  // unhandled, that would stop the server. The pool discards that connection and opens a new one.
  pool.on('error', e => options.onConnectionLost?.(e))
  const init = await pool.connect()
  try {
    // Instances starting together must not race on CREATE TABLE.
    await init.query('SELECT pg_advisory_lock(427001)')
    await init.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
    await init.query(schemaSQL('BIGSERIAL PRIMARY KEY', 'BYTEA'))
    // a database made before committee drafts kept their inputs apart
    await init.query('ALTER TABLE committee_drafts ADD COLUMN IF NOT EXISTS inputs TEXT')
    // a database made before co-sponsors were invited
    await init.query('ALTER TABLE documents ADD COLUMN IF NOT EXISTS invited_cosponsors TEXT')
    // a database made before the audit trail kept each entry's sources: the column, filled from the details, at once
    const sourcesKept = await init.query("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit' AND column_name = 'sources'")
    if (!sourcesKept.rowCount) await addAuditSources(init)
    await init.query(AUDIT_SOURCES_INDEX_SQL)
    await init.query(TURNS_SQL)
  } finally {
    await init.query('SELECT pg_advisory_unlock(427001)').catch(() => undefined)
    init.release()
  }
  const actor = (a: Actor | null) => a ? JSON.stringify(a) : null
  const rows = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[]

  return {
    backend: 'postgres',
    async ping(kind = 'read') {
      if (kind === 'write') await pool.query('INSERT INTO write_checks (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at', [new Date().toISOString()])
      else await pool.query('SELECT 1')
    },
    inTurn: postgresTurns(pool),
    async loadUpdates(id): Promise<StoredUpdates> {
      const r = await rows<{ seq: string; data: Buffer }>('SELECT seq, data FROM updates WHERE doc_id = $1 ORDER BY seq', [id])
      return { updates: r.map(x => new Uint8Array(x.data)), lastSeq: r.length ? Number(r[r.length - 1]!.seq) : 0 }
    },
    async appendUpdate(id, update, meta) {
      await pool.query('INSERT INTO updates (doc_id, data, user_id, at) VALUES ($1, $2, $3, $4)', [id, Buffer.from(update), meta.userId, new Date().toISOString()])
    },
    async compact(id, state, through) {
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        await c.query('DELETE FROM updates WHERE doc_id = $1 AND seq <= $2', [id, through])
        await c.query('INSERT INTO updates (doc_id, data, user_id, at) VALUES ($1, $2, NULL, $3)', [id, Buffer.from(state), new Date().toISOString()])
        await c.query('COMMIT')
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined)
        throw e
      } finally { c.release() }
    },
    async createDocument(m: DocumentMeta, json, first) {
      const c = await pool.connect()
      try {
        // a new document's row and its first update, together or not at all
        await c.query('BEGIN')
        if (first) await c.query('INSERT INTO updates (doc_id, data, user_id, at) VALUES ($1, $2, $3, $4)', [m.id, Buffer.from(first.update), first.userId, new Date().toISOString()])
        await c.query(`INSERT INTO documents (id, title, lang, kind, base_version_id, base_document_id, delegations, invited_cosponsors, shared, created_at, updated_at, updated_by, json)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [m.id, m.title, m.lang, m.kind, m.baseVersionId, m.baseDocumentId, JSON.stringify(m.delegations), JSON.stringify(m.invitedCosponsors), m.shared ? 1 : 0, m.createdAt, m.updatedAt, actor(m.updatedBy), JSON.stringify(json)])
        await c.query('COMMIT')
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined)
        throw e
      } finally { c.release() }
    },
    async changeCosponsors(id, change) {
      // the row locked from its reading to its writing: answers given at the same moment (from several instances too) wait in turn
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        const [r] = (await c.query(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1 FOR UPDATE`, [id])).rows as DocumentRow[]
        const changed = r ? changedCosponsors(r, change) : null
        if (r && changed) await c.query('UPDATE documents SET delegations = $1, invited_cosponsors = $2 WHERE id = $3', [changed.delegations, changed.invited, id])
        await c.query('COMMIT')
        return r && changed ? documentFromRow({ ...r, delegations: changed.delegations, invited_cosponsors: changed.invited }) : null
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined)
        throw e
      } finally { c.release() }
    },
    async getDocument(id) {
      const [r] = await rows<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id])
      return r ? documentFromRow(r) : null
    },
    async listDocuments() { return (await rows<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY updated_at DESC, id`)).map(documentFromRow) },
    async retitleDocument(id, title) { await pool.query('UPDATE documents SET title = $1 WHERE id = $2', [title, id]) },
    async storeJSON(id, json, by, at) {
      await pool.query('UPDATE documents SET json = $1, updated_by = coalesce($2, updated_by), updated_at = $3 WHERE id = $4', [JSON.stringify(json), actor(by), at, id])
    },
    async getJSON(id) {
      const [r] = await rows<{ json: string | null }>('SELECT json FROM documents WHERE id = $1', [id])
      return r?.json ? JSON.parse(r.json) as unknown : null
    },
    async draftStarts(chars) {
      return (await rows<{ start: string }>("SELECT substr(json, 1, $1) AS start FROM documents WHERE kind = 'proposal' AND base_version_id IS NULL AND json IS NOT NULL ORDER BY created_at, id", [chars])).map(r => r.start)
    },
    async createVersion(v: Version) {
      await pool.query('INSERT INTO versions (id, document_id, name, created_at, created_by, json) VALUES ($1, $2, $3, $4, $5, $6)',
        [v.id, v.documentId, v.name, v.createdAt, actor(v.createdBy), JSON.stringify(v.json)])
    },
    async listVersions(documentId) {
      return (await rows<VersionRow>('SELECT id, document_id, name, created_at, created_by FROM versions WHERE document_id = $1 ORDER BY created_at, id', [documentId])).map(versionFromRow)
    },
    async newestVersions(prefix) {
      const found = await rows<{ document_id: string; id: string }>(newestVersionsQuery(n => `$${n}`), [[...prefix].length, prefix])
      return new Map(found.map(r => [r.document_id, r.id]))
    },
    async getVersion(id) {
      const [r] = await rows<VersionRow & { json: string }>('SELECT * FROM versions WHERE id = $1', [id])
      return r ? { ...versionFromRow(r), json: JSON.parse(r.json) as unknown } : null
    },
    async getVersionText(id) {
      const [r] = await rows<VersionRow & { json: string }>('SELECT * FROM versions WHERE id = $1', [id])
      return r ? { ...versionFromRow(r), jsonText: r.json } : null
    },
    async createUser(u) {
      await pool.query('INSERT INTO users (id, username, name, delegation, role, ui_lang, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [u.id, u.username, u.name, u.delegation, u.role, u.uiLang, u.passwordHash])
    },
    async findUser(username) { const [r] = await rows<UserRow>('SELECT * FROM users WHERE username = $1', [username]); return r ? userFromRow(r) : null },
    async getUser(id) { const [r] = await rows<UserRow>('SELECT * FROM users WHERE id = $1', [id]); return r ? userFromRow(r) : null },
    async countUsers() { const [r] = await rows<{ n: string }>('SELECT count(*) AS n FROM users'); return Number(r?.n ?? 0) },
    async listUsers() { return (await rows<UserRow>('SELECT * FROM users ORDER BY username COLLATE "C"')).map(userFromRow) },
    async updateUser(id, fields) {
      const { columns, values } = userChanges(fields)
      if (columns.length > 0) await pool.query(`UPDATE users SET ${columns.map((c, k) => `${c} = $${k + 1}`).join(', ')} WHERE id = $${columns.length + 1}`, [...values, id])
    },
    async endSessionsOf(userId) { return (await pool.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0 },
    async createSession(s) { await pool.query('INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)', [s.id, s.userId, s.expiresAt]) },
    async getSession(id) {
      const [r] = await rows<{ id: string; user_id: string; expires_at: string }>('SELECT id, user_id, expires_at FROM sessions WHERE id = $1', [id])
      return r ? { id: r.id, userId: r.user_id, expiresAt: Number(r.expires_at) } : null
    },
    async deleteSession(id) { await pool.query('DELETE FROM sessions WHERE id = $1', [id]) },
    async purgeSessions(now) { await pool.query('DELETE FROM sessions WHERE expires_at < $1', [now]) },
    async addAudit(documentId, e) {
      // a detail may quote a document's text (a bracket option's), which may hold a NUL that text here cannot: U+FFFD instead
      const detail = e.detail.replaceAll('\u0000', '\uFFFD')
      await pool.query('INSERT INTO audit (document_id, at, user_name, delegation, action, detail, sources) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [documentId, e.at, e.user, e.delegation, e.action, detail, auditSources(detail)])
    },
    async listAudit(documentId, query) {
      const { sql, params, newestFirst } = auditQuerySQL(documentId, query, true)
      const r = await rows<AuditRow>(sql, params)
      if (newestFirst) r.reverse()
      return r.map(auditFromRow)
    },
    async listFirstPerSources(documentId, action) {
      return firstPerSources(async after => (await rows<AuditRow & { sources: string }>(nextSourcesQuery(true), [documentId, action, after]))[0])
    },
    async setCommitteeDraft(documentId, record) {
      const row = committeeToRow(record)
      await pool.query('INSERT INTO committee_drafts (document_id, origin, inputs) VALUES ($1, $2, $3)', [documentId, row.origin, row.inputs])
    },
    async getCommitteeDraft(documentId) {
      const [r] = await rows<{ origin: string; old: boolean }>('SELECT origin, inputs IS NULL AS old FROM committee_drafts WHERE document_id = $1', [documentId])
      return r ? committeeOriginFromRow(r) : null
    },
    async getCommitteeInputs(documentId) {
      const [r] = await rows<{ origin: string; inputs: string | null }>('SELECT origin, inputs FROM committee_drafts WHERE document_id = $1', [documentId])
      return r ? committeeInputsFromRow(r) : null
    },
    async close() { await pool.end() }
  }
}

/**
 * Adds the column of sources to the audit trail of a database made before
 * it, filled from the details (rows.ts `auditSources`), in one transaction:
 * a start that fails leaves the column to the next one.
 */
async function addAuditSources(c: pg.PoolClient): Promise<void> {
  await c.query('BEGIN')
  try {
    await c.query('ALTER TABLE audit ADD COLUMN sources TEXT')
    const filled = (await c.query<{ seq: string; detail: string }>(UNFILLED_SOURCES_SQL)).rows
      .map(r => ({ seq: r.seq, sources: auditSources(r.detail) })).filter(r => r.sources !== null)
    for (let k = 0; k < filled.length; k += 10_000) {
      const part = filled.slice(k, k + 10_000)
      await c.query('UPDATE audit SET sources = f.sources FROM unnest($1::bigint[], $2::text[]) AS f(seq, sources) WHERE audit.seq = f.seq',
        [part.map(r => r.seq), part.map(r => r.sources)])
    }
    await c.query('COMMIT')
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}

/** Drops a schema and everything in it (test clean-up). */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try { await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`) } finally { await client.end() }
}
