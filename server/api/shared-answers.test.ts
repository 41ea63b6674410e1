import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SharedAnswers, type MadeAnswer } from './shared-answers.js'

const text = (bytes: number) => JSON.stringify('x'.repeat(bytes - 2))
/** A JSON text's UTF-8 bytes, as a worker hands them over. */
const utf8 = (json: string) => new TextEncoder().encode(json)

test('requests for one key share one making; the answer is kept under its own ETag', async () => {
  const answers = new SharedAnswers()
  let made = 0
  const make = async () => { made++; await new Promise(r => setTimeout(r, 10)); return { bytes: utf8('{"a":1}') } }
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
  assert.equal((await answers.answer('k', async () => ({ bytes: utf8('1') }))).body.toString(), '1')
})

test('answers are kept within a count and a byte bound, the least recently asked dropped first; one too large is not kept', async () => {
  const answers = new SharedAnswers({ entries: 3, bytes: 1000, oneAnswer: 600 })
  for (const k of ['a', 'b', 'c']) await answers.answer(k, async () => ({ bytes: utf8(text(100)) }))
  await answers.answer('a', async () => { throw new Error('kept: not made again') })
  await answers.answer('d', async () => ({ bytes: utf8(text(100)) }))
  assert.equal(answers.size, 3, 'b, the least recently asked, dropped')
  let made = 0
  await answers.answer('b', async () => { made++; return { bytes: utf8(text(100)) } })
  assert.equal(made, 1)
  await answers.answer('big', async () => ({ bytes: utf8(text(500)) }))
  await answers.answer('bigger', async () => ({ bytes: utf8(text(500)) }))
  assert.ok(answers.keptBytes <= 1000, String(answers.keptBytes))
  assert.equal(answers.size, 2, 'big and bigger: nothing else fits beside them')
  await answers.answer('huge', async () => ({ bytes: utf8(text(700)) }))
  let again = 0
  await answers.answer('huge', async () => { again++; return { bytes: utf8(text(700)) } })
  assert.equal(again, 1, 'an answer over oneAnswer is not kept')
})

test('a request joining an answer still being made is handed its job; one asking for a kept answer is not', async () => {
  const answers = new SharedAnswers()
  let finish!: (v: MadeAnswer) => void
  const job = new Promise<MadeAnswer>(r => { finish = r })
  const joined: Promise<unknown>[] = []
  const first = answers.answer('k', () => job, j => joined.push(j))
  const second = answers.answer('k', () => { throw new Error('not made twice') }, j => joined.push(j))
  assert.deepEqual(joined, [job], 'the second asker joins the first one\'s job')
  finish({ bytes: utf8('{}') })
  assert.equal(await first, await second)
  await answers.answer('k', () => { throw new Error('kept') }, j => joined.push(j))
  assert.equal(joined.length, 1)
})

test('an answer made as bytes (a worker\'s, their buffer transferred) is taken as it is, without a copy', async () => {
  const answers = new SharedAnswers()
  const bytes = new TextEncoder().encode('{"révision":1}')
  const answer = await answers.answer('k', async () => ({ bytes }))
  assert.equal(answer.body.toString('utf8'), '{"révision":1}')
  assert.equal(answer.body.buffer, bytes.buffer, 'the same memory')
})
