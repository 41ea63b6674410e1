/**
 * Comparing and compiling live documents pays, from the user's share of the
 * event loop's time, for writing their contents as the JSON text handed to
 * the worker (tens of ms for a large document; kept once written until the
 * document changes). Reading the contents was paid; writing them out was
 * done after, on nobody's time: a reviewer comparing large documents one
 * after another held the loop as long as she liked. A small share here,
 * contents already made (read for nothing), so that writing them out is
 * all there is to pay.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createDocument, liveJSON } from '../documents.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { api, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
// the share: 10 ms at once, then 1 ms a second (writing out one of these documents takes about 3.5 ms on a fast
// machine: with 40 ms at once, the twelfth was refused or not, by turns)
before(async () => { server = await startTestServer({ checkBudget: { msPerSecond: 1, burstMs: 10 } }) })
after(async () => { await server.close() })

/** A shared document of 2,000 provisions, stored, its content made (as a read by anyone would have made it). */
async function largeDocument(k: number): Promise<string> {
  const provisions = Array.from({ length: 2000 }, (_, i) => prov(`that provision ${k}.${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`))
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: `Large ${k}` }, pre('considering', prov('that a;')), op('resolves', ...provisions))
  const id = (await createDocument(server.store, { title: `Large ${k}`, delegations: ['APT'], shared: true }, JSON.parse(JSON.stringify(doc.toJSON())), null)).id
  await liveJSON(server.store, server.hocuspocus, id)
  return id
}

/** Statuses and the first refusal of requests made one after another. */
async function statusesOf(token: string, paths: string[]) {
  const statuses: number[] = []
  let refusal: { status: number; body: any } | null = null
  for (const path of paths) {
    const r = await api(server.url, token, 'GET', path)
    statuses.push(r.status)
    if (r.status !== 200) refusal ??= r
  }
  return { statuses, refusal }
}

test("comparing live documents pays for writing out their texts from the user's share of loop time", { timeout: 120_000 }, async t => {
  const ids = await Promise.all(Array.from({ length: 12 }, (_, k) => largeDocument(k)))
  const rita = await login(server.url, 'rita')
  const { statuses, refusal } = await statusesOf(rita, ids.map(id => `/api/compare?old=d:${id}&new=d:${id}`))
  t.diagnostic(`rita's comparisons of 12 large live documents: ${statuses.join(' ')}`)
  assert.equal(statuses[0], 200, 'the first comparison is made')
  assert.equal(refusal?.status, 429, `rita compared ${statuses.filter(s => s === 200).length} of 12 within a share of 10 ms`)
  assert.equal(refusal?.body?.code, 'over-time-share')
})

test("compiling live documents pays for writing out their texts from the user's share of loop time", { timeout: 120_000 }, async t => {
  const ids = await Promise.all(Array.from({ length: 12 }, (_, k) => largeDocument(100 + k)))
  const kenji = await login(server.url, 'kenji')
  const { statuses, refusal } = await statusesOf(kenji, ids.map(id => `/api/compile?base=d:${id}&proposal=d:${id}`))
  t.diagnostic(`kenji's compilations of 12 large live documents: ${statuses.join(' ')}`)
  assert.equal(statuses[0], 200, 'the first compilation is made')
  assert.equal(refusal?.status, 429, `kenji compiled ${statuses.filter(s => s === 200).length} of 12 within a share of 10 ms`)
  assert.equal(refusal?.body?.code, 'over-time-share')
})
