/**
 * A version written over the text records what the text it replaced held,
 * in the same change, and a page reads it from that change alone.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { op, prov, res } from '../schema/builders.js'
import { FRAGMENT, REWRITE } from './shared-doc.js'
import { knownToRewrite, writeOver } from './written-over.js'

const version = (words: string) => res({ lang: 'en', title: 'Cybersecurity' }, op('resolves', prov(words, { id: 'p1' }), { id: 's1' }))

/** A page's document holding the version (the page typed it), and the server's copy of it. */
function setting() {
  const page = new Y.Doc()
  prosemirrorToYXmlFragment(version('to act'), page.getXmlFragment(FRAGMENT))
  const server = new Y.Doc()
  Y.applyUpdate(server, Y.encodeStateAsUpdate(page))
  return { page, server }
}

/** What each transaction of `doc` answers while `work` runs. */
function answers(doc: Y.Doc, work: () => void): ReturnType<typeof knownToRewrite>[] {
  const out: ReturnType<typeof knownToRewrite>[] = []
  const listen = (tr: Y.Transaction) => { out.push(knownToRewrite(tr)) }
  doc.on('afterTransaction', listen)
  try { work() } finally { doc.off('afterTransaction', listen) }
  return out
}

test('the change that writes a version over the text knows every character the text held, and none typed after it', () => {
  const { page, server } = setting()
  const typedBefore = Y.getState(page.store, page.clientID)
  const [onServer] = answers(server, () => writeOver(server, version('to act at once')))
  assert.ok(onServer, 'the server reads it from its own change too')
  const [onPage] = answers(page, () => Y.applyUpdate(page, Y.encodeStateAsUpdate(server, Y.encodeStateVector(page))))
  assert.ok(onPage, 'the page reads the record from the change that brought it')
  assert.equal(onPage(page.clientID, typedBefore - 1), true, 'the last character the page had typed')
  assert.equal(onPage(page.clientID, typedBefore), false, 'the next one it types')
  assert.equal(onPage(12345, 0), false, 'a client the text never held')
  // a later change of the page is no write over the text, though the record stands
  const later = answers(page, () => page.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement('paragraph')]))
  assert.deepEqual(later, [null])
})

test('each write replaces the record before it: the document holds one, the last', () => {
  const { server } = setting()
  writeOver(server, version('once'))
  writeOver(server, version('twice'))
  assert.deepEqual([...server.getMap(REWRITE).keys()], ['known'])
  const sv = Y.decodeStateVector(server.getMap(REWRITE).get('known') as Uint8Array)
  assert.ok([...sv.values()].some(clock => clock > 0), 'the second write knew the first')
})

test('a record that cannot be read knows nothing', () => {
  const doc = new Y.Doc()
  const [known] = answers(doc, () => doc.getMap(REWRITE).set('known', new Uint8Array([0xff, 0xff, 0xff])))
  assert.ok(known)
  assert.equal(known(doc.clientID, 0), false)
})
