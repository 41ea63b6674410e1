/**
 * Content abuse by a signed-in drafter (issue 10, item 3): values stored
 * where the application writes none (unknown attributes, attributes on
 * text, entries on the roots), attributes of the wrong type or size, and
 * documents grown past their size limit. Each is refused, told why and
 * logged; the peer keeps working and the stored document stays valid.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { REFUSED_INVALID, REFUSED_TOO_LARGE } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, assertValid } from './raw-socket.js'
import { MAX_TEXT_BLOCKS } from '../../schema/check.js'

let server: TestServer
let amal: string, kenji: string
const logger = new MemoryLogger()
const MAX_DOCUMENT = 200 * 1024

before(async () => {
  server = await startTestServer({ logger })
  amal = await login(server.url, 'amal')
  kenji = await login(server.url, 'kenji')
})
after(() => server.close())

const BIG = 'x'.repeat(900 * 1024)
const section = (d: Y.Doc) => d.getXmlFragment('prosemirror').toArray().find(n => n instanceof Y.XmlElement && n.nodeName === 'preambularSection') as Y.XmlElement
const provision = (d: Y.Doc) => section(d).get(1) as Y.XmlElement

/** Opens a document with an attacker and a peer, runs `attack`, expects a refusal matching `why` with `code`. */
async function refused(attack: (d: Y.Doc) => void, why: RegExp, code = REFUSED_INVALID): Promise<void> {
  const doc = await addDocument(server.store)
  const bad = connect(server.url, doc.id, amal), a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    const sizeBefore = Y.encodeStateAsUpdate(a.doc).length
    attack(bad.doc)
    await until(() => bad.closes.length > 0, 5000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice.code, code)
    assert.match(notice.reason, why)
    const logged = logger.entries.find(e => e.message === 'update refused' && e.fields.document === doc.id)
    assert.ok(logged, 'the refusal is logged with the document')
    assert.equal(logged.fields.user, 'amal')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    assert.ok(Y.encodeStateAsUpdate(a.doc).length < sizeBefore + 1000, 'nothing of the attack reached the peer')
    assertValid(a.doc, 'the peer\'s document')
  } finally { bad.destroy(); a.destroy(); b.destroy() }
}

test('a 900 KB unknown attribute on an element is refused', () =>
  refused(d => provision(d).setAttribute('padding', BIG), /unknown attribute "padding" on provision/))

// a document a thousand times the real ones holds the server for seconds whenever it is loaded, checked or restored
test('provisions added past the most paragraphs a document may hold are refused', () =>
  refused(d => {
    d.transact(() => {
      const added: Y.XmlElement[] = []
      for (let k = 0; k < MAX_TEXT_BLOCKS; k++) {
        const provision = new Y.XmlElement('provision')
        provision.setAttribute('id', `many${k}`)
        provision.insert(0, [new Y.XmlElement('paragraph')])
        added.push(provision)
      }
      section(d).insert(1, added)
    })
  }, /more than 10000 paragraphs/))

test('an attribute on a Y.XmlText is refused', () =>
  refused(d => titleText(d).setAttribute('padding', BIG), /attributes on text/))

/** Applies to `d` an update that sets a map entry on the root `root` (as a crafted client would: the roots are not maps). */
function mapEntryOnRoot(d: Y.Doc, root: string): void {
  const evil = new Y.Doc()
  evil.getMap(root).set('padding', BIG)
  Y.applyUpdate(d, Y.encodeStateAsUpdate(evil))
}

test('a map entry on the prosemirror root is refused', () =>
  refused(d => mapEntryOnRoot(d, 'prosemirror'), /entries on the "prosemirror" root/))

test('a map entry on the comments root is refused', () =>
  refused(d => mapEntryOnRoot(d, 'comments'), /entries on the "comments" root/))

test('an unknown root is refused', () =>
  refused(d => d.getMap('evil').set('padding', 'x'), /top-level content other than/))

test('a known attribute of the wrong type or size is refused', async () => {
  await refused(d => provision(d).setAttribute('id', { evil: BIG } as never), /attribute "id" of provision must be a string/)
  await refused(d => provision(d).setAttribute('labelOverride', 'x'.repeat(5000)), /attribute "labelOverride" of provision is longer/)
  await refused(d => provision(d).setAttribute('revision', { blob: 'x'.repeat(20_000) } as never), /attribute "revision" of provision is larger/)
})

test('a mark with an unknown attribute is refused', () =>
  refused(d => titleText(d).format(0, 3, { insertion: { author: 'Amal', delegation: 'APT', date: '2026', padding: BIG } }), /unknown attribute "padding" on mark insertion/))

test('valid attributes and marks are still accepted', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([a.synced, b.synced])
    provision(a.doc).setAttribute('labelOverride', 'b bis)')
    titleText(a.doc).format(0, 3, { insertion: { author: 'Amal', delegation: 'APT', date: '2026-12-01' } })
    titleText(a.doc).format(4, 2, { em: {} })
    await until(() => provision(b.doc).getAttribute('labelOverride') === 'b bis)' && !a.provider.hasUnsyncedChanges, 3000, 'accepted')
    assert.equal(a.closes.length, 0)
    assertValid(b.doc, 'peer')
  } finally { a.destroy(); b.destroy() }
})

test('a document cannot grow past its size limit; the update that would pass it is refused with a reason; deleting still works', async () => {
  const small = await startTestServer({ logger, maxDocumentBytes: MAX_DOCUMENT })
  const doc = await addDocument(small.store)
  const [amal, kenji] = [await login(small.url, 'amal'), await login(small.url, 'kenji')]
  const bad = connect(small.url, doc.id, amal), a = connect(small.url, doc.id, kenji), b = connect(small.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    for (let i = 0; i < 6 && bad.closes.length === 0; i++) {
      titleText(bad.doc).insert(0, String(i).repeat(50 * 1024))
      await until(() => !bad.provider.hasUnsyncedChanges || bad.closes.length > 0, 5000, 'acknowledged or refused')
    }
    await until(() => bad.closes.length > 0, 5000, 'refused at the limit')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice.code, REFUSED_TOO_LARGE)
    assert.match(notice.reason, /would exceed its size limit of 204800 bytes/)
    assert.ok(Y.encodeStateAsUpdate(a.doc).length <= MAX_DOCUMENT)
    // at the limit, deleting is accepted
    const text = titleText(a.doc)
    text.delete(0, text.length - 5)
    await until(() => titleText(b.doc).length === 5 && !a.provider.hasUnsyncedChanges, 5000, 'deletion accepted')
    await assertStillServing(small.url, small.store, a, b, [doc.id])
  } finally { bad.destroy(); a.destroy(); b.destroy(); await small.close() }
})
