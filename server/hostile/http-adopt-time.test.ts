/**
 * Adopting a text and naming a version are paid from the user's share of
 * the event loop's time, as a restore is. An adoption reads the text
 * adopted and parses it, keeps a checkpoint of the resolution, writes the
 * new text into the live document and names it, all on the event loop
 * (hundreds of ms for a large resolution); naming a version writes the
 * whole content out as JSON. Neither was counted: a Secretariat account
 * adopting the same large proposal over and over (overNewerVersion), or
 * naming versions, held the loop as long as it liked. Now the first such
 * request overdraws a small share and the next is answered 429
 * over-time-share with Retry-After, nothing written; another user's share
 * is their own.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addAccount } from '../auth/accounts.js'
import { createDocument } from '../documents.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { api, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec = ''
// a share spent by one large request (0.5 ms at once, then 0.01 ms a second)
before(async () => {
  server = await startTestServer({ checkBudget: { msPerSecond: 0.01, burstMs: 0.5 } })
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

/** A resolution of 2,000 provisions (tens of ms to read and write) as JSON. */
function largeResolution(words: string): unknown {
  const provisions = Array.from({ length: 2000 }, (_, i) => prov(`that provision ${i} ${words.repeat(8)}`))
  return JSON.parse(JSON.stringify(res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: 'Cybersecurity' }, pre('considering', prov('that a;')), op('resolves', ...provisions)).toJSON()))
}

/** A large resolution with a version in force, and a proposal on that version changing every provision; stored directly. */
async function resolutionWithProposal(): Promise<{ resolution: string; proposal: string }> {
  const resolution = await createDocument(server.store, { title: 'Resolution 50', delegations: ['Secretariat'], shared: true }, largeResolution('lorem ipsum dolor sit amet '), null)
  const versionId = `v-${resolution.id}`
  await server.store.createVersion({ id: versionId, documentId: resolution.id, name: 'Rev. Dubai, 2012', createdAt: new Date().toISOString(), createdBy: null, json: largeResolution('lorem ipsum dolor sit amet ') })
  const proposal = await createDocument(server.store, { title: 'APT proposal', kind: 'proposal', delegations: ['APT'], shared: true, baseDocumentId: resolution.id, baseVersionId: versionId }, largeResolution('consectetur adipiscing elit '), null)
  return { resolution: resolution.id, proposal: proposal.id }
}

/** Sends requests made by `send` until one is refused, at most `times`; the statuses, and the refusal. */
async function untilRefused(send: (k: number) => Promise<Response>, times: number): Promise<{ statuses: number[]; refusal: Response | null }> {
  const statuses: number[] = []
  for (let k = 0; k < times; k++) {
    const r = await send(k)
    statuses.push(r.status)
    if (r.status === 429) return { statuses, refusal: r }
    await r.arrayBuffer()
  }
  return { statuses, refusal: null }
}

const post = (token: string, path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

test('adopting a large proposal again and again is paid from the Secretariat\'s share of loop time: past it, 429 and nothing adopted', { timeout: 120_000 }, async t => {
  const { resolution, proposal } = await resolutionWithProposal()
  const { statuses, refusal } = await untilRefused(k => post(sec, `/api/documents/${resolution}/adopt`, { from: proposal, name: `Rev. ${k}`, overNewerVersion: true }), 4)
  t.diagnostic(`adoptions: ${statuses.join(' ')}`)
  assert.equal(statuses[0], 201, 'the first adoption is made (it overdraws the share)')
  assert.ok(refusal, `4 adoptions of a large proposal made within a share of 0.5 ms: ${statuses.join(' ')}`)
  assert.ok(Number(refusal.headers.get('retry-after')) >= 1, 'Retry-After says when')
  assert.equal((await refusal.json() as { code: string }).code, 'over-time-share')
  const names = (await server.store.listVersions(resolution)).map(v => v.name)
  assert.ok(!names.includes(`Rev. ${statuses.length - 1}`), 'the refused adoption named nothing')
})

test('naming versions of a large document again and again is paid from the Secretariat\'s share of loop time', { timeout: 120_000 }, async t => {
  // another account of the Secretariat: sec's share is spent above
  const { password } = await addAccount(server.store, 'sec2', { name: 'Secretariat desk', delegation: 'Secretariat', role: 'secretariat', uiLang: 'en' })
  const desk = await login(server.url, 'sec2', password)
  const doc = await createDocument(server.store, { title: 'Resolution 1', delegations: ['Secretariat'], shared: true }, largeResolution('sed do eiusmod tempor '), null)
  const { statuses, refusal } = await untilRefused(k => post(desk, `/api/documents/${doc.id}/versions`, { name: `Named ${k}` }), 4)
  t.diagnostic(`versions named: ${statuses.join(' ')}`)
  assert.equal(statuses[0], 201, 'the first version is named')
  assert.ok(refusal, `4 versions of a large document named within a share of 0.5 ms: ${statuses.join(' ')}`)
  assert.equal((await refusal.json() as { code: string }).code, 'over-time-share')
  assert.equal((await server.store.listVersions(doc.id)).length, statuses.length - 1, 'the refused request named nothing')
  // another user's share is their own
  const kenji = await login(server.url, 'kenji')
  assert.equal((await api(server.url, kenji, 'GET', `/api/documents/${doc.id}`)).status, 200)
})
