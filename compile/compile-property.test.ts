/**
 * Property tests of compilation on seeded random proposals (diff/test-documents.ts):
 * every change of every proposal lands in exactly one row, each row's class
 * follows from its cells, and copies of one proposal agree everywhere.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { buildModel, editModel, editSections, prng, randomModel, pick } from '../diff/test-documents.js'
import { unitChange } from './change.js'
import { isChange } from './classify.js'
import { compile, type Compilation } from './compile.js'
import { documentUnits } from './units.js'

function assertEveryChangeOnce(c: Compilation): void {
  assert.equal(new Set(c.rows.map(r => r.key)).size, c.rows.length, 'row keys are unique')
  c.revisions.forEach((rev, source) => {
    const changes = documentUnits(rev).filter(u => unitChange(u) !== 'NOC')
    const placed = c.rows.flatMap(r => r.cells.filter(x => x.source === source && isChange(x)).map(x => x.unit!.node))
    assert.equal(placed.length, new Set(placed).size, `source ${source}: no change in two rows`)
    assert.equal(placed.length, changes.length, `source ${source}: every change in a row`)
    for (const u of changes) assert.ok(placed.includes(u.node), `source ${source}: change of ${u.kind} ${u.node.attrs.id ?? ''} is in a row`)
  })
}

function assertClasses(c: Compilation): void {
  for (const r of c.rows) {
    const changed = r.cells.filter(isChange)
    if (r.base) assert.ok(r.cells.every(x => x.change !== 'absent'), 'every source has a version of a base unit')
    else assert.ok(changed.length >= 1 && r.cells.every(x => isChange(x) || x.change === 'absent'), 'an addition row holds additions only')
    if (changed.length === 0) assert.equal(r.cls, 'untouched')
    else if (r.cls === 'same') assert.ok(changed.length >= 2 && new Set(changed.map(x => x.signature)).size === 1)
    else if (r.cls === 'conflict') assert.ok(r.base && new Set(changed.map(x => x.signature)).size > 1 && r.conflict)
    else if (r.cls === 'single') assert.equal(changed.length, 1)
    else assert.equal(r.cls, 'additions-same-place')
  }
}

test('every change of every proposal is in exactly one row, and rows are classed by their cells', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 2, max: 6 }), (seed, n) => {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const proposals = Array.from({ length: n }, (_, i) => ({ name: `S${i}`, doc: buildModel(editModel(r, model, 1 + pick(r, 6), r() < 0.3)) }))
    const c = compile(buildModel(model), proposals)
    assertEveryChangeOnce(c)
    assertClasses(c)
  }), { seed: 20261201, numRuns: 60 })
})

test('copies of one proposal make the same change on every row they touch', () => {
  fc.assert(fc.property(fc.integer(), seed => {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const doc = buildModel(editModel(r, model, 1 + pick(r, 6)))
    const c = compile(buildModel(model), [{ name: 'A', doc }, { name: 'B', doc }, { name: 'C', doc }])
    for (const row of c.rows) assert.ok(row.cls === 'untouched' || row.cls === 'same', `row ${row.key} is ${row.cls}`)
    assertEveryChangeOnce(c)
  }), { seed: 20261202, numRuns: 40 })
})

test('a proposal that merges or splits sections still has every change in exactly one row', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 4 }), (seed, n) => {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const proposals = Array.from({ length: n }, (_, i) => ({ name: `S${i}`, doc: buildModel(editSections(r, editModel(r, model, pick(r, 4)))) }))
    const c = compile(buildModel(model), proposals)
    assertEveryChangeOnce(c)
    assertClasses(c)
  }), { seed: 20261203, numRuns: 60 })
})
