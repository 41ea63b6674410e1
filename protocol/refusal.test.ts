import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readRefusalNotice, REFUSED_TOO_LARGE } from './refusal.js'

test('a refusal notice is read from a stateless payload; anything else is not one', () => {
  assert.deepEqual(readRefusalNotice(JSON.stringify({ type: 'refused', code: REFUSED_TOO_LARGE, reason: 'the document would exceed 8 MiB' })),
    { type: 'refused', code: REFUSED_TOO_LARGE, reason: 'the document would exceed 8 MiB' })
  for (const payload of ['', 'not json', 'null', '{"type":"refused"}', '{"type":"refused","code":"4400","reason":"x"}', '{"type":"other","code":4400,"reason":"x"}', '[1]']) {
    assert.equal(readRefusalNotice(payload), null, payload)
  }
  assert.equal(readRefusalNotice(JSON.stringify({ type: 'refused', code: 4400, reason: 'x'.repeat(10_000) }))!.reason.length, 500, 'a long reason is cut')
})
