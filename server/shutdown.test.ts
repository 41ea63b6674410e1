/**
 * Shutting down: a document whose last save fails is logged by name and
 * `close()` rejects (so `npm start` exits non-zero); the other documents
 * are still saved and everything is closed.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MemoryLogger } from './log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from './test/helpers.js'

test('a failed last save on shutdown is logged with the document and makes close() reject', async () => {
  const logger = new MemoryLogger()
  const server = await startTestServer({ debounce: 60_000, logger })
  const failing = await addDocument(server.store, { title: 'Failing' })
  const fine = await addDocument(server.store, { title: 'Fine' })
  const token = await login(server.url, 'kenji')
  const clients = [connect(server.url, failing.id, token), connect(server.url, fine.id, token)]
  await Promise.all(clients.map(c => c.synced))
  for (const c of clients) titleText(c.doc).insert(0, 'Edited ')
  await until(async () => (await server.store.loadUpdates(fine.id)).updates.length > 1 && (await server.store.loadUpdates(failing.id)).updates.length > 1, 5000, 'updates stored')

  const storeJSON = server.store.storeJSON.bind(server.store)
  server.store.storeJSON = async (id, ...rest) => {
    if (id === failing.id) throw new Error('disk I/O error')
    return storeJSON(id, ...rest)
  }
  try {
    await assert.rejects(server.close(), (e: Error) => e.message.includes(failing.id) && !e.message.includes(fine.id))
  } finally { for (const c of clients) c.destroy() }
  const errors = logger.entries.filter(e => e.level === 'error')
  assert.deepEqual(errors.map(e => [e.fields.document, e.fields.error]), [[failing.id, 'disk I/O error']], JSON.stringify(logger.entries))
})
