/**
 * Changes that are expensive to check, sent over and over by a signed-in
 * drafter: each is valid and under the size limits, but one that is not
 * plain typing is checked on a copy of the document, on the event loop.
 * The time the server spends checking one user's changes is budgeted
 * (`checkBudget`; a small one here): past it, that user's next change is
 * refused as rate-limited (its socket closed, so the client sends it again
 * later, slower), and the peer keeps working.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { REFUSED_RATE } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { yDocFromUpdates } from '../collab/content.js'
import { addDocument, connect, login, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, updateMessage } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, rita: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger, checkBudget: { msPerSecond: 20, burstMs: 100 } })
  amal = await login(server.url, 'amal')
  kenji = await login(server.url, 'kenji')
  rita = await login(server.url, 'rita')
})
after(() => server.close())

const section = (d: Y.Doc) => d.getXmlFragment('prosemirror').toArray().find(n => n instanceof Y.XmlElement && n.nodeName === 'preambularSection') as Y.XmlElement

/** 300 new provisions in one change: valid, and checked on a copy of the document. */
function manyProvisions(d: Y.Doc, round: number): void {
  d.transact(() => {
    for (let i = 0; i < 300; i++) {
      const p = new Y.XmlElement('provision')
      p.setAttribute('id', `heavy-${round}-${i}`)
      const para = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      t.insert(0, 'that more is said;')
      para.insert(0, [t])
      p.insert(0, [para])
      section(d).insert(1, [p])
    }
  })
}

test('a drafter whose changes keep the server checking is throttled; the peer keeps working', async () => {
  const doc = await addDocument(server.store)
  const heavy = connect(server.url, doc.id, amal), a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([heavy.synced, a.synced, b.synced])
    for (let round = 0; round < 40 && heavy.closes.length === 0; round++) {
      manyProvisions(heavy.doc, round)
      await new Promise(r => setTimeout(r, 20))
    }
    assert.ok(heavy.closes.length > 0, 'the heavy sender is stopped')
    const notice = heavy.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_RATE)
    assert.match(notice!.reason, /take the server too long/)
    assert.ok(logger.entries.some(e => /too long/.test(e.fields.reason as string ?? '') && e.fields.user === 'amal'), 'logged with the user')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { heavy.destroy(); a.destroy(); b.destroy() }
})

test('a reviewer whose updates keep the server checking (each copies the document) is throttled too', async () => {
  const doc = await addDocument(server.store)
  // 1,200 provisions, stored before anyone opens the document: written through a socket, they would be
  // paid from the writer's check budget, and a peer of the same user (below) found it spent on a busy machine
  const filled = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const before = Y.encodeStateVector(filled)
  for (let round = 0; round < 4; round++) manyProvisions(filled, round)
  await server.store.appendUpdate(doc.id, Y.encodeStateAsUpdate(filled, before), { userId: 'filler' })
  const reviewer = connect(server.url, doc.id, rita), a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([reviewer.synced, a.synced, b.synced])
    // one comment sent again and again: a comment is read off the live comments (collab/commenting.ts), but once
    // the document holds it, its clocks overlap the document's and each copy of it is checked on a copy of the whole document
    const page = new Y.Doc()
    Y.applyUpdate(page, Y.encodeStateAsUpdate(filled))
    const sv = Y.encodeStateVector(page)
    page.getArray('comments').push([{ id: 'c', anchor: { provisionId: 'c1' }, author: 'Rita', delegation: 'Reviewer', text: 'why?', createdAt: '2026-11-23T09:00:00Z', replies: [], resolved: false }])
    const again = updateMessage(doc.id, Y.encodeStateAsUpdate(page, sv))
    for (let i = 0; i < 400 && reviewer.closes.length === 0; i++) {
      reviewer.socket.send(again)
      if (i % 20 === 19) await new Promise(r => setTimeout(r, 5))
    }
    await until(() => reviewer.closes.length > 0, 5000, 'the reviewer is stopped')
    reviewer.destroy() // no reconnection: each new socket would be refused (and logged) once more
    const notice = reviewer.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_RATE)
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    // what it had sent before it saw its socket close costs nothing more: neither a check nor a line in the log
    const refusals = logger.entries.filter(e => e.fields.user === 'rita' && e.fields.code === REFUSED_RATE).length
    assert.ok(refusals <= 2, `the reviewer's messages after its socket was closed are dropped unread (${refusals} refusals logged)`)
  } finally { reviewer.destroy(); a.destroy(); b.destroy() }
})
