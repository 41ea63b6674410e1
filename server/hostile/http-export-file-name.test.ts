/**
 * A document's title names its exported files (export/file-name.ts), cut to
 * 80 UTF-16 units. The cut could split a character written as a surrogate
 * pair (a Han character outside the Basic Multilingual Plane, as Chinese
 * titles may hold, a mathematical letter): the file name then ended with
 * half a character, the answer's `filename*` (encodeURIComponent) threw,
 * and every export of that document, in every format, was answered 400
 * "malformed percent-encoding in the address" once all its work was done (a
 * PDF printed first). Any drafter could title a proposal so (a title is 300
 * characters). Now the name is cut between characters.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createDocument } from '../documents.js'
import { addDocument, connect, login, sampleJSON, startTestServer, type TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

test('a title of characters outside the BMP names its exports; none is refused', async () => {
  // 'a' and 50 CJK Extension B characters: the 80th unit of the name is the first half of one
  const title = `a${'\u{20000}'.repeat(50)}`
  const doc = await createDocument(server.store, { title, delegations: ['APT'], shared: false }, sampleJSON(), null)
  const amal = await login(server.url, 'amal')
  for (const format of ['docx', 'docx-static', 'html']) {
    const r = await fetch(`${server.url}/api/documents/${doc.id}/export?format=${format}`, { headers: { authorization: `Bearer ${amal}` } })
    const body = Buffer.from(await r.arrayBuffer())
    assert.equal(r.status, 200, `${format}: ${body.toString().slice(0, 200)}`)
    const named = /filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1]
    assert.ok(named, `${format}: named`)
    const name = decodeURIComponent(named)
    assert.ok(name.startsWith(`a${'\u{20000}'.repeat(39)}`), `${format}: ${name}`)
    assert.doesNotMatch(name, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, `${format}: whole characters only`)
  }
  const small = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Small' })
  const kenji = await login(server.url, 'kenji')
  const a = connect(server.url, small.id, amal), b = connect(server.url, small.id, kenji)
  try {
    await Promise.all([a.synced, b.synced])
    await assertStillServing(server.url, server.store, a, b, [small.id])
  } finally { a.destroy(); b.destroy() }
})
