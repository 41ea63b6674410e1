import { test } from 'node:test'
import assert from 'node:assert/strict'
import { changeCounts } from './change-counts.js'

const arabic: Record<string, string> = { moved: 'منقولة', renumbered: 'أعيد ترقيمها' }

test('the tags stay the ITU\'s own, moved and renumbered take the interface\'s words, in reading order', () => {
  const counts = changeCounts({ counts: { NOC: 10, MOD: 24, ADD: 20, SUP: 22, moved: 2, renumbered: 17 } }, k => arabic[k] ?? k)
  assert.deepEqual(counts.map(c => `${c.name} ${c.value}`), ['MOD 24', 'ADD 20', 'SUP 22', 'NOC 10', 'منقولة 2', 'أعيد ترقيمها 17'])
  assert.deepEqual(counts.map(c => c.key), ['MOD', 'ADD', 'SUP', 'NOC', 'moved', 'renumbered'])
})

test('a summary without counts gives none; a missing count is 0', () => {
  assert.deepEqual(changeCounts(null, k => k), [])
  assert.deepEqual(changeCounts({ counts: { MOD: 1 } }, k => k).map(c => c.value), [1, 0, 0, 0, 0, 0])
})
