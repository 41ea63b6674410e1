import assert from 'node:assert/strict'
import { test } from 'node:test'
import { LoadedShares, MIN_DOCUMENT_BYTES } from './loaded-shares.js'

test('an account holding at least the average of the accounts that hold loaded documents is at its share; one below, or holding none, is not', () => {
  const shares = new LoadedShares()
  assert.equal(shares.atOrAboveFairShare('kenji'), false, 'nothing loaded')
  shares.loaded('k1', 'kenji', 50_000)
  shares.loaded('k2', 'kenji', 50_000)
  shares.loaded('a1', 'amal', 20_000)
  assert.equal(shares.heldBy('kenji'), 100_000)
  assert.equal(shares.atOrAboveFairShare('kenji'), true)
  assert.equal(shares.atOrAboveFairShare('amal'), false)
  assert.equal(shares.atOrAboveFairShare('rita'), false, 'an account holding nothing')
  // a document loaded again (after it left memory, or while its unloading waited) counts once, for its new opener
  shares.loaded('k2', 'amal', 90_000)
  assert.equal(shares.heldBy('kenji'), 50_000)
  assert.equal(shares.heldBy('amal'), 110_000)
  assert.equal(shares.atOrAboveFairShare('kenji'), false)
  for (const d of ['k1', 'k2', 'a1', 'never loaded']) shares.unloaded(d)
  assert.equal(shares.heldBy('kenji') + shares.heldBy('amal'), 0)
  // a document with little stored still counts
  shares.loaded('empty', 'rita', 0)
  assert.equal(shares.heldBy('rita'), MIN_DOCUMENT_BYTES)
  assert.equal(shares.atOrAboveFairShare('rita'), true, 'the only account holding anything')
})
