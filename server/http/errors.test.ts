import assert from 'node:assert/strict'
import { test } from 'node:test'
import { WorkBusyError, WorkMemoryError, WorkTimeoutError } from '../work/pool.js'
import { describeHttpError } from './errors.js'

test('work stopped for its time or its memory is a 422 that says why; a full queue is a 503', () => {
  assert.deepEqual(describeHttpError(new WorkMemoryError(1024)), { status: 422, message: new WorkMemoryError(1024).message, code: 'too-much-work' })
  assert.match(describeHttpError(new WorkMemoryError(1024))!.message, /more than 1024 MB of memory/)
  assert.equal(describeHttpError(new WorkTimeoutError(30_000))!.status, 422)
  assert.equal(describeHttpError(new WorkBusyError())!.status, 503)
})
