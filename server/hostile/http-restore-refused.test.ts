/**
 * A restore refused for want of loop time costs no more loop time for a
 * large version than for a small one. The version asked for was read from
 * the store and parsed on the event loop before the user's share was
 * looked at (store.getVersion), and a refused restore gives its creation
 * back: a drafter whose share was spent could send restore after restore
 * of a large version of a document they write, each answered 429
 * over-time-share, each having held the loop for a parse of the whole
 * version first, at whatever rate they liked. Measured against the same
 * refused requests for a small version, in the same test: the extra loop
 * time of a refusal for the large version must stay well under one parse of
 * its text.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { after, before, test } from 'node:test'
import { createDocument } from '../documents.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let amal = ''
// a share spent by one restore (0.5 ms at once, then 0.01 ms a second)
before(async () => {
  server = await startTestServer({ checkBudget: { msPerSecond: 0.01, burstMs: 0.5 } })
  amal = await login(server.url, 'amal')
})
after(async () => { await server.close() })

/** A resolution of `provisions` provisions as JSON. */
function resolution(provisions: number): unknown {
  const provided = Array.from({ length: provisions }, (_, i) => prov(`that provision ${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`))
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: 'Cybersecurity' }, pre('considering', prov('that a;')), op('resolves', ...provided))
  return JSON.parse(JSON.stringify(doc.toJSON())) as unknown
}

/** A small document APT writes, with a version of `provisions` provisions stored directly; their ids and the version's JSON text. */
async function documentWithVersion(provisions: number): Promise<{ doc: string; version: string; text: string }> {
  const doc = await createDocument(server.store, { title: `APT text ${provisions}`, kind: 'proposal', delegations: ['APT'], shared: true }, resolution(1), null)
  const json = resolution(provisions)
  const version = randomUUID()
  await server.store.createVersion({ id: version, documentId: doc.id, name: `Version of ${provisions}`, createdAt: new Date().toISOString(), createdBy: null, json })
  return { doc: doc.id, version, text: JSON.stringify(json) }
}

/** Asks `times` restores of `version` one after another; the statuses and the event loop's active time, ms. */
async function restores(doc: string, version: string, times: number): Promise<{ statuses: number[]; activeMs: number }> {
  const statuses: number[] = []
  const start = performance.eventLoopUtilization()
  for (let k = 0; k < times; k++) {
    const r = await fetch(`${server.url}/api/documents/${doc}/restore`, { method: 'POST', headers: { authorization: `Bearer ${amal}`, 'content-type': 'application/json' }, body: JSON.stringify({ versionId: version }) })
    await r.arrayBuffer()
    statuses.push(r.status)
  }
  return { statuses, activeMs: performance.eventLoopUtilization(start).active }
}

test('restores refused for want of loop time hold the event loop no longer for a large version than for a small one', { timeout: 120_000 }, async t => {
  const small = await documentWithVersion(1)
  const large = await documentWithVersion(20_000)
  let parseMs = Infinity
  for (let k = 0; k < 3; k++) { const started = performance.now(); JSON.parse(large.text); parseMs = Math.min(parseMs, performance.now() - started) }
  // the first restore is made, and overdraws amal's share (on a loaded machine her sign-in may have spent it
  // already, and the first is refused too: either way the share is spent from here on)
  const first = await restores(small.doc, small.version, 1)
  assert.ok([201, 429].includes(first.statuses[0]!), `the first restore: ${first.statuses[0]}`)
  const times = 12
  await restores(small.doc, small.version, 2)
  const onSmall = await restores(small.doc, small.version, times)
  const onLarge = await restores(large.doc, large.version, times)
  const extra = (onLarge.activeMs - onSmall.activeMs) / times
  t.diagnostic(`large version ${(large.text.length / 1e6).toFixed(1)} MB, parsed in ${parseMs.toFixed(0)} ms; loop active per refused restore: ${(onSmall.activeMs / times).toFixed(1)} ms for the small version, ${(onLarge.activeMs / times).toFixed(1)} ms for the large`)
  assert.deepEqual(new Set([...onSmall.statuses, ...onLarge.statuses]), new Set([429]), 'every one refused: amal\'s share is spent')
  assert.ok(extra < parseMs / 2, `each refused restore of the large version held the loop ${extra.toFixed(1)} ms more than of the small one (one parse of its text: ${parseMs.toFixed(1)} ms)`)
  assert.equal((await server.store.listVersions(large.doc)).length, 1, 'nothing restored')
})
