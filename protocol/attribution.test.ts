import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { updateYFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { compare } from '../diff/compare.js'
import { op, pre, prov, res } from '../schema/builders.js'
import { attributeRevision, readAttribution } from './attribution.js'
import { ATTRIBUTION, FRAGMENT } from './shared-doc.js'

/**
 * A shared document written in turns, each by its own Yjs client registered
 * to a description with Y.PermanentUserData's own writer (setUserMapping):
 * so these tests also check that the reader reads what Yjs writes.
 */
class Drafting {
  readonly doc = new Y.Doc()
  private readonly users = new Y.PermanentUserData(this.doc, this.doc.getMap(ATTRIBUTION))
  private next = 1000
  /** Writes `node` as the document's content, as `who` (null: a client registered to nobody). */
  async write(node: Node, who: string | null): Promise<void> {
    const client = this.next++
    this.doc.clientID = client
    if (who !== null) this.users.setUserMapping(this.doc, client, who, { filter: () => this.doc.clientID === client })
    this.doc.transact(() => updateYFragment(this.doc, this.doc.getXmlFragment(FRAGMENT), node, { mapping: new Map(), isOMark: new Map() } as never))
    await new Promise(r => setTimeout(r, 5)) // Y.PermanentUserData records deletions after a timeout
  }
  /** A copy of the document (what attributeRevision is given), through an encoded update as a server stores it. */
  copy(): Y.Doc {
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(this.doc))
    return d
  }
}

const doc = (c1: string, resolves: Node[]) => res({ title: 'Cybersecurity' },
  pre('considering', prov(c1, { id: 'c1' }), { id: 's1' }),
  op('resolves', ...resolves, { id: 's2' }))
const base = doc('that security matters;', [prov('to continue the work.', { id: 'r1' }), prov('to report to the next assembly.', { id: 'r2' })])

/** Each revision mark of the document: its kind, text and delegation. */
function changes(node: Node): { kind: string; text: string; delegation: string | null }[] {
  const out: { kind: string; text: string; delegation: string | null }[] = []
  node.descendants(n => {
    if (!n.isText) return true
    const m = n.marks.find(x => x.type.name === 'insertion' || x.type.name === 'deletion')
    if (!m) return false
    const last = out[out.length - 1]
    if (last && last.kind === m.type.name && last.delegation === m.attrs.delegation) last.text += n.text
    else out.push({ kind: m.type.name, text: n.text!, delegation: m.attrs.delegation as string | null })
    return false
  })
  return out
}

const find = (list: ReturnType<typeof changes>, kind: string, text: string) => {
  const c = list.find(x => x.kind === kind && x.text.includes(text))
  assert.ok(c, `a ${kind} holding "${text}" in ${JSON.stringify(list)}`)
  return c
}

test('inserted text takes the sources of its items\' clients, deleted text who deleted it, a deleted provision who deleted its element', async () => {
  const d = new Drafting()
  await d.write(base, '')
  const afterApt = doc('that security matters greatly;', [prov('to continue the work.', { id: 'r1' }), prov('to report to the next assembly.', { id: 'r2' })])
  await d.write(afterApt, 'APT')
  const afterArb = doc('that security matters greatly;', [prov('to continue the work.', { id: 'r1' }), prov('to cooperate.', { id: 'r3' })])
  await d.write(afterArb, 'ARB, CEPT')
  const revision = compare(base, afterArb).doc
  const attributed = attributeRevision(d.copy(), revision)
  const list = changes(attributed)
  assert.equal(find(list, 'insertion', 'greatly').delegation, 'APT')
  assert.equal(find(list, 'deletion', 'report').delegation, 'ARB, CEPT')
  assert.equal(find(list, 'insertion', 'cooperate').delegation, 'ARB, CEPT')
  assert.ok(list.every(c => c.delegation), `every change has its sources: ${JSON.stringify(list)}`)
  // nothing but the delegation changed
  assert.deepEqual(changes(revision).map(c => c.text).join('|'), list.map(c => c.text).join('|'))
  assert.equal(attributed.textContent, revision.textContent)
})

