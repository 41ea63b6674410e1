import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Slice, type Node } from 'prosemirror-model'
import { compare } from '../../diff/index.js'
import { op, p, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { settleProposalParts } from '../render/proposal-parts.js'
import { inProcessWorker, type CompareRequest } from './compare-service.js'
import { WorkerComparer } from './worker-comparer.js'

const fakeWorker = inProcessWorker

function base(): Node {
  resetBuilderIds()
  return res({ lang: 'en', heading: 'RESOLUTION 50', title: 'Cybersecurity' },
    pre('considering', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    pre('recognizing', prov('that three', { id: 'p3' }), { id: 's2' }),
    op('resolves', prov('to act', { id: 'p4' }), prov('to report', { id: 'p5' }), { id: 's3' }))
}

function typeAfter(doc: Node, text: string, typed: string): Node {
  let at = -1
  doc.descendants((n, pos) => { if (at < 0 && n.isText && n.text!.includes(text)) at = pos + n.text!.indexOf(text) + text.length; return at < 0 })
  return doc.replace(at, at, new Slice(p(typed).content, 0, 0))
}

test('the worker answers with the revision document the engine gives', async () => {
  const worker = fakeWorker()
  const comparer = new WorkerComparer(worker, base())
  const current = typeAfter(base(), 'that two', ' more')
  const answer = await comparer.compare(current)
  assert.ok(answer.doc.eq(settleProposalParts(compare(base(), current).doc)))
  assert.deepEqual(answer.summary, compare(base(), current).summary)
  assert.ok(answer.ms.send >= 0 && answer.ms.receive >= 0 && answer.ms.worker >= 0)
})

test('after an edit in one section only that section travels, each way', async () => {
  const worker = fakeWorker()
  const comparer = new WorkerComparer(worker, base())
  const first = typeAfter(base(), 'that two', ' more')
  const a = await comparer.compare(first)
  const second = typeAfter(first, 'to act', ' now')
  const b = await comparer.compare(second)
  const request = worker.sent.at(-1) as Extract<CompareRequest, { type: 'compare' }>
  const sentJSON = request.doc.children.filter(c => typeof c !== 'number')
  assert.equal(sentJSON.length, 1, 'only the operative section is serialised')
  // Unchanged revision children are the same objects as in the last answer (so their marks are reused).
  let same = 0
  b.doc.forEach((child, _o, i) => { if (child === a.doc.child(i)) same++ })
  assert.equal(same, b.doc.childCount - 1)
  assert.ok(b.doc.eq(settleProposalParts(compare(base(), second).doc)))
})

test('one comparison at a time: a second request while one is under way is refused', async () => {
  const comparer = new WorkerComparer(fakeWorker(), base())
  const one = comparer.compare(base())
  await assert.rejects(comparer.compare(base()), /already under way/)
  assert.equal(comparer.busy, true)
  await one
  assert.equal(comparer.busy, false)
})

test('packing in slices sends what packing at once does, and children sent before go by number', async () => {
  const { NodePacker } = await import('./compare-transfer.js')
  const doc = base()
  const atOnce = new NodePacker().pack(doc)
  const sliced = new NodePacker()
  // a slice of 0 ms: one child per task
  const { packed, longestMs } = await sliced.packSliced(doc, 0)
  assert.deepEqual(packed, atOnce)
  assert.ok(longestMs >= 0)
  const again = await sliced.packSliced(typeAfter(doc, 'to act', ' now'), 0)
  const json = again.packed.children.filter(c => typeof c !== 'number')
  assert.equal(json.length, 1, 'only the changed section goes as JSON')
  assert.equal(again.packed.children.length, doc.childCount)
})
