/**
 * Uploads one account may have in flight to the import routes. A file
 * import's body (20 MB at most, after decompression: `Content-Encoding:
 * gzip` is read) and a text import's (6 MB) are held in memory while they
 * arrive, and the work pool's share of two jobs per user is only looked at
 * once a body is whole. A Secretariat account sending twelve gzip bodies of
 * 19 KB that inflate to 19 MB each, all but their last bytes, then nothing
 * (a request may take 120 s), had the server hold 228 MB for as long, and
 * as many more as its connections (256 from one address): 5 GB for 5 MB
 * sent. Now one account has at most as many uploads in flight as its share
 * of the work pool holds jobs; the next is answered 503 at once, before its
 * body is read, and the connection closed. Uploads of others go on.
 */
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import type { Socket } from 'node:net'
import { after, before, test } from 'node:test'
import { addDocument, connect, login, startTestServer, type TestServer } from '../test/helpers.js'
import { assertStillServing, rawTcp } from './raw-socket.js'

let server: TestServer
let sec = ''
before(async () => {
  server = await startTestServer()
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

/** An upload sent all but its last 64 bytes, then held: its socket and the status line and headers answered so far. */
async function stalledUpload(path: string, token: string, contentType: string, body: Buffer): Promise<{ socket: Socket; answer(): string }> {
  const socket = await rawTcp(Number(new URL(server.url).port))
  let got = ''
  socket.on('data', d => { got += d.toString('latin1') })
  socket.on('error', () => undefined)
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${contentType}\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`)
  socket.write(body.subarray(0, body.length - 64))
  return { socket, answer: () => got.includes('\r\n\r\n') ? got.slice(0, got.indexOf('\r\n\r\n')) : '' }
}

test('a Secretariat account holding twelve stalled gzip uploads has two read; the others are refused 503 before their bodies', { timeout: 60_000 }, async t => {
  const file = gzipSync(Buffer.alloc(19 * 1024 * 1024, 0x61))
  const text = gzipSync(Buffer.from(JSON.stringify({ title: 'T', text: 'a'.repeat(5_000_000) })))
  const uploads = []
  for (let k = 0; k < 12; k++) {
    uploads.push(k % 3 === 2
      ? await stalledUpload('/api/documents', sec, 'application/json', text)
      : await stalledUpload('/api/imports/resolution/preview', sec, 'application/octet-stream', file))
  }
  try {
    // the refusals are answered at once; the two read wait for their last bytes
    const deadline = performance.now() + 10_000
    while (uploads.filter(u => u.answer()).length < 10 && performance.now() < deadline) await new Promise(r => setTimeout(r, 50))
    const answers = uploads.map(u => u.answer().split('\r\n')[0] ?? '')
    t.diagnostic(`answered while stalled: ${answers.map(a => a || '(none)').join(' | ')}`)
    const refused = uploads.filter(u => /^HTTP\/1\.1 503/.test(u.answer()))
    assert.equal(refused.length, 10, 'all but two refused at once')
    assert.ok(refused.every(u => /\r\nconnection: close/i.test(u.answer()) && /\r\nretry-after: \d+/i.test(u.answer())), 'refused with Retry-After, the connection closed')
    assert.equal(uploads.filter(u => !u.answer()).length, 2, 'two are being read')
    // another user's upload meanwhile is read (refused for want of rights after its headers, as always) and sign-ins go on
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
  } finally { for (const u of uploads) u.socket.destroy() }
  // once the held uploads are gone, the account uploads again
  await new Promise(r => setTimeout(r, 200))
  const again = await fetch(`${server.url}/api/imports/resolution/preview`, { method: 'POST', headers: { authorization: `Bearer ${sec}`, 'content-type': 'application/octet-stream' }, body: 'not a resolution' })
  await again.arrayBuffer()
  assert.equal(again.status, 422)
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Small' })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([a.synced, b.synced])
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { a.destroy(); b.destroy() }
})
