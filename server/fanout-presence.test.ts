/**
 * Presence across instances (tenth probe): a participant's awareness client
 * id is spoken for by the instance it is connected to. Another user, on
 * another instance, cannot take it over: not for the participant's own
 * instance, nor for a third reader on the attacker's. Skipped, visibly,
 * without PostgreSQL and Redis.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { authMessage, awarenessMessage, wsClient } from './hostile/raw-socket.js'
import type { ChildServer } from './test/child.js'
import { connect, login, until, type Client } from './test/helpers.js'
import { sharedInstances } from './test/instances.js'

test("a user on one instance cannot take over a participant's presence on another (name or cursor), for anyone", { timeout: 60_000 }, async t => {
  const instances = await sharedInstances(t)
  if (!instances) return
  const { servers, clients } = instances
  const doc = instances.documents[0]!
  try {
    const [a, b] = servers as [ChildServer, ChildServer]
    const [kenji, salma, rita, amal] = await Promise.all([login(b.url, 'kenji'), login(b.url, 'salma'), login(a.url, 'rita'), login(a.url, 'amal')])
    const victim = connect(b.url, doc.id, kenji), watcherOnB = connect(b.url, doc.id, salma)
    clients.push(victim, watcherOnB)
    await Promise.all(clients.map(c => c.synced))
    victim.provider.setAwarenessField('cursor', null)
    const id = victim.doc.clientID
    const nameSeenBy = (c: Client) => (c.provider.awareness!.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name
    await until(() => nameSeenBy(watcherOnB) === 'Kenji', 10_000, "the victim's presence")

    // the attacker, on A, announces a state of her own, then one for the victim's client id with a higher clock
    const attacker = await wsClient(a.url)
    attacker.ws.send(authMessage(doc.id, amal))
    await new Promise(r => setTimeout(r, 500))
    attacker.ws.send(awarenessMessage(doc.id, [[123456789, 1, JSON.stringify({ user: { name: 'x', delegation: 'x', role: 'drafter', color: 'red' }, cursor: null })]]))
    await new Promise(r => setTimeout(r, 300))
    attacker.ws.send(awarenessMessage(doc.id, [[id, 50, JSON.stringify({ user: { name: 'x', delegation: 'x', role: 'drafter', color: 'red' }, cursor: null })]]))
    await new Promise(r => setTimeout(r, 1500))
    // a reader who opens the document on A afterwards
    const watcherOnA = connect(a.url, doc.id, rita)
    clients.push(watcherOnA)
    await watcherOnA.synced
    await new Promise(r => setTimeout(r, 1000))
    attacker.ws.close()

    assert.equal(nameSeenBy(watcherOnB), 'Kenji', 'on the victim\'s instance')
    assert.equal(nameSeenBy(watcherOnA), 'Kenji', 'on the attacker\'s instance')
    assert.deepEqual(victim.provider.awareness!.getLocalState(), { cursor: null }, 'the victim\'s own state is its own')
  } finally { await instances.close() }
})
