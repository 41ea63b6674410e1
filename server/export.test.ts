/**
 * The export route mounted on the server: a proposal downloads as an ITU
 * proposal marked against its base version, for the people allowed to.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { unzipSync, strFromU8 } from 'fflate'
import { api, login, startTestServer, type TestServer } from './test/helpers.js'

let server: TestServer
let proposalId: string

before(async () => {
  server = await startTestServer({ seedDocuments: true })
  const sec = await login(server.url, 'sec')
  const list = await api(server.url, sec, 'GET', '/api/documents')
  const proposal = (list.body as { id: string; kind: string }[]).find(d => d.kind === 'proposal')
  assert.ok(proposal, 'the seeded APT proposal exists')
  proposalId = proposal.id
})
after(async () => { await server?.close() })

async function download(token: string | null, query: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const r = await fetch(`${server.url}/api/documents/${proposalId}/export?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: r.status, type: r.headers.get('content-type'), bytes: new Uint8Array(await r.arrayBuffer()) }
}

test('the Secretariat downloads the proposal as DOCX with tracked changes against its base', async () => {
  const r = await download(await login(server.url, 'sec'), 'format=docx')
  assert.equal(r.status, 200)
  assert.match(r.type ?? '', /wordprocessingml/)
  const xml = strFromU8(unzipSync(r.bytes)['word/document.xml']!)
  assert.ok((xml.match(/<w:ins /g) ?? []).length > 10, 'insertions are tracked')
  assert.ok((xml.match(/<w:del /g) ?? []).length > 10, 'deletions are tracked')
  assert.ok(xml.includes('APT/44A13/1'), 'the proposal number stands on the marker line')
  assert.ok(xml.includes('<w:bidi/>'), 'Arabic paragraphs are right to left')
})

test('a drafter of the proposal downloads HTML; struck and inserted runs are there', async () => {
  const r = await download(await login(server.url, 'amal'), 'format=html')
  assert.equal(r.status, 200)
  const html = new TextDecoder().decode(r.bytes)
  assert.match(html, /dir="rtl"/)
  assert.match(html, /<del[ >]/)
  assert.match(html, /<ins[ >]/)
})

test('others are refused; bad formats and unknown documents are clear errors', async () => {
  assert.equal((await download(await login(server.url, 'claire'), 'format=docx')).status, 404, 'CEPT drafter may not read this unshared proposal: not found, as one that does not exist')
  assert.equal((await download(await login(server.url, 'rita'), 'format=docx')).status, 403, 'reviewers compare, they do not export')
  assert.equal((await download(null, 'format=docx')).status, 401)
  const sec = await login(server.url, 'sec')
  assert.equal((await download(sec, 'format=odt')).status, 400)
  const missing = await fetch(`${server.url}/api/documents/nope/export?format=docx`, { headers: { authorization: `Bearer ${sec}` } })
  assert.equal(missing.status, 404)
})

test('a proposal without a number yet (drafters write before the Secretariat numbers it) exports as a proposal: its cover, a MOD line without a number, the marked text and its reasons', async () => {
  const amal = await login(server.url, 'amal')
  const list = (await api(server.url, amal, 'GET', '/api/documents')).body as { id: string; kind: string; baseDocumentId: string | null; baseVersionId: string | null }[]
  const seeded = list.find(d => d.id === proposalId)!
  const created = await api(server.url, amal, 'POST', `/api/documents/${seeded.baseDocumentId}/proposal`, { title: 'Numberless', action: 'MOD', baseVersionId: seeded.baseVersionId, delegations: ['APT'] })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const r = await fetch(`${server.url}/api/documents/${created.body.id}/export?format=html`, { headers: { authorization: `Bearer ${amal}` } })
  assert.equal(r.status, 200)
  const html = new TextDecoder().decode(new Uint8Array(await r.arrayBuffer()))
  assert.match(html, /class="Proposal"[^>]*>(?:<[^>]+>)*MOD/, 'the marker line')
  assert.match(html, /class="Reasons"/, 'the reasons')
  assert.match(html, /الأصل|Original/, 'the cover')
})
