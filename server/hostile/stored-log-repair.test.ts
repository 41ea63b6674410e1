/**
 * A stored update log that Yjs cannot replay, against a real server.
 * Updates an earlier server accepted and stored can make the replay of a
 * document's log throw (deletions of clocks past 2^53, then a waiting
 * deletion: "Unexpected case", hostile/socket-clock-overflow.test.ts); the
 * document then never opened again, for anyone, with all its text. Its
 * load now has the log repaired: replayed update by update, the ones Yjs
 * cannot take left out and named in the log, the rest compacted; the page
 * that opened it is told the server is busy and opens it again.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertValid, deletionUpdate } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
})
after(() => server.close())

/** A client of `token`'s on `documentId`, synced, connecting again as a page does while the server says it is busy. */
async function opened(documentId: string, token: string): Promise<Client> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = connect(server.url, documentId, token)
    try {
      await Promise.race([c.synced, new Promise((_, reject) => setTimeout(() => reject(new Error('not synced in 5 s')), 5000))])
      return c
    } catch { c.destroy() }
  }
  throw new Error('the document never opened')
}

test('a document whose stored log Yjs cannot replay opens again, with every change but those it cannot take', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  let own: number
  try {
    await a.synced
    titleText(a.doc).insert(0, 'Typed ')
    await until(() => !a.provider.hasUnsyncedChanges, 5000, 'the typing is acknowledged')
    own = a.doc.clientID
  } finally { a.destroy() }
  await until(() => !server.hocuspocus.documents.has(doc.id), 5000, 'the document is unloaded')
  // what an earlier server took and stored: a deletion of clocks past 2^53, then a waiting deletion
  await server.store.appendUpdate(doc.id, deletionUpdate(own, [[2 ** 54, 36], [2 ** 53 + 2048, 2]]), { userId: null })
  await server.store.appendUpdate(doc.id, deletionUpdate(own, [[14, 36]]), { userId: null })
  const log = (await server.store.loadUpdates(doc.id)).updates
  assert.throws(() => yDocFromUpdates(log), /Unexpected case/, 'the stored log cannot be replayed')

  const reader = await opened(doc.id, kenji)
  try {
    assert.ok(titleText(reader.doc).toString().startsWith('Typed '), `the reader sees what was typed: ${titleText(reader.doc).toString()}`)
    const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
    assert.ok(titleText(stored).toString().startsWith('Typed '), 'the stored log replays, with the typing')
    assertValid(stored, 'the stored document')
    assert.ok(logger.entries.some(e => e.level === 'error' && /could not be replayed/.test(e.message) && e.fields.document === doc.id), 'the repair is logged as an error, naming the document')
    // and it goes on: typing reaches the store
    titleText(reader.doc).insert(0, 'Again ')
    await until(() => !reader.provider.hasUnsyncedChanges, 5000, 'the new typing is acknowledged')
  } finally { reader.destroy() }
  assert.ok(titleText(yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)).toString().startsWith('Again Typed '))
})
