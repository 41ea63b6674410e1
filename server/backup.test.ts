/**
 * Backups of the embedded store, taken while a delegate types: the copy is
 * sound, holds every update acknowledged before it began, and a server
 * started on it serves the documents; bad destinations are refused with a
 * clear message and leave nothing behind.
 */
import assert from 'node:assert/strict'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { backupEmbeddedStore, BackupError } from './backup.js'
import { embeddedStoreFile } from './store/open.js'
import { addDocument, api, connect, login, startTestServer, titleText, until } from './test/helpers.js'
import type { Client, TestServer } from './test/helpers.js'

let server: TestServer
const dir = mkdtempSync(join(tmpdir(), 'resdraft-backup-'))
const clients: Client[] = []
before(async () => { server = await startTestServer() })
after(async () => { for (const c of clients) c.destroy(); await server.close(); rmSync(dir, { recursive: true, force: true }) })

test('a backup taken while a delegate types is sound, holds what was acknowledged, and a server starts on it', async () => {
  const doc = await addDocument(server.store)
  const amal = await login(server.url, 'amal')
  const a = connect(server.url, doc.id, amal)
  clients.push(a)
  await a.synced
  titleText(a.doc).insert(0, 'Before the backup: ')
  await until(async () => (await server.store.loadUpdates(doc.id)).updates.length > 1, 5000, 'the edit stored')
  // typing goes on while the backup is taken
  let typing = true
  const typer = (async () => { while (typing) { titleText(a.doc).insert(titleText(a.doc).length, '.'); await new Promise(r => setTimeout(r, 5)) } })()
  const dest = join(dir, 'backup.sqlite')
  const summary = backupEmbeddedStore(server.dataDir, dest)
  typing = false
  await typer
  assert.ok(summary.documents >= 1 && summary.updates >= 1 && summary.bytes > 0, JSON.stringify(summary))
  assert.deepEqual(readdirSync(dir), ['backup.sqlite'], 'no partial file left')

  // restore: the backup as the store of a new data directory (test servers share their session secret)
  const restoredDir = join(dir, 'restored')
  mkdirSync(restoredDir)
  copyFileSync(dest, embeddedStoreFile(restoredDir))
  const restored = await startTestServer({ dataDir: restoredDir })
  try {
    const c = connect(restored.url, doc.id, amal)
    clients.push(c)
    await c.synced
    assert.match(titleText(c.doc).toString(), /^Before the backup: Cybersecurity/, 'the acknowledged edit is in the backup')
    assert.equal((await api(restored.url, amal, 'GET', `/api/documents/${doc.id}`)).status, 200)
  } finally { await restored.close() }
})

test('refused with a clear message, nothing written: an existing file, a missing directory, no store', () => {
  const existing = join(dir, 'existing.sqlite')
  writeFileSync(existing, 'keep me')
  assert.throws(() => backupEmbeddedStore(server.dataDir, existing), (e: unknown) => e instanceof BackupError && /exists already/.test(e.message))
  assert.throws(() => backupEmbeddedStore(server.dataDir, join(dir, 'nowhere', 'b.sqlite')), (e: unknown) => e instanceof BackupError && /does not exist/.test(e.message))
  assert.throws(() => backupEmbeddedStore(join(dir, 'empty'), join(dir, 'b.sqlite')), (e: unknown) => e instanceof BackupError && /no embedded store/.test(e.message))
  assert.ok(!existsSync(join(dir, 'b.sqlite')) && !existsSync(join(dir, 'b.sqlite.partial')))
})
