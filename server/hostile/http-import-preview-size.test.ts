/**
 * An import is previewed, then confirmed: the preview stores nothing and
 * says what the import will make of the file. A file within the importer's
 * limits whose document is past the size every document is held to
 * (MAX_DOCUMENT_BYTES: a 9.4 MB text of 2,900 long provisions, 9.7 MB as a
 * shared document) was previewed 200 with no word of it, and the confirm
 * that followed was refused 413, after the Secretariat had read the preview
 * and named the version. The preview now refuses it as the import will:
 * 413 too-large, with the same message (the size it names differs by a
 * few bytes between two imports: each makes fresh random ids).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec = ''
before(async () => {
  server = await startTestServer()
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

const head = 'RESOLUTION 50 (Rev. Dubai, 2012)\nCybersecurity\nThe World Telecommunication Standardization Assembly (Dubai, 2012),\nresolves\n'

/** Sends `text` as a file to `path`; the status and the answer. */
async function send(path: string, text: string): Promise<{ status: number; body: { code?: string; error?: string } }> {
  const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${sec}`, 'content-type': 'application/octet-stream' }, body: text })
  return { status: r.status, body: await r.json() as { code?: string; error?: string } }
}

test('a file whose document is past the size limit is refused by the preview as by the import, and nothing is stored', { timeout: 60_000 }, async () => {
  const text = head + Array.from({ length: 2900 }, (_, i) => `${i + 1}\tthat ${'lorem ipsum dolor sit amet '.repeat(120)};`).join('\n')
  const documents = (await (await fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${sec}` } })).json() as unknown[]).length
  const preview = await send('/api/imports/resolution/preview', text)
  const confirm = await send('/api/imports/resolution?title=T&version=V', text)
  assert.equal(confirm.status, 413)
  // the same words; the size differs by a few bytes from one import to the next (each makes fresh random ids)
  const sizeless = (answer: typeof preview) => ({ ...answer, body: { ...answer.body, error: answer.body.error?.replace(/take \d+ bytes/, 'take N bytes') } })
  assert.match(preview.body.error ?? '', /the document would take \d+ bytes, over the limit of 8388608/)
  assert.deepEqual(sizeless(preview), sizeless(confirm), 'the preview says what the import does')
  assert.equal(preview.body.code, 'too-large')
  assert.equal((await (await fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${sec}` } })).json() as unknown[]).length, documents, 'nothing stored')
  // a file within the limit is previewed as before
  const small = await send('/api/imports/resolution/preview', head + '1\tthat a;\n')
  assert.equal(small.status, 200)
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
})
