/**
 * The embedded default backend: one SQLite file (better-sqlite3, WAL).
 * Updates are group-committed: the appends made while the current
 * microtasks run (a socket read's messages pass the hooks together) go into
 * one transaction on the next `process.nextTick`, which runs once they have
 * drained, and each `appendUpdate` resolves only once its transaction has
 * committed (in the WAL, which survives a killed process). Committing there
 * rather than at the next `setImmediate` keeps messages in flight for a
 * shorter time: at `setImmediate` every socket read in the loop turn waited
 * for one commit, and the messages kept alive meanwhile made each garbage
 * collection copy them (the relay benchmark spent 40% of its time there).
 * But when appends arrive steadily (a commit less than `BUSY_WITHIN_MS`
 * ago), a few per socket read, the commit waits for `setImmediate`: one
 * commit per socket read left the server committing 1,000 single-row
 * transactions a second under 500 typists, and saturated it at 1,000
 * (bench/server.bench.ts: keystroke p99 0.8-1.3 s there, 0.12-0.18 s with
 * this). Reads that bring several updates each (a burst) keep committing
 * on `nextTick`.
 */
import Database from 'better-sqlite3'
import { AUDIT_SOURCES_INDEX_SQL, auditFromRow, auditSources, changedCosponsors, auditQuerySQL, committeeInputsFromRow, firstPerSources, nextSourcesQuery, UNFILLED_SOURCES_SQL, committeeOriginFromRow, committeeToRow, DOCUMENT_COLUMNS, documentFromRow, newestVersionsQuery, schemaSQL, userChanges, userFromRow, versionFromRow } from './rows.js'
import type { AuditRow, DocumentRow, UserRow, VersionRow } from './rows.js'
import { TURN_HELD_HERE, Turns } from '../turns.js'
import type { Actor, AuditEntry, CommitteeDraftRecord, DocumentMeta, Session, Store, StoredUpdates, UpdateMeta, UserRecord, Version, VersionMeta } from './types.js'

/**
 * A commit this recent means appends are arriving steadily (many clients
 * typing): the next one waits for the rest of the event loop's turn, so that
 * every socket read of the turn shares one transaction (a commit costs 40 to
 * 100 µs however few rows it holds)...
 */
const BUSY_WITHIN_MS = 2
/**
 * ...unless the socket reads bring several updates each (a burst from few
 * clients): then each read's commit is already shared, and waiting for the
 * turn's end only keeps messages in flight longer (relay throughput 12-15%
 * lower on bench/server.bench.ts).
 */
const BURST_UPDATES_PER_READ = 8

/**
 * better-sqlite3's native objects (databases, statements) are never left to
 * the garbage collector. Built against Node 24's headers, `node::ObjectWrap`
 * removes an environment cleanup hook in its destructor, and when V8 collects
 * such an object where no context is entered, Node aborts the process
 * (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook;
 * seen here on Node 24.21 with better-sqlite3 12.11, not on 20 or 22). So
 * every store prepares its statements once, keeps them, and they and their
 * database stay referenced from here; `db.pragma()` (a fresh statement per
 * call) is not used. The cost is a few objects per store opened.
 */
const neverCollected = new Set<object>()

