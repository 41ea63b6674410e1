import assert from 'node:assert/strict'
import { test } from 'node:test'
import { commentAuthorshipProblems } from './comment-authorship.js'

const amal = { name: 'Amal', delegation: 'APT', role: 'drafter' }
const pierre = { name: 'Pierre', delegation: 'CEPT', role: 'drafter' }
const officer = { name: 'Officer', delegation: 'Secretariat', role: 'secretariat' }

const reply = (id: string, by: { name: string; delegation: string }, text = 'ok') => ({ id, author: by.name, delegation: by.delegation, text, createdAt: '2026-11-23T10:00:00Z' })
const comment = (id: string, by: { name: string; delegation: string }, replies: unknown[] = [], resolved = false) => ({
  id, anchor: { provisionId: 'c1' }, author: by.name, delegation: by.delegation, text: 'why?', createdAt: '2026-11-23T09:00:00Z', replies, resolved
})

test('posting a comment or a reply in your own name is accepted; in another name it is not', () => {
  assert.deepEqual(commentAuthorshipProblems([], [comment('a', amal)], amal), [])
  assert.match(commentAuthorshipProblems([], [comment('a', pierre)], amal).join(), /own name/)
  const before = [comment('a', pierre)]
  assert.deepEqual(commentAuthorshipProblems(before, [comment('a', pierre, [reply('r1', amal)])], amal), [])
  assert.match(commentAuthorshipProblems(before, [comment('a', pierre, [reply('r1', pierre)])], amal).join(), /reply r1 must be posted in your own name/)
})

test('resolving is open to every writer; rewriting a comment or a reply is not', () => {
  const before = [comment('a', pierre, [reply('r1', pierre)])]
  assert.deepEqual(commentAuthorshipProblems(before, [comment('a', pierre, [reply('r1', pierre)], true)], amal), [])
  assert.match(commentAuthorshipProblems(before, [{ ...comment('a', pierre, [reply('r1', pierre)]), text: 'changed' }], amal).join(), /may not be rewritten/)
  assert.match(commentAuthorshipProblems(before, [comment('a', pierre, [reply('r1', pierre, 'changed')])], amal).join(), /reply r1 may not be rewritten/)
})

test('removing a comment is for its author and the secretariat', () => {
  const before = [comment('a', pierre)]
  assert.match(commentAuthorshipProblems(before, [], amal).join(), /only by its author/)
  assert.deepEqual(commentAuthorshipProblems(before, [], pierre), [])
  assert.deepEqual(commentAuthorshipProblems(before, [], officer), [])
})

test('two replies made at once leave two entries under one id; each writer only adds their own', () => {
  const before = [comment('a', pierre, [reply('r1', pierre)]), comment('a', pierre, [reply('r2', officer)])]
  const after = [...before, comment('a', pierre, [reply('r3', amal)])]
  assert.deepEqual(commentAuthorshipProblems(before, after, amal), [])
})

test('a replacement of a comment keeps every reply it had: one that leaves a reply out is refused, whoever wrote it', () => {
  const before = [comment('a', amal, [reply('r1', pierre), reply('r2', amal)])]
  assert.match(commentAuthorshipProblems(before, [comment('a', amal, [])], officer).join(), /reply r1 may not be removed.*reply r2 may not be removed/)
  assert.match(commentAuthorshipProblems(before, [comment('a', amal, [reply('r2', amal)], true)], amal).join(), /reply r1 may not be removed/)
  // replies made at once and joined again: every reply is still there, in one entry or another
  const parallel = [comment('a', amal, [reply('r1', pierre), reply('r3', amal)]), comment('a', amal, [reply('r1', pierre), reply('r4', pierre)])]
  assert.deepEqual(commentAuthorshipProblems(parallel, [comment('a', amal, [reply('r1', pierre), reply('r3', amal), reply('r4', pierre)])], amal), [])
  assert.match(commentAuthorshipProblems(parallel, [comment('a', amal, [reply('r1', pierre), reply('r3', amal)])], amal).join(), /reply r4 may not be removed/)
})

test('a new comment or reply is dated by a time, not later than the server\'s clock (a few minutes of skew allowed); dates already there are not judged again', () => {
  const now = Date.parse('2026-11-23T12:00:00Z')
  const dated = (createdAt: string) => ({ ...comment('a', amal), createdAt })
  assert.deepEqual(commentAuthorshipProblems([], [dated('2026-11-23T12:04:00.000Z')], amal, now), [], 'within the skew')
  assert.deepEqual(commentAuthorshipProblems([], [dated('2026-11-20T08:00:00Z')], amal, now), [], 'written offline days ago')
  for (const bad of ['2027-01-01T00:00:00Z', 'yesterday', '2026-11-23', '2026-13-40T99:00:00Z', ''])
    assert.match(commentAuthorshipProblems([], [dated(bad)], amal, now).join(), /must be dated/, bad)
  const later = { ...reply('r1', amal), createdAt: '2099-01-01T00:00:00Z' }
  assert.match(commentAuthorshipProblems([comment('a', pierre)], [comment('a', pierre, [later])], amal, now).join(), /reply r1 must be dated/)
  // a stored comment whose date is not one (written before this check) does not stop the others
  const legacy = { ...comment('old', pierre), createdAt: 'garbage' }
  assert.deepEqual(commentAuthorshipProblems([legacy], [legacy, comment('a', amal)], amal, now), [])
})

test('the comments a change leaves as they were are not serialised again: the check reads what changed', () => {
  // the server reads the comments before and after a change from one document: an entry the change left is the same object
  let serialised = 0
  const counted = (c: ReturnType<typeof comment>) => Object.assign(c, { toJSON() { serialised++; const { toJSON: _, ...rest } = this as typeof c & { toJSON: unknown }; return rest } })
  const kept = Array.from({ length: 1000 }, (_, i) => counted(comment(`k${i}`, pierre, [reply(`r${i}`, pierre)])))
  const posted = comment('new', amal)
  assert.deepEqual(commentAuthorshipProblems(kept, [...kept, posted], amal), [])
  assert.equal(serialised, 0, `${serialised} entries serialised for one new comment`)
  // a changed entry is still compared in full
  const replied = { ...kept[3]!, replies: [reply('r3', pierre, 'rewritten')] }
  assert.match(commentAuthorshipProblems(kept, [...kept.slice(0, 3), replied, ...kept.slice(4)], amal).join(), /reply r3 may not be rewritten/)
})
