/**
 * Provisions nested without end, sent on the collaboration socket. The text
 * importer holds provisions to 8 levels (schema/text/limits.ts), but the
 * document model held a shared document to none: a drafter could add, in
 * one update of 100 KB, a chain of 1,000 provisions each inside the last,
 * and it was accepted and stored. Much of what is done with a document
 * walks it recursively, and grows faster than its depth: starting a
 * proposal on a version of that text was stopped at the pool's time limit
 * (422 after 30 s of a worker), y-prosemirror cannot write it into a new
 * shared document on the server's thread past about 640 levels, and
 * reading it back fails past about 1,400. The model now holds provisions
 * and items to MAX_NESTING levels (schema/check.ts), counted without
 * recursion: deeper is refused, told why and logged; the peers keep working
 * and nothing of it is stored.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { MAX_NESTING } from '../../schema/check.js'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { addDocument, connect, login, startTestServer, until, type TestServer } from '../test/helpers.js'
import { assertStillServing, assertValid } from './raw-socket.js'

const logger = new MemoryLogger()
let server: TestServer
before(async () => { server = await startTestServer({ logger }) })
after(async () => { await server.close() })

/** The element of the provision `id` in `doc`. */
function provision(parent: Y.XmlFragment | Y.XmlElement, id: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.getAttribute('id') === id) return child
    const found = provision(child, id)
    if (found) return found
  }
  return null
}

/** Appends to `parent`, in one transaction, a chain of `levels` provisions each inside the last (built level by level, as y-prosemirror would write them). */
function nest(doc: Y.Doc, parent: Y.XmlElement, levels: number): void {
  doc.transact(() => {
    let at = parent
    for (let k = 0; k < levels; k++) {
      const child = new Y.XmlElement('provision')
      at.insert(at.length, [child])
      child.setAttribute('id', `nested-${k}`)
      const paragraph = new Y.XmlElement('paragraph')
      child.insert(0, [paragraph])
      const text = new Y.XmlText()
      paragraph.insert(0, [text])
      text.insert(0, `that level ${k + 1} be read;`)
      at = child
    }
  })
}

test('a chain of 5,000 provisions, deeper than the server reads recursively, is refused as nested too deep', { timeout: 60_000 }, async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Deeper' })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const bad = connect(server.url, doc.id, amal), a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    nest(bad.doc, provision(bad.doc.getXmlFragment(FRAGMENT), 'r1')!, 5000)
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_INVALID)
    // the reading overflowed the stack: said as what it is, not as the engine's message
    assert.match(notice.reason, /nested/)
    assert.doesNotMatch(notice.reason, /call stack/)
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})

test('a chain of 300 provisions each inside the last is refused; one nested as deep as the model holds is taken', { timeout: 60_000 }, async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Nested' })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const bad = connect(server.url, doc.id, amal), a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    const sizeBefore = Y.encodeStateAsUpdate(a.doc).length
    nest(bad.doc, provision(bad.doc.getXmlFragment(FRAGMENT), 'r1')!, 300)
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_INVALID)
    assert.match(notice.reason, /nested/)
    const logged = logger.entries.find(e => e.message === 'update refused' && e.fields.document === doc.id)
    assert.equal(logged?.fields.user, 'amal', 'the refusal is logged with the document and the user')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    assert.ok(Y.encodeStateAsUpdate(a.doc).length < sizeBefore + 1000, 'nothing of the attack reached the peer')
    assertValid(a.doc, 'the peer\'s document')
    // as deep as the model holds (r1 is one level): taken, and it reaches the peer
    nest(a.doc, provision(a.doc.getXmlFragment(FRAGMENT), 'r1')!, MAX_NESTING - 1)
    await until(() => provision(b.doc.getXmlFragment(FRAGMENT), `nested-${MAX_NESTING - 2}`) !== null, 10_000, 'the deepest nesting the model holds reaches the peer')
    assert.deepEqual(a.closes, [])
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})