/** Opens (creating when needed) a SQLite store at `file` (":memory:" for a throwaway one). */
export function openSqliteStore(file: string): Store {
  const db = new Database(file)
  neverCollected.add(db)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000')
  db.exec(schemaSQL('INTEGER PRIMARY KEY AUTOINCREMENT', 'BLOB'))
  // a database made before committee drafts kept their inputs apart
  if (!(db.prepare('PRAGMA table_info(committee_drafts)').all() as { name: string }[]).some(c => c.name === 'inputs')) db.exec('ALTER TABLE committee_drafts ADD COLUMN inputs TEXT')
  // a database made before co-sponsors were invited
  if (!(db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).some(c => c.name === 'invited_cosponsors')) db.exec('ALTER TABLE documents ADD COLUMN invited_cosponsors TEXT')
  // a database made before the audit trail kept each entry's sources: the column, filled from the details, at once
  if (!(db.prepare('PRAGMA table_info(audit)').all() as { name: string }[]).some(c => c.name === 'sources')) {
    db.transaction(() => {
      db.exec('ALTER TABLE audit ADD COLUMN sources TEXT')
      const fill = db.prepare('UPDATE audit SET sources = ? WHERE seq = ?')
      neverCollected.add(fill)
      const unfilled = db.prepare(UNFILLED_SOURCES_SQL)
      neverCollected.add(unfilled)
      for (const r of unfilled.all() as { seq: number; detail: string }[]) {
        const sources = auditSources(r.detail)
        if (sources !== null) fill.run(sources, r.seq)
      }
    })()
  }
  db.exec(AUDIT_SOURCES_INDEX_SQL)

  const q = {
    insertUpdate: db.prepare('INSERT INTO updates (doc_id, data, user_id, at) VALUES (?, ?, ?, ?)'),
    loadUpdates: db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq'),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
    insertDocument: db.prepare(`INSERT INTO documents (id, title, lang, kind, base_version_id, base_document_id, delegations, invited_cosponsors, shared, created_at, updated_at, updated_by, json)
      VALUES (@id, @title, @lang, @kind, @baseVersionId, @baseDocumentId, @delegations, @invitedCosponsors, @shared, @createdAt, @updatedAt, @updatedBy, @json)`),
    setDelegations: db.prepare('UPDATE documents SET delegations = ?, invited_cosponsors = ? WHERE id = ?'),
    getDocument: db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`),
    listDocuments: db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY updated_at DESC, id`),
    retitleDocument: db.prepare('UPDATE documents SET title = ? WHERE id = ?'),
    storeJSON: db.prepare('UPDATE documents SET json = ?, updated_by = coalesce(?, updated_by), updated_at = ? WHERE id = ?'),
    getJSON: db.prepare('SELECT json FROM documents WHERE id = ?'),
    draftStarts: db.prepare("SELECT substr(json, 1, ?) AS start FROM documents WHERE kind = 'proposal' AND base_version_id IS NULL AND json IS NOT NULL ORDER BY created_at, id"),
    insertVersion: db.prepare('INSERT INTO versions (id, document_id, name, created_at, created_by, json) VALUES (?, ?, ?, ?, ?, ?)'),
    listVersions: db.prepare('SELECT id, document_id, name, created_at, created_by FROM versions WHERE document_id = ? ORDER BY created_at, id'),
    newestVersions: db.prepare(newestVersionsQuery(() => '?')),
    getVersion: db.prepare('SELECT * FROM versions WHERE id = ?'),
    insertUser: db.prepare('INSERT INTO users (id, username, name, delegation, role, ui_lang, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    findUser: db.prepare('SELECT * FROM users WHERE username = ?'),
    getUser: db.prepare('SELECT * FROM users WHERE id = ?'),
    countUsers: db.prepare('SELECT count(*) AS n FROM users'),
    listUsers: db.prepare('SELECT * FROM users ORDER BY username'),
    endSessionsOf: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    insertSession: db.prepare('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)'),
    getSession: db.prepare('SELECT id, user_id, expires_at FROM sessions WHERE id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at < ?'),
    insertAudit: db.prepare('INSERT INTO audit (document_id, at, user_name, delegation, action, detail, sources) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    nextSources: db.prepare(nextSourcesQuery()),
    insertCommittee: db.prepare('INSERT INTO committee_drafts (document_id, origin, inputs) VALUES (?, ?, ?)'),
    getCommittee: db.prepare('SELECT origin, inputs IS NULL AS old FROM committee_drafts WHERE document_id = ?'),
    getCommitteeInputs: db.prepare('SELECT origin, inputs FROM committee_drafts WHERE document_id = ?')
  }
  for (const statement of Object.values(q)) neverCollected.add(statement)
  // statements made from SQL of a few shapes (the audit queries the API asks, the fields an account change sets:
  // their values are parameters), prepared once each and, like the others, never collected
  const shaped = new Map<string, Database.Statement>()
  const turns = new Turns()
  const prepared = (sql: string): Database.Statement => {
    let statement = shaped.get(sql)
    if (!statement) { statement = db.prepare(sql); neverCollected.add(statement); shaped.set(sql, statement) }
    return statement
  }
  const compact = db.transaction((id: string, state: Uint8Array, through: number) => {
    q.deleteUpdates.run(id, through)
    q.insertUpdate.run(id, Buffer.from(state), null, new Date().toISOString())
  })
  const actor = (a: Actor | null) => a ? JSON.stringify(a) : null
  // a new document's row and its first update, together or not at all
  const insertDocument = db.transaction((m: DocumentMeta, json: unknown, first?: { update: Uint8Array; userId: string | null }) => {
    if (first) q.insertUpdate.run(m.id, Buffer.from(first.update), first.userId, new Date().toISOString())
    q.insertDocument.run({ ...m, delegations: JSON.stringify(m.delegations), invitedCosponsors: JSON.stringify(m.invitedCosponsors), shared: m.shared ? 1 : 0, updatedBy: actor(m.updatedBy), json: JSON.stringify(json) })
  })

  interface PendingAppend { id: string; data: Buffer; userId: string | null; at: string; resolve(): void; reject(e: unknown): void }
  let pending: PendingAppend[] = []
  let lastFlush = -Infinity
  // the macrotasks (socket reads) whose appends the pending batch holds, and the last batch's updates per read
  let reads = 0
  let inRead = false
  let updatesPerRead = 1
  const readEnds = () => { inRead = false }
  const insertAll = db.transaction((rows: PendingAppend[]) => { for (const r of rows) q.insertUpdate.run(r.id, r.data, r.userId, r.at) })
  const flush = () => {
    if (pending.length === 0) return
    lastFlush = performance.now()
    updatesPerRead = pending.length / Math.max(1, reads)
    reads = 0
    const rows = pending
    pending = []
    try { insertAll(rows) } catch (e) { for (const r of rows) r.reject(e); return }
    for (const r of rows) r.resolve()
  }

  return {
    backend: 'sqlite',
    async ping(kind = 'read') {
      if (kind === 'write') prepared('INSERT INTO write_checks (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at').run(new Date().toISOString())
      else prepared('SELECT 1').get()
    },
    // one process has the file: its own turns are everyone's
    inTurn: (key, work) => turns.run(key, () => work(TURN_HELD_HERE)),
    async loadUpdates(id): Promise<StoredUpdates> {
      flush()
      const rows = q.loadUpdates.all(id) as { seq: number; data: Buffer }[]
      return { updates: rows.map(r => new Uint8Array(r.data)), lastSeq: rows.length ? rows[rows.length - 1]!.seq : 0 }
    },
    appendUpdate(id, update, meta: UpdateMeta) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ id, data: Buffer.from(update), userId: meta.userId, at: new Date().toISOString(), resolve, reject })
        if (!inRead) { inRead = true; reads++; process.nextTick(readEnds) }
        if (pending.length === 1) {
          if (performance.now() - lastFlush < BUSY_WITHIN_MS && updatesPerRead < BURST_UPDATES_PER_READ) setImmediate(flush)
          else process.nextTick(flush)
        }
      })
    },
    async compact(id, state, through) { flush(); compact(id, state, through) },
    async createDocument(m: DocumentMeta, json, first) {
      insertDocument(m, json, first)
    },
    async changeCosponsors(id, change) {
      // read and written in one synchronous step: no other request runs between them
      const r = q.getDocument.get(id) as DocumentRow | undefined
      const changed = r ? changedCosponsors(r, change) : null
      if (!r || !changed) return null
      q.setDelegations.run(changed.delegations, changed.invited, id)
      return documentFromRow({ ...r, delegations: changed.delegations, invited_cosponsors: changed.invited })
    },
    async getDocument(id) {
      const r = q.getDocument.get(id) as DocumentRow | undefined
      return r ? documentFromRow(r) : null
    },
    async listDocuments() { return (q.listDocuments.all() as DocumentRow[]).map(documentFromRow) },
    async retitleDocument(id, title) { q.retitleDocument.run(title, id) },
    async storeJSON(id, json, by, at) { q.storeJSON.run(JSON.stringify(json), actor(by), at, id) },
    async getJSON(id) {
      const r = q.getJSON.get(id) as { json: string | null } | undefined
      return r?.json ? JSON.parse(r.json) as unknown : null
    },
    async draftStarts(chars) { return (q.draftStarts.all(chars) as { start: string }[]).map(r => r.start) },
    async createVersion(v: Version) { q.insertVersion.run(v.id, v.documentId, v.name, v.createdAt, actor(v.createdBy), JSON.stringify(v.json)) },
    async listVersions(documentId): Promise<VersionMeta[]> { return (q.listVersions.all(documentId) as VersionRow[]).map(versionFromRow) },
    async newestVersions(prefix) {
      const found = q.newestVersions.all([...prefix].length, prefix) as { document_id: string; id: string }[]
      return new Map(found.map(r => [r.document_id, r.id]))
    },
    async getVersion(id) {
      const r = q.getVersion.get(id) as (VersionRow & { json: string }) | undefined
      return r ? { ...versionFromRow(r), json: JSON.parse(r.json) as unknown } : null
    },
    async getVersionText(id) {
      const r = q.getVersion.get(id) as (VersionRow & { json: string }) | undefined
      return r ? { ...versionFromRow(r), jsonText: r.json } : null
    },
    async createUser(u: UserRecord) { q.insertUser.run(u.id, u.username, u.name, u.delegation, u.role, u.uiLang, u.passwordHash) },
    async findUser(username) { const r = q.findUser.get(username) as UserRow | undefined; return r ? userFromRow(r) : null },
    async getUser(id) { const r = q.getUser.get(id) as UserRow | undefined; return r ? userFromRow(r) : null },
    async countUsers() { return (q.countUsers.get() as { n: number }).n },
    async listUsers() { return (q.listUsers.all() as UserRow[]).map(userFromRow) },
    async updateUser(id, fields) {
      const { columns, values } = userChanges(fields)
      if (columns.length > 0) prepared(`UPDATE users SET ${columns.map(c => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values, id)
    },
    async endSessionsOf(userId) { return q.endSessionsOf.run(userId).changes },
    async createSession(s: Session) { q.insertSession.run(s.id, s.userId, s.expiresAt) },
    async getSession(id) {
      const r = q.getSession.get(id) as { id: string; user_id: string; expires_at: number } | undefined
      return r ? { id: r.id, userId: r.user_id, expiresAt: Number(r.expires_at) } : null
    },
    async deleteSession(id) { q.deleteSession.run(id) },
    async purgeSessions(now) { q.purgeSessions.run(now) },
    async addAudit(documentId, e: AuditEntry) { q.insertAudit.run(documentId, e.at, e.user, e.delegation, e.action, e.detail, auditSources(e.detail)) },
    async listAudit(documentId, query) {
      const { sql, params, newestFirst } = auditQuerySQL(documentId, query)
      const rows = prepared(sql).all(...params) as AuditRow[]
      if (newestFirst) rows.reverse()
      return rows.map(auditFromRow)
    },
    async listFirstPerSources(documentId, action) {
      return firstPerSources(async after => q.nextSources.get(documentId, action, after) as (AuditRow & { sources: string }) | undefined)
    },
    async setCommitteeDraft(documentId, record: CommitteeDraftRecord) {
      const row = committeeToRow(record)
      q.insertCommittee.run(documentId, row.origin, row.inputs)
    },
    async getCommitteeDraft(documentId) {
      const r = q.getCommittee.get(documentId) as { origin: string; old: number } | undefined
      return r ? committeeOriginFromRow(r) : null
    },
    async getCommitteeInputs(documentId) {
      const r = q.getCommitteeInputs.get(documentId) as { origin: string; inputs: string | null } | undefined
      return r ? committeeInputsFromRow(r) : null
    },
    async close() { flush(); db.close() }
  }
}
