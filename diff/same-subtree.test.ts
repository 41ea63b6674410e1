import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { fn, item, prov, txt } from '../schema/builders.js'
import { resolutionSchema as schema } from '../schema/schema.js'
import { sameSubtree, textOf } from './same-subtree.js'
import { buildModel, editModel, pick, prng, randomModel } from './test-documents.js'

test('subtrees built apart are the same exactly when eq says so, asked once or again', () => {
  const a = prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' }))
  const b = prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' }))
  assert.notEqual(a, b)
  assert.ok(sameSubtree(a, b) && sameSubtree(a, b))
  const others = [
    prov(['اعتماد القرار!', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' })),
    prov(['اعتماد القرار', fn('حاشية', 'f2')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' })),
    prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p2' }, item('letter', 'بند', { id: 'i1' })),
    prov(['اعتماد القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('roman', 'بند', { id: 'i1' })),
    prov([txt('اعتماد القرار', schema.marks.em!.create()), fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' })),
    prov(['اعتماد', ' القرار', fn('حاشية', 'f1')], { id: 'p1' }, item('letter', 'بند', { id: 'i1' }))
  ]
  for (const [k, o] of others.entries()) {
    assert.equal(sameSubtree(a, o), a.eq(o), `variant ${k}`)
    assert.equal(sameSubtree(a, o), a.eq(o), `variant ${k}, again`)
  }
  assert.ok(sameSubtree(a, b), 'the first pair is still known equal')
  assert.equal(textOf(a), a.textContent)
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

test('attribute values that are records are compared by content, as eq does', () => {
  const make = (sources: string, revision: Record<string, unknown> | null) => {
    const node = prov(['نص'], { id: 'p1', sources })
    return node.type.create({ ...node.attrs, revision }, node.content)
  }
  const record = (extra: Record<string, unknown>) => ({ status: 'modified', oldLabel: 'a)', newLabel: 'b)', oldAttrs: { id: 'p0', labels: ['a)', 'b)'] }, ...extra })
  const base = make('APT, ARB', record({}))
  const variants = [
    make('APT, ARB', record({})),
    make('APT', record({})),
    make('APT, ARB', record({ newLabel: 'c)' })),
    make('APT, ARB', record({ oldAttrs: { id: 'p0', labels: ['a)'] } })),
    make('APT, ARB', record({ oldAttrs: { id: 'p0', labels: ['a)', 'b)'], more: 1 } })),
    make('APT, ARB', record({ oldAttrs: null })),
    make('APT, ARB', null)
  ]
  for (const [k, v] of variants.entries()) assert.equal(sameSubtree(base, v), base.eq(v), `variant ${k}`)
  assert.ok(sameSubtree(base, variants[0]!))
  assert.ok(variants.slice(1).every(v => !sameSubtree(base, v)), 'every other record differs')
})
