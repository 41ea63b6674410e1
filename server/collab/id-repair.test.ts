import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { sampleJSON } from '../test/helpers.js'
import { IDENTIFIED_NODES } from '../../schema/nodes.js'
import { idFixes } from '../../schema/ids.js'
import { documentProblems, nodeFromYDoc, updateFromJSON } from './content.js'
import { elementsNeedingIds, problemsBeyondIds, repairIds } from './id-repair.js'

const sample = (initial = updateFromJSON(sampleJSON())) => { const d = new Y.Doc(); Y.applyUpdate(d, initial); return d }
/** Provisions of the first operative-like section of the sample (section 2). */
const section = (d: Y.Doc) => d.getXmlFragment(FRAGMENT).get(2) as Y.XmlElement
const provision = (d: Y.Doc, i: number) => section(d).get(i) as Y.XmlElement
const ids = (d: Y.Doc) => {
  const out: string[] = []
  const walk = (p: Y.XmlFragment | Y.XmlElement) => { for (const c of p.toArray()) if (c instanceof Y.XmlElement) { const id = c.getAttribute('id'); if (id !== undefined) out.push(String(id)); walk(c) } }
  walk(d.getXmlFragment(FRAGMENT))
  return out
}

test('a valid document needs no repair and gets no transaction', () => {
  const d = sample()
  let updates = 0
  d.on('update', () => updates++)
  assert.deepEqual(elementsNeedingIds(d), [])
  assert.equal(repairIds(d, 'repair'), 0)
  assert.equal(updates, 0)
})

test('the later of two elements sharing an id gets a fresh one; the first keeps it (document order, as idFixes)', () => {
  const d = sample()
  const first = provision(d, 1), second = provision(d, 2)
  const kept = first.getAttribute('id')
  second.setAttribute('id', kept!)
  assert.match(documentProblems(d).join(), /is used more than once/)
  assert.deepEqual(problemsBeyondIds(d), [])
  const origins: unknown[] = []
  d.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
  let n = 0
  assert.equal(repairIds(d, 'repair', () => `fresh${++n}`), 1)
  assert.deepEqual(origins, ['repair'], 'one transaction with the given origin')
  assert.equal(first.getAttribute('id'), kept)
  assert.equal(second.getAttribute('id'), 'fresh1')
  assert.deepEqual(documentProblems(d), [])
})

test('an element without id gets one; a fresh id never collides with one in use', () => {
  const d = sample()
  provision(d, 1).removeAttribute('id')
  provision(d, 2).setAttribute('id', '')
  assert.match(documentProblems(d).join(), /a node has no id/)
  const taken = ids(d)[0]!
  const made = [taken, 'n1', 'n2']
  assert.equal(repairIds(d, null, () => made.shift()!), 2)
  assert.equal(provision(d, 1).getAttribute('id'), 'n1')
  assert.equal(provision(d, 2).getAttribute('id'), 'n2')
  assert.deepEqual(documentProblems(d), [])
  assert.equal(new Set(ids(d)).size, ids(d).length)
})

test('two peers moving the same provision at once: merged, one id on two elements; repaired on one side, both converge valid', () => {
  const initial = updateFromJSON(sampleJSON())
  const a = sample(initial), b = sample(initial)
  for (const d of [a, b]) {
    // a move as y-prosemirror makes it: delete the element, insert a copy carrying the same id elsewhere
    const p = provision(d, 1)
    const copy = new Y.XmlElement('provision')
    for (const [k, v] of Object.entries(p.getAttributes())) copy.setAttribute(k, v as string)
    const para = new Y.XmlElement('paragraph')
    para.insert(0, [new Y.XmlText('moved')])
    copy.insert(0, [para])
    section(d).delete(1, 1)
    section(d).push([copy])
  }
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  assert.match(documentProblems(a).join(), /is used more than once/)
  const repairs: Uint8Array[] = []
  a.on('update', (u: Uint8Array, origin: unknown) => { if (origin === 'server') repairs.push(u) })
  assert.equal(repairIds(a, 'server'), 1)
  for (const u of repairs) Y.applyUpdate(b, u)
  assert.deepEqual(documentProblems(a), [])
  assert.deepEqual(documentProblems(b), [])
  assert.deepEqual(a.getXmlFragment(FRAGMENT).toJSON(), b.getXmlFragment(FRAGMENT).toJSON())
})

test('problemsBeyondIds still reports everything else', () => {
  const d = sample()
  provision(d, 2).setAttribute('id', String(provision(d, 1).getAttribute('id')))
  d.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement('blink')])
  assert.match(problemsBeyondIds(d).join(), /unknown node type "blink"/)
})

test("the server repairs the same elements the editor's unique-ids plugin would (schema idFixes: first holder in document order keeps the id)", () => {
  const d = sample()
  const kept = provision(d, 1).getAttribute('id')!
  provision(d, 2).setAttribute('id', kept)
  ;(d.getXmlFragment(FRAGMENT).get(3) as Y.XmlElement).setAttribute('id', 's1')
  ;((d.getXmlFragment(FRAGMENT).get(3) as Y.XmlElement).get(1) as Y.XmlElement).removeAttribute('id')
  // index, among identified nodes in document order, of those each side would give a fresh id
  const node = nodeFromYDoc(d)
  const order: number[] = []
  node.descendants((n, pos) => { if (IDENTIFIED_NODES.has(n.type.name)) order.push(pos); return true })
  const editorSide = idFixes(node).map(f => order.indexOf(f.pos))
  const elements: Y.XmlElement[] = []
  const walk = (p: Y.XmlFragment | Y.XmlElement) => { for (const c of p.toArray()) if (c instanceof Y.XmlElement) { if (IDENTIFIED_NODES.has(c.nodeName)) elements.push(c); walk(c) } }
  walk(d.getXmlFragment(FRAGMENT))
  const serverSide = elementsNeedingIds(d).map(e => elements.indexOf(e))
  assert.deepEqual(serverSide, editorSide)
  assert.equal(serverSide.length, 3)
})
