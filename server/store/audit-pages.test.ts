/**
 * A page of a document's activity (its trail without connections) or of one
 * delegation's entries reads about a page of rows, however many other rows
 * the trail holds, on both stores, and on a database made before the
 * indexes that bound it (they are made when the store opens). Counted, not
 * timed: SQLite's plan must search an index holding only the rows asked for
 * (better-sqlite3 gives no count of rows stepped over); PostgreSQL's
 * EXPLAIN ANALYZE counts the rows its scans read. Likewise the first drop
 * of each list of sources (what the disposition report reads: the store's
 * `listFirstPerSources`) reads a row or two per list, however many drops of
 * the same sources the trail holds, on a database made before the column of
 * sources too (filled when the store opens).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import pg from 'pg'
import { dropPostgresSchema, openPostgresStore } from './postgres.js'
import { auditQuerySQL, nextSourcesQuery } from './rows.js'
import { openSqliteStore } from './sqlite.js'
import type { AuditQuery, Store } from './types.js'

/** Connection entries after the document's changes: a trail a year of readers and writers may leave. */
const CONNECTIONS = 20_000
const CHANGES = 30
const PAGE = 10
const DOC = 'doc-trail'
/** The pages asked for: the activity's newest and the one before, a delegation's, one with no entries at all. */
const PAGES: Record<string, (before?: number) => AuditQuery> = {
  'activity': before => ({ changesOnly: true, limit: PAGE, before }),
  'one delegation': before => ({ delegation: 'ARB', limit: PAGE, before }),
  'a delegation with no entries': before => ({ delegation: 'NOBODY', limit: PAGE, before }),
  'the drops a disposition reads (none)': before => ({ actions: ['bracket-drop-option'], before })
}
/** The indexes a database made before this probe lacks (dropped to make one). */
const NEW_INDEXES = ['audit_changes', 'audit_delegation', 'audit_action']

/** What each page holds, read through the store: the newest changes, ARB's newest entries, nothing. */
async function checkPages(store: Store): Promise<void> {
  const activity = await store.listAudit(DOC, PAGES['activity']!())
  assert.deepEqual(activity.map(e => e.detail), Array.from({ length: PAGE }, (_, k) => `change ${CHANGES - PAGE + k}`), 'the newest changes, no connection')
  const before = await store.listAudit(DOC, PAGES['activity']!(activity[0]!.seq))
  assert.deepEqual(before.map(e => e.detail), Array.from({ length: PAGE }, (_, k) => `change ${CHANGES - 2 * PAGE + k}`), 'the page before')
  const arb = await store.listAudit(DOC, PAGES['one delegation']!())
  assert.equal(arb.length, PAGE)
  assert.ok(arb.every(e => e.delegation === 'ARB'))
  assert.deepEqual(await store.listAudit(DOC, PAGES['a delegation with no entries']!()), [])
  assert.deepEqual(await store.listAudit(DOC, PAGES['the drops a disposition reads (none)']!()), [])
}

