/**
 * Starting a committee draft (POST /api/committee-drafts) pays the reading of
 * its texts from the user's share of the event loop's time, as a compilation
 * does. Its base and up to twelve proposals, named `d:<documentId>`, are
 * each made from the document's update log (or its live state) and written
 * out as JSON text on the event loop: tens to hundreds of ms each for large
 * documents, made again after any change, and nothing counted it, so a
 * Secretariat account starting drafts of large documents (typing a letter
 * in each between two) held the loop as long as it liked. Counted, not
 * timed: with a small share the first draft overdraws it and the next is
 * answered 429 over-time-share before any text is read.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createDocument } from '../documents.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec = ''
// a share spent by one large request (0.5 ms at once, then 0.01 ms a second)
before(async () => {
  server = await startTestServer({ checkBudget: { msPerSecond: 0.01, burstMs: 0.5 } })
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

/** A document of 2,000 provisions (tens of ms to make from its log), stored, not loaded. */
async function largeDocument(title: string, kind: 'resolution' | 'proposal', words: string): Promise<string> {
  const provisions = Array.from({ length: 2000 }, (_, i) => prov(`that provision ${i} ${words.repeat(8)}`))
  const json = JSON.parse(JSON.stringify(res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title }, pre('considering', prov('that a;')), op('resolves', ...provisions)).toJSON())) as unknown
  return (await createDocument(server.store, { title, kind, delegations: kind === 'proposal' ? ['APT'] : ['Secretariat'], shared: true }, json, null)).id
}

test('starting committee drafts of large documents is paid from the Secretariat\'s share of loop time: past it, 429 before any text is read', { timeout: 120_000 }, async t => {
  const statuses: number[] = []
  let refusal: Response | null = null
  for (let k = 0; k < 3 && !refusal; k++) {
    // texts not made yet, each time
    const base = await largeDocument(`Resolution ${k}`, 'resolution', 'lorem ipsum dolor sit amet ')
    const proposals = [await largeDocument(`APT ${k}`, 'proposal', 'consectetur adipiscing elit '), await largeDocument(`ARB ${k}`, 'proposal', 'sed do eiusmod tempor ')]
    const r = await fetch(`${server.url}/api/committee-drafts`, {
      method: 'POST', headers: { authorization: `Bearer ${sec}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Committee draft ${k}`, base: `d:${base}`, proposals: proposals.map(id => `d:${id}`) })
    })
    statuses.push(r.status)
    if (r.status === 429) refusal = r
    else await r.arrayBuffer()
  }
  t.diagnostic(`committee drafts: ${statuses.join(' ')}`)
  assert.notEqual(statuses[0], 429, 'the first draft is started (it overdraws the share)')
  assert.ok(refusal, `3 committee drafts of large documents started within a share of 0.5 ms: ${statuses.join(' ')}`)
  assert.ok(Number(refusal.headers.get('retry-after')) >= 1, 'Retry-After says when')
  assert.equal((await refusal.json() as { code: string }).code, 'over-time-share')
})
