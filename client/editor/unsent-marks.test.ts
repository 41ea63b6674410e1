import assert from 'node:assert/strict'
import { test } from 'node:test'
import { copiesWithUnsent, forgetUnsentMarks, READ_AGAIN_MS, RECORD_SLACK_MS, unsentMarks, type MarkStorage } from './unsent-marks.js'

/** A localStorage stand-in. */
function memoryStorage(): MarkStorage & { keys(): string[] } {
  const items = new Map<string, string>()
  return {
    getItem: k => items.get(k) ?? null,
    setItem: (k, v) => { items.set(k, v) },
    removeItem: k => { items.delete(k) },
    key: i => [...items.keys()][i] ?? null,
    get length() { return items.size },
    keys: () => [...items.keys()]
  }
}

const COPY = 'resdraft:user:u1:doc1'
const OTHER = 'resdraft:user:u1:doc10'
const USER = 'resdraft:user:u1:'
/** A reading of the copy that finds nothing the page lacks, counted; or one that finds something. */
const reading = (addsNothing: boolean) => { const r = { count: 0, read: async () => { r.count++; return addsNothing } }; return r }

test("a page's mark stands from its change until the server has acknowledged every change", async () => {
  const storage = memoryStorage()
  const page = unsentMarks(COPY, '11', storage)
  assert.deepEqual(copiesWithUnsent(USER, storage), [])
  page.changed(10_000)
  assert.deepEqual(copiesWithUnsent(USER, storage), [COPY])
  assert.equal(storage.getItem(`resdraft:unsent:${COPY}:11`), '10000', 'the time of its last change')
  const copy = reading(true)
  await page.acknowledged(copy.read)
  assert.deepEqual(copiesWithUnsent(USER, storage), [])
  assert.equal(copy.count, 0, 'with no other mark, the copy is not read')
  page.changed(20_000)
  assert.deepEqual(copiesWithUnsent(USER, storage), [COPY], 'marked again by its next change')
})

test("other pages' marks go when the copy holds nothing the acknowledged page lacks, those made before it was read", async () => {
  const storage = memoryStorage()
  unsentMarks(COPY, '11', storage).changed(10_000)   // a page closed with words unsent: they wait in the copy
  unsentMarks(OTHER, '13', storage).changed(10_000)   // another document's copy (its name starts with this one's)
  const readAt = 20_000
  unsentMarks(COPY, '12', storage).changed(readAt - RECORD_SLACK_MS / 2)   // a page changing as the copy was read
  const next = unsentMarks(COPY, '14', storage)
  next.changed(readAt - 5000)
  await next.acknowledged(reading(true).read, () => readAt)
  assert.deepEqual(storage.keys().sort(), [`resdraft:unsent:${COPY}:12`, `resdraft:unsent:${OTHER}:13`].sort())
})

test('they stay when the copy holds something the page lacks, and the copy is read again only after a while', async () => {
  const storage = memoryStorage()
  unsentMarks(COPY, '11', storage).changed(10_000)
  const next = unsentMarks(COPY, '14', storage)
  const lacking = reading(false)
  await next.acknowledged(lacking.read, () => 20_000)
  await next.acknowledged(lacking.read, () => 20_000 + READ_AGAIN_MS / 2)
  assert.equal(lacking.count, 1)
  assert.deepEqual(storage.keys(), [`resdraft:unsent:${COPY}:11`])
  await next.acknowledged(reading(true).read, () => 20_000 + READ_AGAIN_MS)
  assert.deepEqual(storage.keys(), [])
})

test('marks are forgotten per copy, and only those of the copies asked', () => {
  const storage = memoryStorage()
  unsentMarks(COPY, '11', storage).changed(1)
  unsentMarks(OTHER, '12', storage).changed(1)
  unsentMarks('resdraft:user:u2:doc1', '13', storage).changed(1)
  forgetUnsentMarks(USER, name => name !== OTHER, storage)
  assert.deepEqual(storage.keys().sort(), [`resdraft:unsent:${OTHER}:12`, 'resdraft:unsent:resdraft:user:u2:doc1:13'])
  forgetUnsentMarks(USER, undefined, storage)
  assert.deepEqual(storage.keys(), ['resdraft:unsent:resdraft:user:u2:doc1:13'], "another user's marks stay")
})

test('a browser without storage marks nothing, and says nothing is unsent', async () => {
  const page = unsentMarks(COPY, '11', null)
  page.changed(1)
  await page.acknowledged(reading(true).read)
  assert.deepEqual(copiesWithUnsent(USER, null), [])
})
