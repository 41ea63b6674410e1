/**
 * A malformed presence state against real providers. The server drops a
 * malformed state (it becomes `null`, "gone", for everyone), and a
 * y-protocols client told that its own state is gone, at its own clock,
 * announces it again with the next one (a remote may never remove the
 * local state). Answering each announcement with `null` again was a
 * ping-pong of thousands of messages a second between the server and that
 * provider, which every other participant's provider echoed: within a
 * second every peer of the document was disconnected by the rate limit,
 * and again after each reconnection, for as long as the page stayed open
 * (found by fuzzing the collaboration socket: one `setAwarenessField` with
 * a state the server does not take).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Awareness } from 'y-protocols/awareness'
import { presenceOf } from '../../protocol/awareness.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, claire: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[amal, kenji, claire] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji'), login(server.url, 'claire')])
})
after(() => server.close())

/** Counts the messages a client receives from now on. */
function received(c: Client): () => number {
  let n = 0
  c.provider.on('message', () => { n++ })
  return () => n
}

test('a provider announcing a malformed state sets off no ping-pong: its peers receive a few messages and stay connected', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT', 'CEPT'], shared: true })
  const a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, claire), r = connect(server.url, doc.id, amal)
  try {
    await Promise.all([a.synced, b.synced, r.synced])
    r.provider.setAwarenessField('user', presenceOf({ name: 'Amal', delegation: 'APT', role: 'drafter' }))
    await until(() => (a.provider.awareness as Awareness).getStates().has(r.doc.clientID), 3000, 'the first state reaches the peer')
    const seenByA = received(a), seenByB = received(b), seenByR = received(r)
    // a cursor that is no {anchor, head}: the server drops the state
    r.provider.setAwarenessField('cursor', 5)
    await until(() => !(a.provider.awareness as Awareness).getStates().has(r.doc.clientID), 3000, 'the malformed state is dropped')
    await new Promise(res => setTimeout(res, 1500))
    for (const [who, c, n] of [['a peer', a, seenByA()], ['another peer', b, seenByB()], ['the sender', r, seenByR()]] as const) {
      assert.ok(n < 20, `${who} received ${n} messages in 1.5 s`)
      assert.deepEqual(c.closes, [], `${who} stays connected`)
    }
    assert.equal(logger.entries.filter(e => e.message === 'message refused').length, 0, 'nobody is rate-limited')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { a.destroy(); b.destroy(); r.destroy() }
})
