import { strict as assert } from 'node:assert'
import { after, before, test } from 'node:test'
import { api, login, startTestServer, type TestServer } from './test/helpers.js'
import { headingNumberIn } from './draft-numbers.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

/** How many characters (or bytes) a value the store answered holds. */
function sizeOf(value: unknown): number {
  if (value === undefined || value === null) return 0
  if (typeof value === 'string') return value.length
  if (value instanceof Uint8Array) return value.byteLength
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 0)
  if (value instanceof Map) return sizeOf([...value.values()])
  return JSON.stringify(value)?.length ?? 0
}

/** Counts the characters every store method answers with while `work` runs. */
async function charactersRead(work: () => Promise<void>): Promise<number> {
  const store = server.store as unknown as Record<string, unknown>
  const originals = new Map<string, unknown>()
  let read = 0
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') continue
    originals.set(name, method)
    store[name] = async (...args: unknown[]) => {
      const answer: unknown = await (method as (...a: unknown[]) => Promise<unknown>).apply(store, args)
      read += sizeOf(answer)
      return answer
    }
  }
  try { await work() } finally { for (const [name, method] of originals) store[name] = method }
  return read
}

test('starting a draft new resolution reads a bounded part of each other draft, however long those drafts are', async () => {
  const amal = await login(server.url, 'amal')
  const start = async () => {
    const r = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'New res', action: 'ADD', lang: 'en' })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    return r.body.id as string
  }
  const numberOf = async (id: string) => {
    const doc = (await api(server.url, amal, 'GET', `/api/documents/${id}`)).body
    return (doc.json.content.find((n: { type: string }) => n.type === 'resolutionHeading') as { attrs: { number: string } }).attrs.number
  }
  // three drafts, each written out to 2 MB (a title of 2 million characters), as a drafter may type or paste within the limits
  const drafts = [await start(), await start(), await start()]
  for (const id of drafts) {
    const json = await server.store.getJSON(id) as { content: { type: string; content?: unknown[] }[] }
    json.content.find(n => n.type === 'resolutionTitle')!.content = [{ type: 'text', text: 'x'.repeat(2_000_000) }]
    await server.store.storeJSON(id, json, null, new Date().toISOString())
  }
  let next = ''
  const read = await charactersRead(async () => { next = await numberOf(await start()) })
  assert.equal(next, '[APT-4]', 'the numbers of the three drafts are all in use')
  // each draft's heading is near its start: a draft's number is read from its first 64 KB (before: the whole 6 MB)
  assert.ok(read < 3 * 65_536 + 100_000, `${read} characters of stored content read to start one draft`)
})

test("a draft's number is read from the start of its stored content", () => {
  const cover = '{"type":"resolution","attrs":{"lang":"en"},"content":[{"type":"proposalHeader","content":[{"type":"coverParagraph","attrs":{"role":"title"},"content":[{"type":"text","text":"Draft new resolution"}]}]},{"type":"proposalMarker","attrs":{"action":"ADD","proposalId":""}},'
  assert.equal(headingNumberIn(`${cover}{"type":"resolutionHeading","attrs":{"number":"[APT-7]"},"content":[{"type":"text","text":"DRAFT NEW RESOLUTION [APT-7]"}]},{"type":"resolutionTitle"`), '[APT-7]')
  assert.equal(headingNumberIn('{"type":"resolution","content":[{"type":"resolutionHeading","attrs":{"number":"[A\\"B-1]"}}]}'), '[A"B-1]', 'a quote in the number, escaped')
  // a text that spells out a heading is not one: its quotes are escaped in the stored JSON
  const spelled = JSON.stringify({ type: 'text', text: '{"type":"resolutionHeading","attrs":{"number":"[APT-99]"}}' })
  assert.equal(headingNumberIn(`${cover.replace('"Draft new resolution"}', `"x"},${spelled}`)}{"type":"resolutionHeading","attrs":{"number":"[APT-2]"}}`), '[APT-2]')
  assert.equal(headingNumberIn(`${cover}{"type":"resolutionHeading","attrs":{"number":"[APT-1`), null, 'a number cut off by the end of what was read')
  assert.equal(headingNumberIn(cover), null, 'no heading within what was read')
  assert.equal(headingNumberIn(''), null)
})

test('draft new resolutions started together take numbers of their own', async () => {
  const kenji = await login(server.url, 'kenji')
  // a double click, or two drafters of one delegation at the same moment: four starts sent together
  const started = await Promise.all([1, 2, 3, 4].map(() => api(server.url, kenji, 'POST', '/api/documents/new-proposal', { title: 'Together', action: 'ADD', lang: 'en', proposalId: 'ZZT/1/1' })))
  const numbers: string[] = []
  for (const r of started) {
    assert.equal(r.status, 201, JSON.stringify(r.body))
    const doc = (await api(server.url, kenji, 'GET', `/api/documents/${r.body.id}`)).body
    numbers.push((doc.json.content.find((n: { type: string }) => n.type === 'resolutionHeading') as { attrs: { number: string } }).attrs.number)
  }
  assert.deepEqual(numbers.sort(), ['[ZZT-1]', '[ZZT-2]', '[ZZT-3]', '[ZZT-4]'])
})
