import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { patienceDiff } from './fallback-diff.js'

test('the patience fallback diff rebuilds both sides and keeps common tokens', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), maxLength: 60 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y'), maxLength: 60 }), (a, b) => {
    const runs = patienceDiff(a, b)
    assert.equal(runs.filter(r => r[0] <= 0).map(r => r[1]).join(''), a)
    assert.equal(runs.filter(r => r[0] >= 0).map(r => r[1]).join(''), b)
  }), { seed: 5, numRuns: 300 })
  const runs = patienceDiff('abcXdef', 'abcYdef')
  assert.deepEqual(runs, [[0, 'abc'], [-1, 'X'], [1, 'Y'], [0, 'def']])
  const anchored = patienceDiff('aaMbb', 'ccMdd')
  assert.deepEqual(anchored, [[-1, 'aa'], [1, 'cc'], [0, 'M'], [-1, 'bb'], [1, 'dd']], 'a unique common token anchors the diff')
})
