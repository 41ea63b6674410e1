import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkpointName, isCheckpointName, readCheckpointName, type Checkpoint } from './checkpoints.js'

test('every kind of checkpoint reads back from the name it is stored under', () => {
  const all: Checkpoint[] = [
    { kind: 'session', who: 'Amal (APT)' },
    { kind: 'before-restore', version: 'Draft for the March meeting' },
    { kind: 'restored', version: '⟲ after the session of Amal (APT)' },
    { kind: 'before-adopting', version: 'Rev. Geneva, 2028' }
  ]
  for (const c of all) {
    assert.ok(isCheckpointName(checkpointName(c)))
    assert.deepEqual(readCheckpointName(checkpointName(c)), c)
  }
  assert.equal(checkpointName({ kind: 'session', who: 'Amal (APT)' }), '⟲ after the session of Amal (APT)', 'the stored form of existing checkpoints')
})

test('a named version is no checkpoint; a checkpoint of an unknown form reads as its text', () => {
  assert.equal(isCheckpointName('Draft for the March meeting'), false)
  assert.equal(readCheckpointName('Draft for the March meeting'), null)
  assert.deepEqual(readCheckpointName('⟲ something else'), { kind: 'other', text: 'something else' })
})
