/**
 * Presence changes in a flood, against real providers. The server relays
 * each presence change to every connection on the document, and every
 * provider answers each change it receives with a message of its own: one
 * account sending 300 changes a second from five sockets, within the
 * message rate limits, had every honest peer disconnected by the rate limit
 * again and again (90 times in 15 s), and from a hundred sockets held the
 * server's event loop for 19 s (a fuzzing helper). An account's presence
 * changes are now relayed at most PRESENCE_CHANGES per second (a page
 * makes a few: a cursor moved, a selection); the others are dropped, a
 * state that goes (a page closed) never.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Awareness } from 'y-protocols/awareness'
import { presenceOf } from '../../protocol/awareness.js'
import { PRESENCE_CHANGES } from '../extensions/presence.js'
import { addDocument, connect, login, startTestServer, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, claire: string

before(async () => {
  server = await startTestServer()
  ;[amal, kenji, claire] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji'), login(server.url, 'claire')])
})
after(() => server.close())

test('one account\'s flood of presence changes is relayed at its bound: honest peers stay connected, and a page that closes still leaves', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT', 'CEPT'], shared: true })
  const a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, claire)
  const flooders: Client[] = Array.from({ length: 5 }, () => connect(server.url, doc.id, amal))
  try {
    await Promise.all([a.synced, b.synced, ...flooders.map(f => f.synced)])
    for (const f of flooders) f.provider.setAwarenessField('user', presenceOf({ name: 'Amal', delegation: 'APT', role: 'drafter' }))
    await until(() => flooders.every(f => (a.provider.awareness as Awareness).getStates().has(f.doc.clientID)), 3000, 'the flooders are present')
    let relayed = 0
    ;(a.provider.awareness as Awareness).on('change', ({ updated }: { updated: number[] }) => { relayed += updated.filter(id => flooders.some(f => f.doc.clientID === id)).length })
    const seconds = 3
    const started = Date.now()
    let k = 0
    while (Date.now() - started < seconds * 1000) {
      for (const f of flooders) f.provider.setAwarenessField('cursor', { anchor: { type: null, tname: 'prosemirror', item: null, assoc: 0 }, head: { type: null, tname: 'prosemirror', item: null, assoc: k++ % 2 } })
      await new Promise(r => setTimeout(r, 17))
    }
    await new Promise(r => setTimeout(r, 500))
    // about 60 a second from each of five sockets (some 800 changes): at most the burst and the rate relayed
    assert.ok(relayed <= PRESENCE_CHANGES.burst + PRESENCE_CHANGES.perSecond * (seconds + 1), `${relayed} changes relayed to a peer`)
    assert.ok(relayed < k / 2, `${relayed} of ${k} changes relayed: the flood is cut`)
    assert.ok(relayed > 0, 'some are relayed')
    for (const [who, c] of [['a peer', a], ['another peer', b]] as const) assert.deepEqual(c.closes, [], `${who} stays connected`)
    // a page that closes leaves the others' presence at once, its account's bound spent or not
    const leaving = flooders.pop()!
    const id = leaving.doc.clientID
    leaving.destroy()
    await until(() => !(a.provider.awareness as Awareness).getStates().has(id), 5000, 'the closed page leaves')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { a.destroy(); b.destroy(); for (const f of flooders) f.destroy() }
})
