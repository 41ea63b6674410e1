/**
 * Listing a document's versions (GET /api/documents/:id/versions) is paid
 * from the reader's share of the event loop's time, as the list of
 * documents is. Versions are never removed: a document worked on keeps an
 * automatic checkpoint a minute while anyone edits it (43,200 in a month),
 * and each restore adds two (a drafter's creation budget allows one every
 * 20 s). Every request read all of its rows and wrote them out on the event
 * loop, and nothing counted it: any reader polling the list of a
 * well-worked document held the loop as long as they liked. Counted, not
 * timed: with a small share, a reader lists 30,000 versions a few times,
 * then is answered 429 over-time-share; another reader's share is their
 * own.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDocument, api, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
// the share: 40 ms at once, then 1 ms a second (the checks of changes pay from it too; nobody types here)
before(async () => { server = await startTestServer({ checkBudget: { msPerSecond: 1, burstMs: 40 } }) })
after(async () => { await server.close() })

test('listing the versions of a document with thousands of checkpoints is paid from the reader\'s share of loop time', { timeout: 120_000 }, async t => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const json = { type: 'doc' }
  const start = Date.UTC(2026, 0, 1)
  for (let k = 0; k < 30_000; k++) {
    await server.store.createVersion({ id: `cp-${k}`, documentId: doc.id, name: `⟲ left by Salma (APT) at ${new Date(start + k * 60_000).toISOString()}`, createdAt: new Date(start + k * 60_000).toISOString(), createdBy: { name: 'Salma', delegation: 'APT' }, json })
  }
  // a few turns of the loop: connections kept alive past their time-out are closed before fetch takes one again
  await new Promise(resolve => setTimeout(resolve, 100))
  const rita = await login(server.url, 'rita')
  const statuses: number[] = []
  let refusal: { status: number; body: any } | null = null
  for (let k = 0; k < 12; k++) {
    const r = await api(server.url, rita, 'GET', `/api/documents/${doc.id}/versions`)
    statuses.push(r.status)
    if (r.status === 200) assert.equal(r.body.length, 30_000)
    else refusal ??= r
  }
  t.diagnostic(`rita's lists of 30,000 versions: ${statuses.join(' ')}`)
  assert.equal(statuses[0], 200, 'the first list is made')
  assert.ok(statuses.includes(429), `rita listed 30,000 versions ${statuses.filter(s => s === 200).length} times of 12 within a share of 40 ms`)
  assert.equal(refusal?.body?.code, 'over-time-share')
  // another reader's share is their own
  const kenji = await login(server.url, 'kenji')
  assert.equal((await api(server.url, kenji, 'GET', `/api/documents/${doc.id}/versions`)).status, 200)
})
