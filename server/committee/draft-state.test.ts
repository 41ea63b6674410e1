import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { op, pre, prov, res } from '../../schema/builders.js'
import { ATTRIBUTION, FRAGMENT } from '../../protocol/shared-doc.js'
import { nodeFromYDoc } from '../collab/content.js'
import { committeeDraftContent, committeeDraftYDoc } from './draft-state.js'

const base = res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters;', { id: 'c1' }), { id: 's1' }),
  op('resolves', prov('to continue the work.', { id: 'r1' }), prov('to report.', { id: 'r2' }), { id: 's2' }))
const afterApt = res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters greatly;', { id: 'c1' }), { id: 's1' }),
  op('resolves', prov('to continue the work.', { id: 'r1' }), prov('to report.', { id: 'r2' }), { id: 's2' }))
const afterBoth = res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters greatly;', { id: 'c1' }), { id: 's1' }),
  op('resolves', prov('to continue the work.', { id: 'r1' }), { id: 's2' }))

/** The Yjs items of the document's text, with their text (deleted ones too: their length stays). */
function items(doc: Y.Doc): Y.Item[] {
  const out: Y.Item[] = []
  const walk = (t: Y.AbstractType<unknown>) => {
    for (let i = (t as unknown as { _start: Y.Item | null })._start; i; i = i.right) {
      out.push(i)
      if (i.content instanceof Y.ContentType) walk(i.content.type as Y.AbstractType<unknown>)
    }
  }
  walk(doc.getXmlFragment(FRAGMENT) as unknown as Y.AbstractType<unknown>)
  return out
}

test('the draft\'s Y.Doc: base by one client, each step by a client registered to its sources with its deletions; content is the last step', () => {
  const doc = committeeDraftYDoc(base, [{ sources: ['APT'], doc: afterApt }, { sources: 'ARB, CEPT', doc: afterBoth }])
  try {
    assert.ok(nodeFromYDoc(doc, 'en').eq(afterBoth), 'the content is the last step')
    const pud = new Y.PermanentUserData(doc, doc.getMap(ATTRIBUTION))
    const inserted = items(doc).filter(i => !i.deleted && i.content instanceof Y.ContentString && i.content.str.includes('greatly'))
    assert.equal(inserted.length, 1, '" greatly" is one inserted item')
    assert.equal(pud.getUserByClientId(inserted[0]!.id.client), 'APT')
    const baseText = items(doc).find(i => !i.deleted && i.content instanceof Y.ContentString && i.content.str.startsWith('that security'))!
    assert.equal(pud.getUserByClientId(baseText.id.client), null, 'the base text has no source')
    const removed = items(doc).filter(i => i.deleted && i.content instanceof Y.ContentDeleted)
    assert.ok(removed.length > 0, 'the removed provision is there, deleted')
    for (const r of removed) assert.equal(pud.getUserByDeletedId(r.id), 'ARB, CEPT', 'the second step deleted it')
    assert.deepEqual([...doc.getMap(ATTRIBUTION).keys()].sort(), ['', 'APT', 'ARB, CEPT'])
  } finally { doc.destroy() }
})

test('a step that changes nothing registers nothing; the final document, when it differs from the last step, is written by the base\'s client', () => {
  const final = res({ title: 'Cybersecurity' },
    pre('considering', prov('that security matters;', { id: 'c1' }), { id: 's1' }),
    op('resolves', prov('to continue the work together.', { id: 'r1' }), prov('to report.', { id: 'r2' }), { id: 's2' }))
  const doc = committeeDraftYDoc(base, [{ sources: ['EUR'], doc: base }], final)
  try {
    assert.ok(nodeFromYDoc(doc, 'en').eq(final))
    const pud = new Y.PermanentUserData(doc, doc.getMap(ATTRIBUTION))
    assert.ok(!doc.getMap(ATTRIBUTION).has('EUR'))
    const together = items(doc).find(i => !i.deleted && i.content instanceof Y.ContentString && i.content.str.includes('together'))!
    assert.equal(pud.getUserByClientId(together.id.client), null)
  } finally { doc.destroy() }
})

test('committeeDraftContent: one update that replays to the draft, its canonical JSON and language', () => {
  const content = committeeDraftContent(base, [{ sources: ['APT'], doc: afterApt }])
  const doc = new Y.Doc()
  Y.applyUpdate(doc, content.update)
  assert.deepEqual(nodeFromYDoc(doc, 'en').toJSON(), content.canonical)
  assert.equal(content.lang, 'en')
  assert.equal(new Y.PermanentUserData(doc, doc.getMap(ATTRIBUTION)).getUserByClientId([...doc.store.clients.keys()].find(c => doc.getMap(ATTRIBUTION).has('APT') && (doc.getMap(ATTRIBUTION).get('APT') as Y.Map<Y.Array<number>>).get('ids')!.toArray().includes(c))!), 'APT')
})