test('SQLite: a page of the activity or of one delegation searches an index of those rows only, on a database made before the indexes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-audit-pages-'))
  const file = join(dir, 'test.sqlite')
  try {
    await (openSqliteStore(file)).close()
    const db = new Database(file)
    try {
      for (const name of NEW_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`)
      const add = db.prepare('INSERT INTO audit (document_id, at, user_name, delegation, action, detail) VALUES (?, ?, ?, ?, ?, ?)')
      db.transaction(() => {
        for (let k = 0; k < CHANGES; k++) add.run(DOC, 'x', 'Salma', k % 2 ? 'ARB' : 'APT', 'bracket-add-option', `change ${k}`)
        for (let k = 0; k < CONNECTIONS; k++) add.run(DOC, 'x', 'Amal', 'APT', k % 2 ? 'disconnect' : 'connect', '')
      })()
    } finally { db.close() }
    await (openSqliteStore(file)).close()
    const look = new Database(file, { readonly: true })
    try {
      const partial = new Map((look.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit'").all() as { name: string; sql: string | null }[]).map(r => [r.name, r.sql ?? '']))
      for (const [name, page] of Object.entries(PAGES)) {
        const { sql, params } = auditQuerySQL(DOC, page(1_000_000))
        const plan = (look.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(r => r.detail).join('; ')
        const index = /USING (?:COVERING )?INDEX (\w+)/.exec(plan)?.[1] ?? ''
        const bounded = name === 'activity' ? / WHERE action NOT IN /.test(partial.get(index) ?? '') : /(delegation|action)=\?/.test(plan)
        assert.ok(bounded, `${name}: "${plan}" reads every row of the trail${index ? ` (${index}: ${partial.get(index)})` : ''}`)
        assert.doesNotMatch(plan, /TEMP B-TREE/, `${name}: read in the index's order, not sorted after`)
      }
    } finally { look.close() }
    const store = openSqliteStore(file)
    try { await checkPages(store) } finally { await store.close() }
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

const url = process.env.DATABASE_URL
test('PostgreSQL: a page of the activity or of one delegation reads about a page of rows, on a database made before the indexes', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  const schema = `resdraft_test_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await (await openPostgresStore(url!, { schema })).close()
  await admin.connect()
  try {
    for (const name of NEW_INDEXES) await admin.query(`DROP INDEX IF EXISTS ${name}`)
    await admin.query(`INSERT INTO audit (document_id, at, user_name, delegation, action, detail)
      SELECT $1, 'x', 'Salma', CASE WHEN k % 2 = 1 THEN 'ARB' ELSE 'APT' END, 'bracket-add-option', 'change ' || k FROM generate_series(0, $2::int - 1) k ORDER BY k`, [DOC, CHANGES])
    await admin.query(`INSERT INTO audit (document_id, at, user_name, delegation, action, detail)
      SELECT $1, 'x', 'Amal', 'APT', CASE WHEN k % 2 = 1 THEN 'disconnect' ELSE 'connect' END, '' FROM generate_series(0, $2::int - 1) k`, [DOC, CONNECTIONS])
    await (await openPostgresStore(url!, { schema })).close()
    await admin.query('ANALYZE audit')
    for (const [name, page] of Object.entries(PAGES)) {
      const { sql, params } = auditQuerySQL(DOC, page(Number.MAX_SAFE_INTEGER), true)
      const plan = (await admin.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0].Plan as PlanNode
      const read = rowsRead(plan)
      assert.ok(read <= 2 * PAGE + 5, `${name}: ${read} rows read for a page of ${PAGE}`)
    }
    const store = await openPostgresStore(url!, { schema })
    try { await checkPages(store) } finally { await store.close() }
  } finally {
    await admin.end()
    await dropPostgresSchema(url!, schema)
  }
})

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON). */
interface PlanNode { 'Node Type': string; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] }

/** Rows PostgreSQL's scans read under `node`: those they gave and those their filters dropped, in every loop. */
function rowsRead(node: PlanNode): number {
  const own = /Scan/.test(node['Node Type']) ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0
  return own + (node.Plans ?? []).reduce((n, p) => n + rowsRead(p), 0)
}

/** Drops of the same few sources, as a drafter adding and dropping their own option again and again leaves them. */
const DROPS = 20_000
const DROP = 'bracket-drop-option'
/** A drop's detail (collab/brackets.ts `operationDetail`). */
const dropDetail = (k: number, sources: string) => `[option ${k}] [${sources}] (bracket b${k})`
/** The sources of the k-th drop: the Secretariat's drop of APT's and ARB's joint option first, then APT's and ARB's own. */
const dropSources = (k: number) => k === 0 ? 'APT, ARB' : k % 2 ? 'APT' : 'ARB'

/** The first drop of each list of sources, read through the store (from rows written before the column of sources). */
async function checkFirstDrops(store: Store): Promise<void> {
  assert.deepEqual((await store.listFirstPerSources(DOC, DROP)).map(e => e.detail), [dropDetail(0, 'APT, ARB'), dropDetail(1, 'APT'), dropDetail(2, 'ARB')])
}

test('SQLite: the first drop of each list of sources searches an index of those drops, on a database made before the column of sources', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-audit-drops-'))
  const file = join(dir, 'test.sqlite')
  try {
    await (openSqliteStore(file)).close()
    const db = new Database(file)
    try {
      db.exec('DROP INDEX IF EXISTS audit_sources; ALTER TABLE audit DROP COLUMN sources')
      const add = db.prepare('INSERT INTO audit (document_id, at, user_name, delegation, action, detail) VALUES (?, ?, ?, ?, ?, ?)')
      db.transaction(() => {
        for (let k = 0; k < DROPS; k++) add.run(DOC, 'x', 'Amal', 'APT', k % 5 === 4 ? 'connect' : DROP, dropDetail(k, dropSources(k)))
      })()
    } finally { db.close() }
    await (openSqliteStore(file)).close()
    const look = new Database(file, { readonly: true })
    try {
      const plan = (look.prepare(`EXPLAIN QUERY PLAN ${nextSourcesQuery()}`).all(DOC, DROP, 'APT') as { detail: string }[]).map(r => r.detail).join('; ')
      assert.match(plan, /USING (COVERING )?INDEX \w+ \(document_id=\? AND action=\? AND sources>\?\)/, `the next list of sources: "${plan}"`)
      assert.doesNotMatch(plan, /TEMP B-TREE/, 'read in the index\'s order, not sorted after')
    } finally { look.close() }
    const store = openSqliteStore(file)
    try { await checkFirstDrops(store) } finally { await store.close() }
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('PostgreSQL: the first drop of each list of sources reads a row or two per list, on a database made before the column of sources', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  const schema = `resdraft_test_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await (await openPostgresStore(url!, { schema })).close()
  await admin.connect()
  try {
    await admin.query('ALTER TABLE audit DROP COLUMN sources')
    await admin.query(`INSERT INTO audit (document_id, at, user_name, delegation, action, detail)
      SELECT $1, 'x', 'Amal', 'APT', CASE WHEN k % 5 = 4 THEN 'connect' ELSE $2 END,
        '[option ' || k || '] [' || CASE WHEN k = 0 THEN 'APT, ARB' WHEN k % 2 = 1 THEN 'APT' ELSE 'ARB' END || '] (bracket b' || k || ')'
      FROM generate_series(0, $3::int - 1) k ORDER BY k`, [DOC, DROP, DROPS])
    await (await openPostgresStore(url!, { schema })).close()
    await admin.query('ANALYZE audit')
    for (const after of ['', 'APT', 'APT, ARB', 'ARB']) {
      const plan = (await admin.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${nextSourcesQuery(true)}`, [DOC, DROP, after])).rows[0]['QUERY PLAN'][0].Plan as PlanNode
      const read = rowsRead(plan)
      assert.ok(read <= 2, `the list of sources after "${after}": ${read} rows read`)
    }
    const store = await openPostgresStore(url!, { schema })
    try { await checkFirstDrops(store) } finally { await store.close() }
  } finally {
    await admin.end()
    await dropPostgresSchema(url!, schema)
  }
})
