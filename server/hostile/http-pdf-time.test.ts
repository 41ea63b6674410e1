/**
 * A PDF export is bounded in time as a whole, as every other export is
 * (skipped without Chromium). Its HTML is made in the work pool, within the
 * pool's time limit, then printed by the one Chromium every user's PDFs
 * wait for; the printing had a limit of 30 s on loading the page and 30 s on
 * printing it, none on laying the footnotes at the foot of their pages
 * between the two, and a printing past a limit was answered 500 "internal
 * error" with a stack in the log. A drafter's text with 20,000 footnotes
 * (3 MB, within every limit) held the printer 75 s, each step within its
own limit; a step past its limit was a 500. Now the
 * printing as a whole has the pool's time limit (a short one here), after
 * which the page is closed and the export answered 422 `too-much-work` (a
 * text of thousands of pages here: a document now holds 1,000 footnotes at
 * most); the next user's PDF is printed, the API
 * answers and peers converge.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { fn, op, pre, prov, res, txt } from '../../schema/builders.js'
import { CHROMIUM_PATH } from '../../export/pdf.js'
import { createDocument } from '../documents.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, type TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

const chromium = existsSync(CHROMIUM_PATH)
/** The time limit of this server's work, ms: far below what printing thousands of pages with a thousand footnotes takes anywhere, far above a one-page PDF's on a busy machine. */
const LIMIT_MS = 10_000
const logger = new MemoryLogger()
let server: TestServer
before(async () => { if (chromium) server = await startTestServer({ work: { timeoutMs: LIMIT_MS }, logger }) })
after(async () => { await server?.close() })

/**
 * The JSON of a text of `provisions` provisions of some 700 characters, every tenth with a footnote (1,000 at most: the
 * most a document may hold, schema/check.ts MAX_FOOTNOTES): thousands of pages, some 25 s to print here.
 */
function footnoted(provisions: number): unknown {
  const words = Array.from({ length: 100 }, (_, k) => `word${k}`).join(' ')
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: 'Cybersecurity' }, pre('considering', prov('that a;')),
    op('resolves', ...Array.from({ length: provisions }, (_, i) => prov([txt(`that provision ${i} ${words} `), ...(i % 10 === 0 ? [fn(`note ${i} lorem ipsum dolor`)] : [])]))))
  return JSON.parse(JSON.stringify(doc.toJSON())) as unknown
}

/** Exports document `id` as a PDF for `token`: the status, the body's code when it is JSON, and whether it is a PDF. */
async function exportPdf(token: string, id: string): Promise<{ status: number; code?: string; pdf: boolean }> {
  const r = await fetch(`${server.url}/api/documents/${id}/export?format=pdf`, { headers: { authorization: `Bearer ${token}` } })
  const body = Buffer.from(await r.arrayBuffer())
  const code = r.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(body.toString()) as { code?: string }).code : undefined
  return { status: r.status, ...(code ? { code } : {}), pdf: body.subarray(0, 5).toString() === '%PDF-' }
}

test('a PDF of a text of thousands of pages with a thousand footnotes is stopped at the time limit (422), and the next user\'s PDF is printed', { skip: chromium ? false : `no Chromium at ${CHROMIUM_PATH}`, timeout: 180_000 }, async () => {
  const heavy = await createDocument(server.store, { title: 'Footnoted', delegations: ['CEPT'], shared: false }, footnoted(9500), null)
  const small = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Small' })
  const [claire, kenji, amal] = await Promise.all([login(server.url, 'claire'), login(server.url, 'kenji'), login(server.url, 'amal')])
  const stopped = await exportPdf(claire, heavy.id)
  assert.deepEqual(stopped, { status: 422, code: 'too-much-work', pdf: false })
  assert.equal(logger.entries.filter(e => e.level === 'error').length, 0, 'nothing logged as an unexpected error')
  // the printer is had again: another user's one-page PDF is printed
  assert.deepEqual(await exportPdf(kenji, small.id), { status: 200, pdf: true })
  const a = connect(server.url, small.id, kenji), b = connect(server.url, small.id, amal)
  try {
    await Promise.all([a.synced, b.synced])
    await assertStillServing(server.url, server.store, a, b, [small.id])
  } finally { a.destroy(); b.destroy() }
})
