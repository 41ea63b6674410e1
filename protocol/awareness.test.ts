import assert from 'node:assert/strict'
import { test } from 'node:test'
import { awarenessStateProblem, delegationColour, presenceOf, presenceUserOf, samePresence } from './awareness.js'

const amal = presenceOf({ name: 'Amal', delegation: 'APT', role: 'drafter' })
const cursor = { anchor: { type: { client: 1, clock: 4 }, tname: null, item: { client: 1, clock: 9 }, assoc: 0 }, head: { type: null, tname: 'prosemirror', item: null, assoc: -1 } }

test('states as the provider and y-prosemirror write them are well formed', () => {
  assert.equal(awarenessStateProblem(null), null)
  assert.equal(awarenessStateProblem({}), null)
  assert.equal(awarenessStateProblem({ user: amal }), null)
  assert.equal(awarenessStateProblem({ user: amal, cursor }), null)
  assert.equal(awarenessStateProblem({ user: amal, cursor: null }), null)
  assert.deepEqual(presenceUserOf({ user: amal, cursor }), amal)
  assert.equal(amal.color, delegationColour('APT'))
})

test('malformed states are named and show nobody', () => {
  const bad: [unknown, RegExp][] = [
    [{ user: { ...amal, name: 5 } }, /user\.name/],
    [{ user: { ...amal, name: '' } }, /user\.name/],
    [{ user: { ...amal, role: 'admin' } }, /role/],
    [{ user: { ...amal, extra: 1 } }, /unknown field/],
    [{ user: amal, blob: 'x' }, /unknown field "blob"/],
    [{ user: amal, cursor: { anchor: 'x', head: {} } }, /cursor/],
    [{ user: amal, cursor: { anchor: { type: { client: 'a', clock: 1 } }, head: {} } }, /cursor/],
    [{ user: { ...amal, delegation: 'x'.repeat(201) } }, /delegation/],
    [{ user: amal, cursor: { ...cursor, extra: 'x'.repeat(5000) } }, /cursor/],
    [[], /object/],
    ['x', /object/]
  ]
  for (const [state, why] of bad) {
    assert.match(awarenessStateProblem(state) ?? '', why, JSON.stringify(state).slice(0, 80))
    assert.equal(presenceUserOf(state), null)
  }
  assert.equal(presenceUserOf({}), null, 'no user yet')
})

test('samePresence compares every field and nothing more', () => {
  assert.ok(samePresence(amal, { ...amal }))
  assert.ok(!samePresence(amal, { ...amal, role: 'secretariat' }))
  assert.ok(!samePresence(amal, { ...amal, more: 1 }))
  assert.ok(!samePresence(amal, null))
})
