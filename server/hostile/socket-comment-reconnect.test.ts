/**
 * A reviewer's comment that arrives before the comment it follows. A
 * throttled reviewer's socket is closed and what she sent after the
 * throttled change is dropped; on the next socket her provider sends the
 * comments she wrote meanwhile (queued while it was away) before its sync
 * answer, which carries the dropped ones. Those comments wait, as a
 * drafter's change does, for the clocks the sync answer brings: they were
 * refused as "read-only" (the reviewer's copy check took any content left
 * waiting for a change of the text), the page stopped, and her comments
 * never reached the others. A reviewer's change that waits for changes of
 * others the server has not received is still refused: it could not be
 * told to touch the comments only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { yDocFromUpdates } from '../collab/content.js'
import { REFUSED_RATE, REFUSED_READ_ONLY } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { COMMENTS } from '../../protocol/shared-doc.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, updateMessage, wsClient } from './raw-socket.js'

let server: TestServer
let rita: string, amal: string, kenji: string
const logger = new MemoryLogger()

before(async () => {
  // a small message rate: a reviewer posting comments as fast as she can is throttled after 60 messages, on any machine
  server = await startTestServer({ logger, messageRate: { perSecond: 20, burst: 60 } })
  ;[rita, amal, kenji] = await Promise.all(['rita', 'amal', 'kenji'].map(u => login(server.url, u))) as [string, string, string]
})
after(() => server.close())

const ritaSays = (id: string, text = 'please check') =>
  ({ id, anchor: { provisionId: 'c1' }, author: 'Rita', delegation: 'Reviewer', text, createdAt: new Date().toISOString(), replies: [], resolved: false })
const refusals = (c: { messages: Buffer[] }) => c.messages.map(m => m.toString('latin1')).filter(t => t.includes('"refused"'))
const commentIds = (c: Client) => (c.doc.getArray(COMMENTS).toArray() as { id: string }[]).map(x => x.id).sort()

test("a reviewer's comment that arrives before the one it follows waits for it, and both are taken", async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  // the reviewer's page: a copy of the document, three comments, each its own update
  const page = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const updates: Uint8Array[] = []
  for (const id of ['r1', 'r2', 'r3']) {
    const sv = Y.encodeStateVector(page)
    page.getArray(COMMENTS).push([ritaSays(id)])
    updates.push(Y.encodeStateAsUpdate(page, sv))
  }
  const c = await wsClient(server.url)
  try {
    await Promise.all([a.synced, b.synced])
    c.ws.send(authMessage(doc.id, rita))
    await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
    // r2 was throttled and dropped on the socket before; r3, written meanwhile, comes first on this one
    c.ws.send(updateMessage(doc.id, updates[0]!))
    c.ws.send(updateMessage(doc.id, updates[2]!))
    await until(() => a.doc.getArray(COMMENTS).length === 1, 5000, 'r1 reaches the drafter')
    // the sync answer carries r2 (and r3 again)
    c.ws.send(updateMessage(doc.id, Y.mergeUpdates([updates[1]!, updates[2]!])))
    await until(() => a.doc.getArray(COMMENTS).length === 3 || refusals(c).length > 0, 5000, 'all three comments, or a refusal')
    assert.deepEqual(refusals(c), [], 'nothing refused')
    assert.deepEqual(commentIds(a), ['r1', 'r2', 'r3'])
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
    assert.equal(stored.getArray(COMMENTS).length, 3, 'stored')
  } finally { c.ws.terminate(); a.destroy(); b.destroy() }
})

test('a throttled reviewer who goes on commenting is told the rate limit, and every comment she wrote reaches the others', async () => {
  const doc = await addDocument(server.store)
  // a document already holding many comments, as after a flood (200, stored before anyone opens it)
  const filled = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const sv = Y.encodeStateVector(filled)
  filled.getArray(COMMENTS).push(Array.from({ length: 200 }, (_, i) => ({ ...ritaSays(`f${i}`, 'x'.repeat(200)), author: 'Filler', delegation: 'X' })))
  await server.store.appendUpdate(doc.id, Y.encodeStateAsUpdate(filled, sv), { userId: 'filler' })
  const a = connect(server.url, doc.id, amal)
  await a.synced
  const r = connect(server.url, doc.id, rita)
  try {
    await r.synced
    let n = 0
    for (; n < 200 && r.closes.length === 0; n++) {
      r.doc.getArray(COMMENTS).push([ritaSays(`r${n}`, 'y'.repeat(500))])
      await new Promise(res => setTimeout(res, 2))
    }
    assert.ok(r.closes.length > 0, 'throttled')
    // written while her socket is away: queued, sent first on the next one
    for (let m = 0; m < 3; m++) r.doc.getArray(COMMENTS).push([ritaSays(`late${m}`)])
    const want = r.doc.getArray(COMMENTS).length
    await until(() => a.doc.getArray(COMMENTS).length === want || r.stateless.some(s => (s as { code?: number }).code === REFUSED_READ_ONLY), 20_000, 'every comment of hers, or a refusal')
    const codes = r.stateless.map(s => (s as { code?: number }).code)
    assert.ok(!codes.includes(REFUSED_READ_ONLY), `not refused as read-only (${r.stateless.map(s => (s as { reason?: string }).reason).join('; ')})`)
    assert.ok(codes.every(c => c === REFUSED_RATE), 'told the rate limit only')
    assert.deepEqual(commentIds(a), commentIds(r), 'every comment she wrote reached the drafter')
  } finally { r.destroy(); a.destroy() }
})

test("a reviewer's deletion of a drafter's text the server has not received yet is refused: it cannot be told to touch the comments only", async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  // the drafter's page types offline; the reviewer's crafted change deletes what he typed, before it arrives
  const drafter = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const sv = Y.encodeStateVector(drafter)
  titleText(drafter).insert(0, 'offline ')
  const typed = Y.encodeStateAsUpdate(drafter, sv)
  const reviewer = yDocFromUpdates([Y.encodeStateAsUpdate(drafter)])
  const sv2 = Y.encodeStateVector(reviewer)
  reviewer.transact(() => {
    titleText(reviewer).delete(0, 'offline '.length)
    reviewer.getArray(COMMENTS).push([ritaSays('cover')])
  })
  const crafted = Y.encodeStateAsUpdate(reviewer, sv2)
  const c = await wsClient(server.url)
  try {
    await Promise.all([a.synced, b.synced])
    c.ws.send(authMessage(doc.id, rita))
    await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
    c.ws.send(updateMessage(doc.id, crafted))
    await until(() => refusals(c).length > 0, 5000, 'refused')
    assert.ok(refusals(c)[0]!.includes(String(REFUSED_READ_ONLY)), refusals(c)[0])
    // the drafter's words arrive, and stay
    Y.applyUpdate(a.doc, typed)
    await until(() => titleText(b.doc).toString().startsWith('offline '), 5000, "the drafter's words reach the peer")
    await new Promise(r => setTimeout(r, 300))
    assert.ok(titleText(a.doc).toString().startsWith('offline '), titleText(a.doc).toString())
    assert.equal(a.doc.getArray(COMMENTS).length, 0)
  } finally { c.ws.terminate(); a.destroy(); b.destroy() }
})
