import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { Hocuspocus } from '@hocuspocus/server'
import { clientIsStale } from './build-client.js'
import { DEMO_ACCOUNTS, seedDemoUsers } from './auth/demo-users.js'
import { verifyPassword } from './auth/passwords.js'
import { seedDocuments } from './seed.js'
import { openSqliteStore } from './store/sqlite.js'

test('demo accounts are created once, with scrypt hashes', async () => {
  const store = openSqliteStore(':memory:')
  assert.equal(await seedDemoUsers(store), true)
  assert.equal(await seedDemoUsers(store), false)
  assert.equal(await store.countUsers(), DEMO_ACCOUNTS.length)
  const amal = await store.findUser('amal')
  assert.equal(amal?.uiLang, 'ar')
  assert.match(amal!.passwordHash, /^scrypt\$/)
  assert.equal(await verifyPassword('amal-demo', amal!.passwordHash), true)
  assert.equal(await verifyPassword('amal-dem0', amal!.passwordHash), false)
  assert.deepEqual(DEMO_ACCOUNTS.map(a => `${a.username}/${a.delegation}/${a.role}`),
    ['amal/APT/drafter', 'kenji/APT/drafter', 'salma/ARB/drafter', 'claire/CEPT/drafter', 'sec/Secretariat/secretariat', 'rita/Reviewer/reviewer'])
  await store.close()
})

test('seeding skips missing fixtures and creates nothing from an empty directory', async () => {
  const store = openSqliteStore(':memory:')
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-fixtures-'))
  const log: string[] = []
  assert.deepEqual(await seedDocuments(store, new Hocuspocus({ quiet: true }), dir, s => log.push(s)), [])
  assert.ok(log.some(l => l.includes('res50-2012-ar.txt not found')))
  assert.deepEqual(await store.listDocuments(), [])
  rmSync(dir, { recursive: true, force: true })
  await store.close()
})

test('seeding a resolution fixture creates a shared document, its named version and the APT proposal', async () => {
  const store = openSqliteStore(':memory:')
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-fixtures-'))
  writeFileSync(join(dir, 'res50-2012-ar.txt'), 'RESOLUTION 50 (Rev. Dubai, 2012)\nCybersecurity\n')
  const created = await seedDocuments(store, new Hocuspocus({ quiet: true }), dir, () => undefined)
  assert.equal(created.length, 2)
  const docs = await store.listDocuments()
  const res = docs.find(d => d.kind === 'resolution')!
  const prop = docs.find(d => d.kind === 'proposal')!
  assert.deepEqual([res.shared, res.delegations], [true, ['Secretariat']])
  assert.deepEqual([prop.title, prop.delegations, prop.baseDocumentId], ['APT proposal on Resolution 50', ['APT', 'ARB'], res.id])
  const versions = await store.listVersions(res.id)
  assert.deepEqual(versions.map(v => v.name), ['Rev. Dubai, 2012'])
  assert.equal(prop.baseVersionId, versions[0]!.id)
  assert.equal((await seedDocuments(store, new Hocuspocus({ quiet: true }), dir, () => undefined)).length, 0, 'only on first start')
  rmSync(dir, { recursive: true, force: true })
  await store.close()
})

test('the client counts as stale when dist/index.html is missing or older than client/ or schema/', () => {
  const root = mkdtempSync(join(tmpdir(), 'resdraft-root-'))
  mkdirSync(join(root, 'client'))
  mkdirSync(join(root, 'dist'))
  writeFileSync(join(root, 'client', 'main.ts'), '')
  assert.equal(clientIsStale(root), true)
  writeFileSync(join(root, 'dist', 'index.html'), '')
  utimesSync(join(root, 'client', 'main.ts'), new Date(1000), new Date(1000))
  assert.equal(clientIsStale(root), false)
  utimesSync(join(root, 'client', 'main.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000))
  assert.equal(clientIsStale(root), true)
  // a change to the shared model alone also calls for a new bundle
  utimesSync(join(root, 'client', 'main.ts'), new Date(1000), new Date(1000))
  mkdirSync(join(root, 'schema'))
  writeFileSync(join(root, 'schema', 'nodes.ts'), '')
  utimesSync(join(root, 'schema', 'nodes.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000))
  assert.equal(clientIsStale(root), true)
  rmSync(root, { recursive: true, force: true })
})
