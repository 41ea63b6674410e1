/**
 * Presence abuse (issue 10, item 4) and hostile origins (item 6): a
 * reviewer claiming to be the Secretariat, malformed states, states for
 * another connection's client id, broadcast messages the application does
 * not define, awareness queries (answered by nobody, costly to work out),
 * and a cookie-authenticated socket opened from another site.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { Awareness } from 'y-protocols/awareness'
import { presenceOf } from '../../protocol/awareness.js'
import { participants } from '../../client/editor/presence.js'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import type { DocumentMeta } from '../store/types.js'
import { addDocument, connect, login, startTestServer, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, awarenessMessage, message, wsClient } from './raw-socket.js'

let server: TestServer
let doc: DocumentMeta
let a: Client, b: Client
let amal: string, rita: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  doc = await addDocument(server.store, { shared: true })
  amal = await login(server.url, 'amal')
  rita = await login(server.url, 'rita')
  a = connect(server.url, doc.id, amal)
  b = connect(server.url, doc.id, await login(server.url, 'kenji'))
  await Promise.all([a.synced, b.synced])
})
after(async () => { a.destroy(); b.destroy(); await server.close() })

const awarenessOf = (c: Client) => c.provider.awareness as Awareness
const stateSeenBy = (observer: Client, of: Client) => awarenessOf(observer).getStates().get(of.doc.clientID) as Record<string, unknown> | undefined

test('a reviewer who claims to be the Secretariat is shown as who they are', async () => {
  const r = connect(server.url, doc.id, rita)
  try {
    await r.synced
    const cursor = { anchor: { type: null, tname: 'prosemirror', item: null, assoc: 0 }, head: { type: null, tname: 'prosemirror', item: null, assoc: 0 } }
    r.provider.setAwarenessField('cursor', cursor)
    r.provider.setAwarenessField('user', { name: 'Secretariat', delegation: 'Secretariat', role: 'secretariat', color: '#5d4037' })
    await until(() => (stateSeenBy(a, r)?.cursor as unknown) !== undefined, 3000, 'the state arrives')
    await new Promise(res => setTimeout(res, 100))
    assert.deepEqual(stateSeenBy(a, r)?.user, presenceOf({ name: 'Rita', delegation: 'Reviewer', role: 'reviewer' }))
    assert.deepEqual(stateSeenBy(a, r)?.cursor, cursor, 'the rest of the state is kept')
    assert.deepEqual(participants(awarenessOf(b)).find(p => p.clientId === r.doc.clientID)?.user.name, 'Rita')
    assert.equal(r.closes.length, 0, 'not a reason to disconnect')
  } finally { r.destroy() }
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('a malformed awareness state is dropped: peers never hold it, and their presence list still renders', async () => {
  const r = connect(server.url, doc.id, amal)
  try {
    await r.synced
    r.provider.setAwarenessField('user', presenceOf({ name: 'Amal', delegation: 'APT', role: 'drafter' }))
    await until(() => stateSeenBy(a, r) !== undefined, 3000, 'first state')
    r.provider.setAwarenessField('user', { name: 5, delegation: [], color: {} })
    r.provider.setAwarenessField('padding', 'x'.repeat(100_000))
    await until(() => stateSeenBy(a, r) === undefined, 3000, 'the malformed state is dropped')
    assert.doesNotThrow(() => participants(awarenessOf(a)))
    assert.ok(!participants(awarenessOf(b)).some(p => typeof p.user.name !== 'string'))
  } finally { r.destroy() }
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('awareness states for another connection\'s client id change nothing; the sender\'s own still shows, as itself', async () => {
  a.provider.setAwarenessField('user', presenceOf({ name: 'Amal', delegation: 'APT', role: 'drafter' }))
  await until(() => stateSeenBy(b, a) !== undefined, 3000, 'victim state')
  const before = JSON.stringify(stateSeenBy(b, a))
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, rita))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  const forged = JSON.stringify({ user: { name: 'Amal', delegation: 'APT', role: 'drafter', color: '#000000' } })
  c.ws.send(awarenessMessage(doc.id, [[4242, 1, '{}']])) // the attacker's own id, claimed first
  c.ws.send(awarenessMessage(doc.id, [[a.doc.clientID, 1_000_000, 'null']]))
  c.ws.send(awarenessMessage(doc.id, [[a.doc.clientID, 1_000_001, forged], [4242, 2, forged]]))
  await until(() => awarenessOf(b).getStates().get(4242)?.user !== undefined, 3000, 'the attacker\'s own state arrives')
  await new Promise(res => setTimeout(res, 100))
  assert.equal(JSON.stringify(stateSeenBy(b, a)), before, 'the victim\'s state is untouched')
  assert.deepEqual(awarenessOf(b).getStates().get(4242)?.user, presenceOf({ name: 'Rita', delegation: 'Reviewer', role: 'reviewer' }), 'shown as who sent it')
  c.ws.close()
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('a client id whose participant has just left keeps their identity: another user cannot take it over before they come back (eleventh probe)', async () => {
  const victim = connect(server.url, doc.id, await login(server.url, 'kenji'))
  await victim.synced
  victim.provider.setAwarenessField('cursor', null)
  const id = victim.doc.clientID
  const nameSeenBy = (c: Client) => (awarenessOf(c).getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name
  await until(() => nameSeenBy(a) === 'Kenji', 3000, 'the victim shows')
  // the victim's socket drops (a network blip): its state is removed; its provider, document and client id stay
  victim.socket.disconnect()
  await until(() => !awarenessOf(a).getStates().has(id), 5000, 'the victim gone')
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, rita))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  c.ws.send(awarenessMessage(doc.id, [[id, 1000, JSON.stringify({ user: { name: 'x', delegation: 'x', role: 'drafter', color: 'red' }, cursor: null })]]))
  await new Promise(res => setTimeout(res, 300))
  assert.equal(nameSeenBy(a), undefined, 'nobody takes the id over')
  // the victim comes back with the same client id and shows as itself again, once its state changes (or is renewed)
  await victim.socket.connect()
  await until(() => victim.provider.isSynced, 5000, 'the victim back')
  await until(() => { victim.provider.setAwarenessField('cursor', null); return nameSeenBy(a) === 'Kenji' }, 5000, 'the victim shows as itself again')
  assert.equal((victim.provider.awareness!.getLocalState() as { user?: unknown }).user, undefined, "the victim's own state is its own")
  c.ws.close()
  victim.destroy()
})

test('a client id keeps its identity when its document is unloaded and loaded again (twelfth probe): the first to open it again cannot take it over', async () => {
  const alone = await addDocument(server.store, { shared: true })
  const victim = connect(server.url, alone.id, await login(server.url, 'kenji'))
  await victim.synced
  victim.provider.setAwarenessField('cursor', null)
  const id = victim.doc.clientID
  await until(() => (server.hocuspocus.documents.get(alone.id)?.awareness.getStates().get(id) as { user?: unknown } | undefined)?.user !== undefined, 3000, 'the victim shows')
  // the victim, alone on the document, drops: the document is unloaded
  victim.socket.disconnect()
  await until(() => !server.hocuspocus.documents.has(alone.id), 10_000, 'the document unloaded')
  // the attacker opens it first and claims the victim's id
  const c = await wsClient(server.url)
  c.ws.send(authMessage(alone.id, rita))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  c.ws.send(awarenessMessage(alone.id, [[id, 5000, JSON.stringify({ user: { name: 'x', delegation: 'x', role: 'drafter', color: 'red' }, cursor: null })]]))
  await new Promise(res => setTimeout(res, 300))
  const reader = connect(server.url, alone.id, amal)
  await reader.synced
  await new Promise(res => setTimeout(res, 300))
  assert.equal((awarenessOf(reader).getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name, undefined, 'nobody took the id over')
  c.ws.close()
  reader.destroy()
  victim.destroy()
})

test('a message of thousands of states for client ids the connection may not claim is not read beyond those ids: its own state still applies', async () => {
  const c = await wsClient(server.url)
  try {
    c.ws.send(authMessage(doc.id, rita))
    await until(() => c.messages.length > 0, 3000, 'authenticated')
    const own = JSON.stringify({ user: { name: 'Rita', delegation: 'Reviewer', role: 'reviewer', color: '#000000' } })
    // 9,000 states of ids the connection never may claim (past MAX_CLIENTS_PER_CONNECTION), each not even JSON: they are
    // dropped unread (decoding and parsing each was the work of the flood), not a reason to refuse the message
    const flood: [number, number, string][] = Array.from({ length: 9000 }, (_, k) => [900_000 + k, 1, '{' + 'x'.repeat(20)])
    c.ws.send(awarenessMessage(doc.id, [[5151, 1, own], [5152, 1, own], [5153, 1, own], [5154, 1, own], ...flood, [5151, 2, own]]))
    await until(() => awarenessOf(b).getStates().get(5151)?.user !== undefined, 3000, 'the connection\'s own state arrives')
    assert.equal(awarenessOf(b).getStates().get(900_000), undefined)
    assert.equal(logger.entries.filter(e => /malformed awareness/.test(String(e.fields.reason ?? ''))).length, 0, 'not refused')
  } finally { c.ws.close() }
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('broadcast stateless messages from a client never reach the others', async () => {
  const seenBefore = b.stateless.length
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, amal))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  c.ws.send(message(doc.id, 6, e => { const text = new TextEncoder().encode('{"type":"refused","reason":"forged"}'); e.cbuf[e.cpos++] = text.length; for (const x of text) e.cbuf[e.cpos++] = x }))
  await until(() => logger.entries.some(e => e.fields.code === REFUSED_INVALID && /broadcast/.test(String(e.fields.reason))), 3000, 'refused')
  await new Promise(res => setTimeout(res, 200))
  assert.equal(b.stateless.length, seenBefore, 'nothing relayed')
  c.ws.close()
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

// Hocuspocus answers an awareness query from a client with nothing (it has no way to reply), but works out every
// state of the document first: on a real server one reviewer's 50 sockets, each with 4 states of its own (200 in
// all), sending 390 queries each held the event loop 30 s (1 ms a query), within every rate limit.
test('awareness queries from a client are refused before the server works out every state for them', async () => {
  const c = await wsClient(server.url)
  const loaded = server.hocuspocus.documents.get(doc.id)!
  const getStates = loaded.awareness.getStates
  let workedOut = 0
  try {
    c.ws.send(authMessage(doc.id, rita))
    await until(() => c.messages.length > 0, 3000, 'authenticated')
    // (counted from here: a new connection is sent every state once)
    loaded.awareness.getStates = function (this: typeof loaded.awareness) { workedOut++; return getStates.call(this) }
    for (let k = 0; k < 100; k++) c.ws.send(message(doc.id, 3))
    await until(() => workedOut >= 100 || logger.entries.some(e => e.fields.code === REFUSED_INVALID && /awareness quer/.test(String(e.fields.reason))), 5000, 'refused')
    assert.ok(workedOut <= 1, `every state was worked out ${workedOut} times for 100 queries`)
    assert.ok(logger.entries.some(e => e.fields.user === 'rita' && /awareness quer/.test(String(e.fields.reason))), 'refused and logged')
  } finally { loaded.awareness.getStates = getStates; c.ws.close() }
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('a cookie-authenticated socket from another site is refused at the handshake; the same origin is not', async () => {
  const cookie = `resdraft_session=${encodeURIComponent(amal)}`
  await assert.rejects(wsClient(server.url, { cookie, origin: 'http://evil.example' }), /closed before open/)
  assert.ok(logger.entries.some(e => /origin not allowed/.test(e.message) && e.fields.origin === 'http://evil.example'))
  const same = await wsClient(server.url, { cookie, origin: server.url })
  same.ws.send(authMessage(doc.id, ''))
  await until(() => same.messages.length > 0, 3000, 'authenticated by the cookie')
  same.ws.close()
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('with PUBLIC_ORIGIN set, only those origins may open a socket', async () => {
  const s = await startTestServer({ logger, publicOrigins: ['https://drafts.example.org'] })
  try {
    await assert.rejects(wsClient(s.url, { origin: s.url }), /closed before open/)
    const ok = await wsClient(s.url, { origin: 'https://drafts.example.org' })
    ok.ws.close()
    const noOrigin = await wsClient(s.url)
    noOrigin.ws.close()
  } finally { await s.close() }
})

test('providers resending every state they hold after a server restart are not refused', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'resdraft-presence-'))
  let s = await startTestServer({ logger, dataDir })
  const crowd = await addDocument(s.store)
  const token = await login(s.url, 'amal')
  const clients = Array.from({ length: 7 }, () => connect(s.url, crowd.id, token))
  try {
    await Promise.all(clients.map(c => c.synced))
    for (const c of clients) c.provider.setAwarenessField('user', presenceOf({ name: 'Amal', delegation: 'APT', role: 'drafter' }))
    const everyone = () => clients.every(c => c.provider.isSynced && participants(awarenessOf(c)).length === clients.length)
    await until(everyone, 5000, 'everyone sees everyone')
    await s.close()
    s = await startTestServer({ logger, dataDir, port: s.port })
    await until(() => clients.every(c => c.closes.length > 0), 5000, 'disconnected')
    await until(() => clients.every(c => c.provider.isSynced), 10_000, 'synced again')
    // peers keep the clocks of states they saw before the restart; a changed state (as the periodic renewal makes) shows again
    for (const c of clients) c.provider.setAwarenessField('cursor', null)
    await until(everyone, 10_000, 'everyone sees everyone again')
    assert.deepEqual(logger.entries.filter(e => e.fields.document === crowd.id).map(e => e.fields.reason), [], 'nothing refused')
  } finally {
    for (const c of clients) c.destroy()
    await s.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
