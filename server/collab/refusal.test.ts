/**
 * A refusal is an expected outcome, logged by the extension that refuses
 * (with document, user and reason); Hocuspocus prints the error it is
 * thrown as again. It carries no stack trace: one line, not a page of
 * frames per refused message under a flood.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inspect } from 'node:util'
import { REFUSED_INVALID, refuse } from './refusal.js'

test('a refusal prints as one line: its name, code and reason, no stack frames', () => {
  const r = refuse(undefined, REFUSED_INVALID, 'invalid update: unknown attribute "x"')
  assert.equal(r.code, REFUSED_INVALID)
  assert.equal(r.reason, 'invalid update: unknown attribute "x"')
  assert.equal(r.stack, `Refusal ${REFUSED_INVALID}: invalid update: unknown attribute "x"`)
  assert.ok(r instanceof Error)
  assert.equal(inspect(r), `[Refusal ${REFUSED_INVALID}: invalid update: unknown attribute "x"]`)
})
