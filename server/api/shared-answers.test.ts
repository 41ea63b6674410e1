import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SharedAnswers } from './shared-answers.js'

const text = (bytes: number) => JSON.stringify('x'.repeat(bytes - 2))

test('requests for one key share one making; the answer is kept under its own ETag', async () => {
  const answers = new SharedAnswers()
  let made = 0
  const make = async () => { made++; await new Promise(r => setTimeout(r, 10)); return '{"a":1}' }
  const all = await Promise.all([answers.answer('k', make), answers.answer('k', make), answers.answer('k', make)])
  assert.equal(made, 1)
  assert.ok(all.every(a => a === all[0]))
  assert.equal(all[0]!.body.toString(), '{"a":1}')
  assert.match(all[0]!.etag, /^"answer-/)
  assert.equal(await answers.answer('k', make), all[0])
  assert.equal(made, 1)
  assert.notEqual((await answers.answer('other', make)).etag, all[0]!.etag)
})

test('a failed making is not kept: the requests waiting get its error, the next one tries again', async () => {
  const answers = new SharedAnswers()
  let calls = 0
  const failing = async () => { calls++; throw new Error('busy') }
  const waiting = [answers.answer('k', failing), answers.answer('k', failing)]
  for (const w of waiting) await assert.rejects(w, /busy/)
  assert.equal(calls, 1)
  assert.equal(answers.size, 0)
  assert.equal((await answers.answer('k', async () => '1')).body.toString(), '1')
})

test('answers are kept within a count and a byte bound, the least recently asked dropped first; one too large is not kept', async () => {
  const answers = new SharedAnswers({ entries: 3, bytes: 1000, oneAnswer: 600 })
  for (const k of ['a', 'b', 'c']) await answers.answer(k, async () => text(100))
  await answers.answer('a', async () => { throw new Error('kept: not made again') })
  await answers.answer('d', async () => text(100))
  assert.equal(answers.size, 3, 'b, the least recently asked, dropped')
  let made = 0
  await answers.answer('b', async () => { made++; return text(100) })
  assert.equal(made, 1)
  await answers.answer('big', async () => text(500))
  await answers.answer('bigger', async () => text(500))
  assert.ok(answers.keptBytes <= 1000, String(answers.keptBytes))
  assert.equal(answers.size, 2, 'big and bigger: nothing else fits beside them')
  await answers.answer('huge', async () => text(700))
  let again = 0
  await answers.answer('huge', async () => { again++; return text(700) })
  assert.equal(again, 1, 'an answer over oneAnswer is not kept')
})
