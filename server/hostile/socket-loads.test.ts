/**
 * Opening document after document: loading one from the store (applying its
 * update log) is work on the event loop, about 300 ms for a document near
 * the size limit. The sixth probe's drafter opened thirty large copies at
 * once and held everyone's keystrokes up for 7 to 9 s. Loads are paid from
 * the opener's share of loop time (`checkBudget`, a small one here): past
 * it, opening a document that is not loaded already is refused as `busy`
 * (the page tries again a moment later); one already loaded opens as ever.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { yDocFromUpdates } from '../collab/content.js'
import { addDocument, connect, login, titleText } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, rita: string, sec: string

before(async () => {
  server = await startTestServer({ checkBudget: { msPerSecond: 1, burstMs: 5 } })
  amal = await login(server.url, 'amal')
  kenji = await login(server.url, 'kenji')
  rita = await login(server.url, 'rita')
  sec = await login(server.url, 'sec')
})
after(() => server.close())

/** A document with a long update log (slow to load), stored before anyone opens it. */
async function slowToLoad(): Promise<string> {
  const doc = await addDocument(server.store, { shared: true })
  const local = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  for (let k = 0; k < 300; k++) {
    const before = Y.encodeStateVector(local)
    titleText(local).insert(0, `${k} `.repeat(50))
    await server.store.appendUpdate(doc.id, Y.encodeStateAsUpdate(local, before), { userId: 'filler' })
  }
  return doc.id
}

test('a user opening many documents at once is told the server is busy once their share is spent; documents already open still open; others keep working', async () => {
  const ids = await Promise.all(Array.from({ length: 12 }, slowToLoad))
  // a reader has one of them open already; two peers work on another document, which the Secretariat
  // had open (a load is paid in full by its opener: with this tiny share, the peers' own would spend theirs)
  const reader = connect(server.url, ids[0]!, rita)
  const other = await addDocument(server.store, { shared: true })
  const opener = connect(server.url, other.id, sec)
  await opener.synced
  const a = connect(server.url, other.id, kenji), b = connect(server.url, other.id, kenji)
  const clients: Client[] = [reader, opener]
  try {
    await Promise.all([reader.synced, a.synced, b.synced])
    const openings = ids.map(id => connect(server.url, id, amal))
    clients.push(...openings)
    const outcomes = await Promise.allSettled(openings.map(c => c.synced))
    const busy = outcomes.filter(o => o.status === 'rejected' && /busy/.test(String((o.reason as Error).message))).length
    assert.ok(busy > 0, 'some openings refused as busy')
    assert.equal(outcomes[0]!.status, 'fulfilled', 'the document already loaded opens')
    await assertStillServing(server.url, server.store, a, b, [other.id])
  } finally { for (const c of clients) c.destroy(); a.destroy(); b.destroy() }
})
