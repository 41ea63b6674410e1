import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { alignSequences } from './align.js'

const exact = (a: readonly string[], b: readonly string[]) => (i: number, j: number) => (a[i] === b[j] ? 1 : null)

test('one inserted or deleted element leaves every other pair matched', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), fc.nat(), fc.boolean(), (a, at, insert) => {
    const b = [...a]
    const k = at % (a.length + (insert ? 1 : 0))
    if (insert) b.splice(k, 0, '\u0000new'); else b.splice(k, 1)
    const steps = alignSequences(a.length, b.length, exact(a, b))
    const matches = steps.filter(s => s.kind === 'match')
    assert.equal(matches.length, Math.min(a.length, b.length))
    assert.equal(steps.length - matches.length, 1)
  }), { seed: 3, numRuns: 300 })
})

test('alignment covers both sides in order and only matches allowed pairs', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 25 }), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 25 }), (a, b) => {
    const score = (i: number, j: number) => (a[i] === b[j] ? 1 : Math.abs(a[i]! - b[j]!) === 1 ? 0.3 : null)
    const steps = alignSequences(a.length, b.length, score, (i, j) => a[i] === b[j])
    let i = 0
    let j = 0
    for (const s of steps) {
      if (s.kind !== 'insert') assert.equal(s.oldIndex, i++)
      if (s.kind !== 'delete') assert.equal(s.newIndex, j++)
      if (s.kind === 'match') assert.notEqual(score(s.oldIndex, s.newIndex), null)
    }
    assert.equal(i, a.length)
    assert.equal(j, b.length)
    assert.deepEqual(alignSequences(a.length, b.length, score), alignSequences(a.length, b.length, score), 'deterministic')
  }), { seed: 4, numRuns: 300 })
})

test('long sequences are anchored on unique keys and still keep every unchanged pair', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1e6 }), { minLength: 250, maxLength: 400 }), fc.nat(), (nums, at) => {
    const a = nums.map(String)
    const b = [...a]
    b.splice(at % a.length, 1, 'changed', 'inserted')
    const keys = { old: (i: number) => a[i]!, new: (j: number) => b[j]! }
    const steps = alignSequences(a.length, b.length, exact(a, b), (i, j) => a[i] === b[j], keys)
    assert.equal(steps.filter(s => s.kind === 'match').length, a.length - 1)
    let i = 0
    let j = 0
    for (const s of steps) {
      if (s.kind !== 'insert') assert.equal(s.oldIndex, i++)
      if (s.kind !== 'delete') assert.equal(s.newIndex, j++)
    }
  }), { seed: 6, numRuns: 30 })
})
