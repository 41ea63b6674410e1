import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkpointName } from './checkpoints.js'
import { olderBaseOf, versionInForce } from './version-in-force.js'

const v = (id: string, name: string) => ({ id, name })
const dubai = v('a', 'Rev. Dubai, 2012')
const before = v('b', checkpointName({ kind: 'before-adopting', version: 'Rev. Geneva, 2028' }))
const geneva = v('c', 'Rev. Geneva, 2028')
const session = v('d', checkpointName({ kind: 'session', who: 'Amal (APT)' }))

test('the version in force is the newest named version, whatever checkpoints come after it', () => {
  assert.equal(versionInForce([dubai, before, geneva, session]), geneva)
  assert.equal(versionInForce([dubai, session]), dubai)
  assert.equal(versionInForce([session]), null)
  assert.equal(versionInForce([]), null)
})

test('a text drafted on an older version, or on a checkpoint, is on an older base; on the version in force, or with none in force, it is not', () => {
  assert.deepEqual(olderBaseOf([dubai, before, geneva], 'a'), { drafted: dubai, inForce: geneva })
  assert.deepEqual(olderBaseOf([dubai, before, geneva], 'b'), { drafted: before, inForce: geneva })
  assert.deepEqual(olderBaseOf([dubai, before, geneva], 'elsewhere'), { drafted: null, inForce: geneva })
  assert.equal(olderBaseOf([dubai, before, geneva, session], 'c'), null)
  assert.equal(olderBaseOf([session], 'a'), null)
})
