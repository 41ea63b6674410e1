/**
 * One account's connections that never read (twenty-second probe). What is
 * sent to a connection and not taken by it was bounded per connection
 * (32 MiB, looked at when it sends and every two seconds), not per account:
 * a drafter opened 30 connections to a document, never read from them, and
 * typed 400 KB into it and deleted it again, 40 times (within the budget of
 * what one user's changes may store); each change went to each of the 30
 * connections, and the server held 360 MB for them (RSS 250 to 630 MB), no
 * connection over its own bound. An account may hold 100 connections: 3.2
 * GB. What waits unread for one account's connections together is now
 * bounded too (`maxUnreadBytesPerUser`, a small one here), looked at as
 * soon as anything is sent to them: past it, the account's connections with
 * the most waiting are ended until it is under. Another account, and the
 * account's own connection that reads, keep working.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until, type TestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, message, wsClient } from './raw-socket.js'

const PER_USER = 8 * 1024 * 1024
const READERS = 30
const CHANGE = 400_000
const logger = new MemoryLogger()
let server: TestServer
before(async () => { server = await startTestServer({ logger, maxUnreadBytesPerUser: PER_USER, maxConnectionsPerAddress: 1000, connectionRate: { perSecond: 1000, burst: 1000 } }) })
after(async () => { await server.close() })

const syncStep1 = (name: string) => message(name, 0, e => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())) })

test('what waits unread for one account\'s connections together is bounded; its reading connection and another account keep working', { timeout: 120_000 }, async t => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const writer = connect(server.url, doc.id, amal)
  const peer = connect(server.url, doc.id, kenji)
  await Promise.all([writer.synced, peer.synced])
  // amal's connections that open the document, then never read again
  const readers = await Promise.all(Array.from({ length: READERS }, () => wsClient(server.url)))
  try {
    for (const r of readers) { r.ws.send(authMessage(doc.id, amal)); r.ws.send(syncStep1(doc.id)) }
    await until(() => readers.every(r => r.messages.length >= 2), 10_000, 'every reader has the document')
    for (const r of readers) r.ws.pause()
    const loaded = server.hocuspocus.documents.get(doc.id)!
    const amalsOpen = () => loaded.getConnections()
      .filter(c => (c.context as { user?: { username?: string } }).user?.username === 'amal' && c.webSocket.readyState === 1)
    const amalsUnread = () => amalsOpen().reduce((n, c) => n + (c.webSocket.bufferedAmount as number), 0)
    assert.equal(amalsOpen().length, READERS + 1)
    const text = titleText(writer.doc)
    let most = 0
    for (let k = 0; k < 40; k++) {
      text.insert(0, 'x'.repeat(CHANGE))
      text.delete(0, CHANGE)
      // once kenji has both changes, every connection of the document has been sent them
      await until(() => Y.encodeStateVector(peer.doc).toString() === Y.encodeStateVector(writer.doc).toString(), 20_000, `change ${k} reaches kenji`)
      most = Math.max(most, amalsUnread())
    }
    // (the readers are paused: they see no close; the server's side is counted)
    const ended = READERS + 1 - amalsOpen().length
    t.diagnostic(`most unread for amal: ${Math.round(most / 1e6)} MB; readers ended: ${ended} of ${READERS}`)
    // at most the bound and one change on its way to each of her connections
    assert.ok(most <= PER_USER + READERS * (CHANGE + 1024), `amal's connections held ${most} bytes unread (bound ${PER_USER})`)
    assert.ok(ended > 0, 'connections that do not read are ended')
    assert.ok(logger.entries.some(e => /do not read what they are sent/.test(e.message) && e.fields.user === 'amal'), 'logged with the account')
    assert.deepEqual(writer.closes, [], 'amal\'s connection that reads is not ended')
    assert.deepEqual(peer.closes, [], 'kenji is not ended')
    await assertStillServing(server.url, server.store, writer, peer, [doc.id])
  } finally {
    for (const r of readers) r.ws.terminate()
    writer.destroy()
    peer.destroy()
  }
})
