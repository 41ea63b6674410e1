/**
 * Previewing a Word proposal against a version in force
 * (POST /api/imports/proposal/preview?base=<versionId>) holds the event loop
 * no longer for a large version than for a small one. The version's text
 * was read from the store and parsed on the event loop for every request
 * (store.getVersion), then cloned, object by object, into the worker, before
 * the file was even looked at: a Secretariat account sending one-byte files
 * against a large version held the loop for the parse and the clone of each,
 * at whatever rate it liked, none of it paid. Measured against the same
 * requests on a small version, in the same test: the extra loop time of a
 * request on the large version must stay well under one parse of its text.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { after, before, test } from 'node:test'
import { op, pre, prov, res } from '../../schema/builders.js'
import { addDocument, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec = ''
before(async () => {
  server = await startTestServer()
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

/** A version in force of `provisions` provisions, stored directly; its id and its JSON text. */
async function storedVersion(provisions: number): Promise<{ id: string; text: string }> {
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: 'Cybersecurity' }, pre('considering', prov('that a;')),
    op('resolves', ...Array.from({ length: provisions }, (_, i) => prov(`that provision ${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`))))
  const json = JSON.parse(JSON.stringify(doc.toJSON())) as unknown
  const meta = await addDocument(server.store, { delegations: ['Secretariat'], shared: true, title: `Resolution of ${provisions}` })
  const id = randomUUID()
  await server.store.createVersion({ id, documentId: meta.id, name: 'Rev. Dubai, 2012', createdAt: new Date().toISOString(), createdBy: null, json })
  return { id, text: JSON.stringify(json) }
}

/** Previews a file that is no Word file against version `base`, `times` times one after another; the statuses and the event loop's active time, ms. */
async function previews(base: string, times: number): Promise<{ statuses: number[]; activeMs: number }> {
  const statuses: number[] = []
  const start = performance.eventLoopUtilization()
  for (let k = 0; k < times; k++) {
    const r = await fetch(`${server.url}/api/imports/proposal/preview?base=${base}`, { method: 'POST', headers: { authorization: `Bearer ${sec}`, 'content-type': 'application/octet-stream' }, body: 'x' })
    await r.arrayBuffer()
    statuses.push(r.status)
  }
  return { statuses, activeMs: performance.eventLoopUtilization(start).active }
}

test('a proposal previewed against a large version in force holds the event loop about as long as against a small one', { timeout: 120_000 }, async t => {
  const small = await storedVersion(1)
  const large = await storedVersion(20_000)
  // the time one parse of the large version's text takes here (the best of three)
  let parseMs = Infinity
  for (let k = 0; k < 3; k++) { const started = performance.now(); JSON.parse(large.text); parseMs = Math.min(parseMs, performance.now() - started) }
  const times = 12
  await previews(small.id, 2) // the workers started, the routes loaded
  const onSmall = await previews(small.id, times)
  const onLarge = await previews(large.id, times)
  const extra = (onLarge.activeMs - onSmall.activeMs) / times
  t.diagnostic(`large version ${(large.text.length / 1e6).toFixed(1)} MB, parsed in ${parseMs.toFixed(0)} ms; loop active per preview: ${(onSmall.activeMs / times).toFixed(1)} ms on the small version, ${(onLarge.activeMs / times).toFixed(1)} ms on the large`)
  // the file is no Word file: refused as such, on either version, and nothing else
  assert.deepEqual(new Set([...onSmall.statuses, ...onLarge.statuses]), new Set([422]))
  assert.ok(extra < parseMs / 2, `each preview on the large version held the loop ${extra.toFixed(1)} ms more than on the small one (one parse of its text: ${parseMs.toFixed(1)} ms)`)
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
})
