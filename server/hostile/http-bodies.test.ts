/**
 * Request bodies only the Secretariat may send (file imports, text imports)
 * are refused before they are read: any signed-in account, a reviewer's
 * too, could otherwise make the server take in 20 MB per request before
 * answering 403 (the eighth probe's reviewer: 240 such requests, the server
 * grew from 2.4 to 5 GB). The test sends the headers of a large body and a
 * few bytes of it, and reads the answer before sending the rest.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { login, startTestServer, type TestServer } from '../test/helpers.js'
import { rawTcp } from './raw-socket.js'

let server: TestServer
let rita = ''
before(async () => {
  server = await startTestServer()
  rita = await login(server.url, 'rita')
})
after(async () => { await server.close() })

/** Sends a request announcing `length` bytes of body, then 1 KB of it; resolves with the answer's first line and headers (or null when none came within 3 s). */
async function answerBeforeBody(path: string, contentType: string, length: number): Promise<string | null> {
  const s = await rawTcp(Number(new URL(server.url).port))
  try {
    let got = ''
    s.on('data', d => { got += d.toString('latin1') })
    s.on('error', () => undefined)
    s.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${rita}\r\nContent-Type: ${contentType}\r\nContent-Length: ${length}\r\n\r\n`)
    s.write(Buffer.alloc(1024, 0x20))
    const t = performance.now()
    while (!got.includes('\r\n\r\n') && performance.now() - t < 3000) await new Promise(r => setTimeout(r, 20))
    return got.includes('\r\n\r\n') ? got.slice(0, got.indexOf('\r\n\r\n')) : null
  } finally { s.destroy() }
}

test('a reviewer\'s file import is refused before its 20 MB are read', async () => {
  for (const path of ['/api/imports/resolution/preview', '/api/imports/resolution?title=T&version=V', '/api/imports/proposal/preview?base=x']) {
    const head = await answerBeforeBody(path, 'application/octet-stream', 20 * 1024 * 1024 - 1)
    assert.ok(head, `${path}: no answer before the body was sent`)
    assert.match(head, /^HTTP\/1\.1 403/, path)
  }
})

test('a reviewer\'s text import is refused before its 6 MB of JSON are read', async () => {
  const head = await answerBeforeBody('/api/documents', 'application/json', 6 * 1024 * 1024 - 1)
  assert.ok(head, 'no answer before the body was sent')
  assert.match(head, /^HTTP\/1\.1 403/)
})
