import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { fn, item, p, prov, txt } from '../schema/builders.js'
import { resolutionSchema as schema } from '../schema/schema.js'
import { contentHash, sameSubtree } from './content-hash.js'
import { buildModel, editModel, pick, prng, randomModel } from './test-documents.js'

test('equal subtrees built apart have the same hash; any difference changes it', () => {
  const a = prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' }))
  const b = prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' }))
  assert.notEqual(a, b)
  assert.equal(contentHash(a), contentHash(b))
  assert.ok(sameSubtree(a, b))
  const others = [
    prov(['اعتماد القرار!', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' })),   // text
    prov(['اعتماد القرار', fn('حاشية', 'f2')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' })),    // footnote id
    prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p2' }, item('letter', 'بند', { id: 'i1' })),    // id
    prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('roman', 'بند', { id: 'i1' })),     // item style
    prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1', labelOverride: '1bis' }, item('letter', 'بند', { id: 'i1' })),
    prov([txt('اعتماد القرار', schema.marks.em!.create()), fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' })),
    prov(['اعتماد', ' القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' }))    // same text, other split: still equal
  ]
  for (const [k, o] of others.entries()) {
    assert.equal(sameSubtree(a, o), a.eq(o), `variant ${k}`)
    if (!a.eq(o)) assert.notEqual(contentHash(a), contentHash(o), `variant ${k}`)
  }
  assert.equal(contentHash(p('x')), contentHash(p('x')))
  assert.notEqual(contentHash(p('x')), contentHash(schema.nodes.note!.create(null, schema.text('x'))))
})

test('the hash does not depend on the key order of an object attribute', () => {
  const a = schema.nodes.provision!.create({ id: 'p', revision: { status: 'unchanged', oldLabel: '1' } }, p('t'))
  const b = schema.nodes.provision!.create({ id: 'p', revision: { oldLabel: '1', status: 'unchanged' } }, p('t'))
  assert.ok(a.eq(b))
  assert.equal(contentHash(a), contentHash(b))
})

test('sameSubtree agrees with eq on random documents and their edits', () => {
  fc.assert(fc.property(fc.integer(), seed => {
    const r = prng(seed)
    const base = randomModel(r, 8)
    const a = buildModel(base)
    const b = buildModel(pick(r, 3) === 0 ? base : editModel(r, base, 1 + pick(r, 3)))
    for (let s = 0; s < Math.min(a.childCount, b.childCount); s++) {
      const x = a.child(s), y = b.child(s)
      assert.equal(sameSubtree(x, y), x.eq(y))
      assert.equal(sameSubtree(x, y), x.eq(y), 'and again (remembered)')
    }
    assert.equal(sameSubtree(a, b), a.eq(b))
  }), { seed: 14, numRuns: 60 })
})