test('text deleted inside a block is credited to who deleted it, typed text to who typed it, run by run', async () => {
  const d = new Drafting()
  await d.write(base, '')
  await d.write(doc('that security matters;', [prov('to continue the work.', { id: 'r1' }), prov('to report.', { id: 'r2' })]), 'EUR')
  await d.write(doc('that security matters;', [prov('to continue the work together.', { id: 'r1' }), prov('to report.', { id: 'r2' })]), 'APT')
  await d.write(doc('that security matters;', [prov('to continue the work together and fully.', { id: 'r1' }), prov('to report.', { id: 'r2' })]), 'ARB')
  const now = doc('that security matters;', [prov('to continue the work together and fully.', { id: 'r1' }), prov('to report.', { id: 'r2' })])
  const list = changes(attributeRevision(d.copy(), compare(base, now).doc))
  assert.equal(find(list, 'deletion', 'next assembly').delegation, 'EUR')
  assert.equal(find(list, 'insertion', 'together').delegation, 'APT')
  assert.equal(find(list, 'insertion', 'fully').delegation, 'ARB')
  assert.ok(!find(list, 'insertion', 'together').text.includes('fully'), 'APT\'s and ARB\'s typing are separate runs')
})

test('a change whose writer nobody registered keeps its mark as it was (no source invented)', async () => {
  const d = new Drafting()
  await d.write(base, '')
  const now = doc('that security matters greatly;', [prov('to continue the work.', { id: 'r1' }), prov('to report to the next assembly.', { id: 'r2' })])
  await d.write(now, null)
  const list = changes(attributeRevision(d.copy(), compare(base, now).doc))
  assert.equal(find(list, 'insertion', 'greatly').delegation, null)
})

test('a revision of another state than the Y.Doc\'s: unmatched blocks keep their marks or take their unit\'s known editors', async () => {
  const d = new Drafting()
  await d.write(base, '')
  await d.write(doc('that security matters greatly;', [prov('to continue the work.', { id: 'r1' }), prov('to report to the next assembly.', { id: 'r2' })]), 'APT')
  const other = doc('that security matters a lot;', [prov('to continue the work.', { id: 'r1' }), prov('to report to the next assembly.', { id: 'r2' })])
  const list = changes(attributeRevision(d.copy(), compare(base, other).doc))
  for (const c of list) assert.ok(c.delegation === null || c.delegation === 'APT', `only a known editor of the unit: ${JSON.stringify(c)}`)
})

test('readAttribution answers as Y.PermanentUserData does, and leaves no observer on the document', async () => {
  const d = new Drafting()
  await d.write(base, '')
  await d.write(doc('that security matters greatly;', [prov('to continue.', { id: 'r1' }), prov('to report to the next assembly.', { id: 'r2' })]), 'APT')
  await d.write(doc('that security matters;', [prov('to continue.', { id: 'r1' })]), 'ARB, CEPT')
  const copy = d.copy()
  const observers = () => JSON.stringify([...copy.share.values()].map(t => (t as unknown as { _eH: { l: unknown[] }; _dEH: { l: unknown[] } })._eH.l.length + (t as unknown as { _dEH: { l: unknown[] } })._dEH.l.length))
  const before = observers()
  const reader = readAttribution(copy)
  assert.equal(observers(), before, 'nothing attached')
  const official = new Y.PermanentUserData(copy, copy.getMap(ATTRIBUTION))
  let compared = 0
  copy.store.clients.forEach((structs, client) => {
    assert.equal(reader.getUserByClientId(client), official.getUserByClientId(client))
    for (const s of structs) for (let k = 0; k < s.length; k++) {
      const id = new Y.ID(client, s.id.clock + k)
      assert.equal(reader.getUserByDeletedId(id), official.getUserByDeletedId(id), `deleted ${client}:${id.clock}`)
      compared++
    }
  })
  assert.ok(compared > 50)
})
