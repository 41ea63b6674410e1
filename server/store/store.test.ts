import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { dropPostgresSchema, openPostgresStore } from './postgres.js'
import { answer } from '../cosponsors.js'
import { newestVersionsQuery } from './rows.js'
import { openSqliteStore } from './sqlite.js'
import { runStoreSuite } from './store.suite.js'

test('persistence suite: SQLite', t => runStoreSuite(t, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-store-'))
  return { store: openSqliteStore(join(dir, 'test.sqlite')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}))

const url = process.env.DATABASE_URL
test('persistence suite: PostgreSQL', t => runStoreSuite(t, async () => {
  const schema = `resdraft_test_${Math.random().toString(36).slice(2, 10)}`
  return { store: await openPostgresStore(url!, { schema }), cleanup: () => dropPostgresSchema(url!, schema) }
}, url ? undefined : 'DATABASE_URL not set'))

test('PostgreSQL: connections the server loses (a restart, pg_terminate_backend) are reported, not fatal, and the store goes on', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  const schema = `resdraft_test_${Math.random().toString(36).slice(2, 10)}`
  const applicationName = `resdraft-${schema}`
  const lost: string[] = []
  const store = await openPostgresStore(url!, { schema, applicationName, onConnectionLost: e => lost.push(e.message) })
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await store.listDocuments()   // the pool now holds an idle connection
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName])
    const deadline = Date.now() + 5000
    while (lost.length === 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 20))
    assert.ok(lost.length > 0, 'the lost connection is reported')
    assert.deepEqual(await store.listDocuments(), [], 'the next query runs on a new connection')
  } finally {
    await admin.end()
    await store.close()
    await dropPostgresSchema(url!, schema)
  }
})

test('PostgreSQL: two instances sharing the store take turns under one key (adoptions into one resolution sent to both at once)', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  const schema = `resdraft_test_${Math.random().toString(36).slice(2, 10)}`
  const [one, two] = [await openPostgresStore(url!, { schema }), await openPostgresStore(url!, { schema })]
  try {
    let running = 0
    let most = 0
    const work = async () => { running++; most = Math.max(most, running); await new Promise(r => setTimeout(r, 30)); running-- }
    await Promise.all(Array.from({ length: 6 }, (_, k) => (k % 2 ? one : two).inTurn('adopt:r50', work)))
    assert.equal(most, 1, 'never two at once')
  } finally {
    await one.close()
    await two.close()
    await dropPostgresSchema(url!, schema)
  }
})

test('SQLite: a database made before committee drafts kept their inputs apart is read as before (the column is added at start)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-store-'))
  try {
    const file = join(dir, 'old.sqlite')
    const Database = (await import('better-sqlite3')).default
    const old = new Database(file)
    old.exec('CREATE TABLE committee_drafts (document_id TEXT PRIMARY KEY, origin TEXT NOT NULL)')
    const record = { base: 'v:v1', proposals: ['d:a'], sources: ['APT'], choices: {}, inputs: { baseJSON: { n: 1 }, sources: [{ json: { n: 2 }, fallbackName: 'APT' }] } }
    old.prepare('INSERT INTO committee_drafts (document_id, origin) VALUES (?, ?)').run('draft', JSON.stringify(record))
    old.close()
    const store = openSqliteStore(file)
    try {
      const { inputs, ...origin } = record
      assert.deepEqual(await store.getCommitteeDraft('draft'), origin)
      assert.deepEqual(JSON.parse((await store.getCommitteeInputs('draft'))!), inputs)
    } finally { await store.close() }
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('SQLite: a database made before co-sponsors were invited is read as before: its documents invite no one (the column is added at start)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-store-'))
  try {
    const file = join(dir, 'old.sqlite')
    const Database = (await import('better-sqlite3')).default
    const old = new Database(file)
    old.exec(`CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, lang TEXT NOT NULL, kind TEXT NOT NULL,
      base_version_id TEXT, base_document_id TEXT, delegations TEXT NOT NULL, shared INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT, json TEXT)`)
    old.prepare(`INSERT INTO documents VALUES ('p', 'APT on Res 50', 'ar', 'proposal', 'v1', 'r', '["APT","ARB"]', 0, '2026-01-01', '2026-01-01', NULL, '{}')`).run()
    old.close()
    const store = openSqliteStore(file)
    try {
      const doc = await store.getDocument('p')
      assert.deepEqual([doc?.delegations, doc?.invitedCosponsors], [['APT', 'ARB'], []])
      assert.equal(await store.changeCosponsors('p', answer('ARB', true)), null)
    } finally { await store.close() }
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('SQLite: the versions in force of the document list are read from an index, not from the versions themselves (each holds a whole text)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-store-'))
  try {
    const file = join(dir, 'plan.sqlite')
    await openSqliteStore(file).close()
    const Database = (await import('better-sqlite3')).default
    const db = new Database(file, { readonly: true })
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${newestVersionsQuery(() => '?')}`).all(2, '⟲ ') as { detail: string }[]
      const reads = plan.map(p => p.detail).filter(d => /\bversions\b/.test(d))
      assert.ok(reads.length > 0 && reads.every(d => d.includes('COVERING INDEX')), reads.join('; '))
    } finally { db.close() }
  } finally { rmSync(dir, { recursive: true, force: true }) }
})
