/**
 * Asking for the whole document again and again: each SyncStep1 with an
 * empty state vector makes the server encode the whole document and queue
 * it to the socket. The sixth probe's reviewer sent 400 in one write on a
 * 5.8 MB document: 30 s with the event loop held and 2 GB queued (the
 * unread-bytes limit is looked at as messages arrive, before any answer).
 * What the server answers with whole documents is budgeted per user
 * (`answerBytesPerUser`; a small one here): past it, the socket is
 * throttled, and the rest of the burst is dropped unread.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { REFUSED_RATE } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, message, wsClient } from './raw-socket.js'

let server: TestServer
let rita: string, kenji: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger, answerBytesPerUser: { perSecond: 64 * 1024, burst: 2 * 1024 * 1024 } })
  rita = await login(server.url, 'rita')
  kenji = await login(server.url, 'kenji')
})
after(() => server.close())

test('a reader asking for the whole document over and over is answered a few times, then throttled; peers keep working', async () => {
  const doc = await addDocument(server.store, { shared: true })
  // about 300 KB, stored before anyone opens it
  const filled = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const before = Y.encodeStateVector(filled)
  titleText(filled).insert(0, 'x'.repeat(300_000))
  await server.store.appendUpdate(doc.id, Y.encodeStateAsUpdate(filled, before), { userId: 'filler' })
  const a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  const c = await wsClient(server.url)
  try {
    await Promise.all([a.synced, b.synced])
    c.ws.send(authMessage(doc.id, rita))
    await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
    const step1 = message(doc.id, 0, e => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())) })
    // 200 at once: 60 MB of answers if each were answered
    const socket = (c.ws as unknown as { _socket: import('node:net').Socket })._socket
    socket.cork()
    for (let k = 0; k < 200; k++) c.ws.send(step1)
    socket.uncork()
    const { code } = await Promise.race([c.closed, new Promise<{ code: number }>(r => setTimeout(() => r({ code: -1 }), 10_000).unref())])
    assert.equal(code, 1013, 'throttled: sent again later')
    const received = c.messages.reduce((n, m) => n + m.length, 0)
    assert.ok(received < 5 * 1024 * 1024, `answered with ${(received / 1e6).toFixed(1)} MB, not 60`)
    const notice = c.messages.map(m => m.toString('latin1')).find(t => t.includes('"refused"'))
    assert.ok(notice?.includes(String(REFUSED_RATE)), 'told why')
    assert.ok(logger.entries.some(e => e.fields.user === 'rita' && /whole document/.test(String(e.fields.reason ?? ''))), 'logged with the user')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { c.ws.terminate(); a.destroy(); b.destroy() }
})
