/**
 * Shutting down: a document whose last save fails is logged by name and
 * `close()` rejects (so `npm start` exits non-zero); the other documents
 * are still saved and everything is closed.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addDocument, connect, login, startTestServer, titleText, until } from './test/helpers.js'

test('a failed last save on shutdown is logged with the document and makes close() reject', async () => {
  const server = await startTestServer({ debounce: 60_000 })
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
  const logged: string[] = []
  const error = console.error
  console.error = (...args: unknown[]) => { logged.push(args.map(String).join(' ')) }
  try {
    await assert.rejects(server.close(), (e: Error) => e.message.includes(failing.id) && !e.message.includes(fine.id))
  } finally { console.error = error; for (const c of clients) c.destroy() }
  assert.ok(logged.some(l => l.includes(failing.id) && l.includes('disk I/O error')), logged.join('\n'))
})
