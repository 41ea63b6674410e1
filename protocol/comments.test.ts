import assert from 'node:assert/strict'
import { test } from 'node:test'
import { commentProblem, isComment } from './comments.js'

const comment = (over: Record<string, unknown> = {}) => ({
  id: 'c1', anchor: { provisionId: 'p1' }, author: 'Amal', delegation: 'APT', text: 'why?', createdAt: '2026-11-23T09:00:00Z',
  replies: [{ id: 'r1', author: 'Kenji', delegation: 'APT', text: 'because', createdAt: '2026-11-23T09:01:00Z' }], resolved: false, ...over
})

test('a comment as the client writes it is well formed', () => {
  assert.equal(commentProblem(comment(), 0), null)
  assert.equal(commentProblem(comment({ anchor: { provisionId: 'p1', quote: 'that security' } }), 0), null)
  assert.ok(isComment(comment()))
})

test('every field is checked: type, length, unknown names', () => {
  assert.match(commentProblem(comment({ text: 5 }), 3)!, /comment 3\.text must be a string/)
  assert.match(commentProblem(comment({ text: 'x'.repeat(20_001) }), 0)!, /too long/)
  assert.match(commentProblem(comment({ author: 'x'.repeat(2_001) }), 0)!, /author is too long/)
  assert.match(commentProblem(comment({ padding: 'x' }), 0)!, /unknown field "padding"/)
  assert.match(commentProblem(comment({ anchor: { provisionId: 'p1', blob: 1 } }), 0)!, /anchor has an unknown field/)
  assert.match(commentProblem(comment({ anchor: null }), 0)!, /provisionId/)
  assert.match(commentProblem(comment({ replies: [{ id: 'r', author: 'a', delegation: 'b', text: 't', createdAt: 'd', extra: 1 }] }), 0)!, /replies\[0\] has an unknown field/)
  assert.match(commentProblem(comment({ resolved: 'yes' }), 0)!, /resolved must be a boolean/)
  assert.match(commentProblem([], 0)!, /plain JSON object/)
  assert.match(commentProblem(new Map(), 0)!, /plain JSON object/)
  assert.equal(isComment(null), false)
})
