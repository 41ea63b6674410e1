import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { dropPostgresSchema, openPostgresStore } from './postgres.js'
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
