/**
 * Several accounts' connections that never read, each account within its
 * own bound. What waits unread was bounded per connection and per account
 * (64 MiB), not for the server as a whole: four colluding accounts, each
 * with connections that open a busy document and never read again, held
 * four times an account's bound, and nothing counted what waits outside the
 * heap (collab/memory-pressure.ts reads the heap only). What waits for all
 * connections together is now bounded too (`maxUnreadBytesTotal`, a small
 * one here): past it, the connections with the most waiting are ended
 * until it is under. Connections that read keep working.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until, type TestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, message, wsClient } from './raw-socket.js'

const TOTAL = 8 * 1024 * 1024
const ACCOUNTS = ['amal', 'salma', 'claire', 'rita']
const READERS_PER_ACCOUNT = 6
const CHANGE = 400_000
const logger = new MemoryLogger()
let server: TestServer
before(async () => { server = await startTestServer({ logger, maxUnreadBytesTotal: TOTAL, maxConnectionsPerAddress: 1000, connectionRate: { perSecond: 1000, burst: 1000 } }) })
after(async () => { await server.close() })

const syncStep1 = (name: string) => message(name, 0, e => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())) })

test('what waits unread for all connections together is bounded; connections that read keep working', { timeout: 120_000 }, async t => {
  const doc = await addDocument(server.store, { delegations: ['APT', 'ARB', 'CEPT'], shared: true })
  const kenji = await login(server.url, 'kenji')
  const tokens = await Promise.all(ACCOUNTS.map(a => login(server.url, a)))
  const writer = connect(server.url, doc.id, kenji)
  const peer = connect(server.url, doc.id, tokens[0]!)
  await Promise.all([writer.synced, peer.synced])
  const readers = await Promise.all(tokens.flatMap(token => Array.from({ length: READERS_PER_ACCOUNT }, async () => ({ token, client: await wsClient(server.url) }))))
  try {
    for (const { token, client } of readers) { client.ws.send(authMessage(doc.id, token)); client.ws.send(syncStep1(doc.id)) }
    await until(() => readers.every(r => r.client.messages.length >= 2), 10_000, 'every reader has the document')
    for (const r of readers) r.client.ws.pause()
    const loaded = server.hocuspocus.documents.get(doc.id)!
    const open = () => loaded.getConnections().filter(c => c.webSocket.readyState === 1)
    const unread = () => open().reduce((n, c) => n + (c.webSocket.bufferedAmount as number), 0)
    const text = titleText(writer.doc)
    let most = 0
    for (let k = 0; k < 12; k++) {
      text.insert(0, 'x'.repeat(CHANGE))
      text.delete(0, CHANGE)
      await until(() => Y.encodeStateVector(peer.doc).toString() === Y.encodeStateVector(writer.doc).toString(), 20_000, `change ${k} reaches the peer`)
      most = Math.max(most, unread())
    }
    const ended = readers.length + 2 - open().length
    t.diagnostic(`most unread: ${Math.round(most / 1e6)} MB; readers ended: ${ended} of ${readers.length}`)
    // at most the bound and one change on its way to each connection
    assert.ok(most <= TOTAL + readers.length * (CHANGE + 1024), `the connections held ${most} bytes unread (bound ${TOTAL})`)
    assert.ok(ended > 0, 'connections that do not read are ended')
    assert.ok(logger.entries.some(e => /server's connections do not read/.test(e.message)), 'logged')
    assert.deepEqual(writer.closes, [], 'the writer is not ended')
    assert.deepEqual(peer.closes, [], 'a connection that reads is not ended')
    await assertStillServing(server.url, server.store, writer, peer, [doc.id])
  } finally {
    for (const r of readers) r.client.ws.terminate()
    writer.destroy()
    peer.destroy()
  }
})
