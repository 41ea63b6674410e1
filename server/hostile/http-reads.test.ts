/**
 * Reading documents (GET /api/documents/:id) paid from the reader's share of
 * the event loop's time (twenty-second probe). Making a document's content
 * (its update log applied and written as JSON, then as the answer's text) is
 * work on the event loop, tens of ms for a large one and more near the size
 * limit, kept once made until the document changes (or, for a document not
 * loaded, among the last 32). Comparisons, compilations and exports pay such
 * work from the user's share of loop time; a read paid nothing, so a
 * reviewer reading document after document (or a document being typed in,
 * after each keystroke) could keep the event loop to herself for as long as
 * she liked: 24 large documents read at once took 1.1 s of it, none of it
 * counted. Now a read that makes a content pays what making it took, and a
 * user whose share is spent is answered 429 with Retry-After before any is
 * made; a content already made is read for nothing. So is the list of
 * documents (every document's row read and written out for each request:
 * about 100 ms with 5,000 documents). A small share here.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createDocument } from '../documents.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { addDocument, api, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let rita = ''
let kenji = ''
// the share: 40 ms at once, then 1 ms a second (the checks of changes pay from it too; nobody types here)
before(async () => {
  server = await startTestServer({ checkBudget: { msPerSecond: 1, burstMs: 40 } })
  rita = await login(server.url, 'rita')
  kenji = await login(server.url, 'kenji')
})
after(async () => { await server.close() })

/**
 * A few turns of the event loop after storing documents here held it for seconds: the server's time-outs of
 * idle kept-alive connections, overdue, close them before fetch takes one again (else: 'fetch failed').
 */
const settled = () => new Promise(resolve => setTimeout(resolve, 100))

/** A shared document of 2,000 provisions (tens of ms to read), stored, not loaded. */
async function largeDocument(k: number): Promise<string> {
  const provisions = Array.from({ length: 2000 }, (_, i) => prov(`that provision ${k}.${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`))
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: `Large ${k}` }, pre('considering', prov('that a;')), op('resolves', ...provisions))
  return (await createDocument(server.store, { title: `Large ${k}`, delegations: ['APT'], shared: true }, JSON.parse(JSON.stringify(doc.toJSON())), null)).id
}

test('reading documents whose content must be made is paid from the reader\'s share of loop time; a content already made is read for nothing', { timeout: 120_000 }, async t => {
  const ids = await Promise.all(Array.from({ length: 12 }, (_, k) => largeDocument(k)))
  await settled()
  const statuses: number[] = []
  let refusal: { status: number; body: any } | null = null
  for (const id of ids) {
    const r = await api(server.url, rita, 'GET', `/api/documents/${id}`)
    statuses.push(r.status)
    if (r.status !== 200) refusal ??= r
  }
  const read = statuses.filter(s => s === 200).length
  t.diagnostic(`rita's reads of 12 large documents: ${statuses.join(' ')}`)
  assert.ok(read >= 1, 'the first read is made')
  assert.ok(read < ids.length, `rita made ${read} contents of 12 within a share of 40 ms`)
  assert.equal(refusal?.status, 429)
  assert.equal(refusal?.body?.code, 'over-time-share')
  // what rita read is made: read again, for nothing, by her too
  const first = ids[statuses.indexOf(200)]!
  assert.equal((await api(server.url, rita, 'GET', `/api/documents/${first}`)).status, 200, 'a content already made is read with the share spent')
  // another user has a share of their own
  assert.equal((await api(server.url, kenji, 'GET', `/api/documents/${ids.at(-1)!}`)).status, 200, 'kenji reads')
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
})

test('listing the documents is paid from the lister\'s share of loop time', { timeout: 120_000 }, async t => {
  for (let k = 0; k < 2000; k++) await addDocument(server.store, { delegations: ['APT'], shared: true, title: `Proposal ${k} ${'of the assembly '.repeat(10)}` })
  await settled()
  const claire = await login(server.url, 'claire')
  const statuses: number[] = []
  for (let k = 0; k < 12; k++) statuses.push((await api(server.url, claire, 'GET', '/api/documents')).status)
  t.diagnostic(`claire's lists of 2,000 documents: ${statuses.join(' ')}`)
  assert.equal(statuses[0], 200, 'the first list is made')
  assert.ok(statuses.includes(429), `claire listed ${statuses.filter(s => s === 200).length} times of 12 within a share of 40 ms`)
  assert.equal((await api(server.url, kenji, 'GET', '/api/me')).status, 200)
})
