/**
 * Changes that cost the store, sent over and over by a signed-in drafter:
 * each is plain typing (a large run of text inserted, then deleted), cheap
 * to check, and leaves the document as it was; but every one is appended
 * to the update log. The bytes the server stores for one user are budgeted
 * (`storedBytesPerUser`; a small one here): past it, that user's next change
 * is refused as rate-limited (its socket closed, so the client sends it
 * again later), and the peer keeps working.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { REFUSED_RATE } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string
const logger = new MemoryLogger()
const BUDGET = 2 * 1024 * 1024

before(async () => {
  server = await startTestServer({ logger, storedBytesPerUser: { perSecond: 64 * 1024, burst: BUDGET } })
  amal = await login(server.url, 'amal')
  kenji = await login(server.url, 'kenji')
})
after(() => server.close())

test('a drafter making the store write more than their share is throttled; the peer keeps working', async () => {
  const doc = await addDocument(server.store)
  const heavy = connect(server.url, doc.id, amal), a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([heavy.synced, a.synced, b.synced])
    const before = await server.store.loadUpdates(doc.id)
    const storedBefore = before.updates.reduce((n, u) => n + u.length, 0)
    const run = 'x'.repeat(200 * 1024)
    for (let round = 0; round < 40 && heavy.closes.length === 0; round++) {
      titleText(heavy.doc).insert(0, run)
      titleText(heavy.doc).delete(0, run.length)
      await new Promise(r => setTimeout(r, 10))
    }
    assert.ok(heavy.closes.length > 0, 'the heavy writer is stopped')
    const notice = heavy.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_RATE)
    assert.match(notice!.reason, /more than the server stores/)
    assert.ok(logger.entries.some(e => /stores/.test(e.fields.reason as string ?? '') && e.fields.user === 'amal'), 'logged with the user')
    heavy.destroy()
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    const stored = (await server.store.loadUpdates(doc.id)).updates.reduce((n, u) => n + u.length, 0) - storedBefore
    assert.ok(stored < BUDGET * 1.5, `the store took about the budget, not the 16 MB sent (${stored} bytes)`)
  } finally { heavy.destroy(); a.destroy(); b.destroy() }
})
