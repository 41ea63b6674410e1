import assert from 'node:assert/strict'
import { test } from 'node:test'
import { StoredContents } from './stored-contents.js'

test('contents are kept by the log they were made from, within a count and a byte bound, the oldest dropped first', () => {
  const kept = new StoredContents(3, 100)
  const content = (n: number) => ({ n })
  kept.set('a', 1, 1, 'ar', 40, content(1))
  assert.deepEqual(kept.get('a', 1, 1, 'ar'), content(1))
  assert.equal(kept.get('a', 2, 1, 'ar'), undefined, 'the log has grown since')
  assert.equal(kept.get('a', 1, 1, 'en'), undefined, 'made in another language')
  kept.set('b', 1, 1, 'ar', 40, content(2))
  kept.set('c', 1, 1, 'ar', 40, content(3))   // 120 bytes: a goes
  assert.equal(kept.get('a', 1, 1, 'ar'), undefined)
  assert.deepEqual(kept.get('c', 1, 1, 'ar'), content(3))
  kept.set('d', 1, 1, 'ar', 5, content(4))
  kept.set('e', 1, 1, 'ar', 5, content(5))   // four entries: b goes
  assert.equal(kept.get('b', 1, 1, 'ar'), undefined)
  assert.deepEqual(kept.get('e', 1, 1, 'ar'), content(5))
  kept.set('huge', 1, 1, 'ar', 500, content(6))
  assert.equal(kept.get('huge', 1, 1, 'ar'), undefined, 'larger than the bound: not kept')
  assert.deepEqual(kept.get('c', 1, 1, 'ar'), content(3), 'and it pushed nothing out')
  kept.set('c', 2, 2, 'ar', 10, content(7))
  assert.deepEqual(kept.get('c', 2, 2, 'ar'), content(7), 'made again from the longer log')
})
