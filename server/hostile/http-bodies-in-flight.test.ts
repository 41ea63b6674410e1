/**
 * Request bodies one account may have on their way to the server at once
 * (server/api/bodies-in-flight.ts). A body is held in memory while it
 * arrives, up to its route's limit after decompression (`Content-Encoding:
 * gzip` is read), a request may take 120 s, and what a route does with it
 * is looked at once it is whole:
 *
 * - a Secretariat account sending twelve gzip bodies of 19 KB that inflate
 *   to 19 MB each to the import routes, all but their last bytes, then
 *   nothing, had the server hold 228 MB for as long, and as many more as
 *   its connections (256 from one address): 5 GB for 5 MB sent. One account
 *   now has at most as many imports on their way as its share of the work
 *   pool holds jobs (two);
 * - a reviewer doing the same with JSON bodies of 1 KB of gzip that inflate
 *   to 1 MB (any route of a signed-in user) had it hold 42 MB for 40 of
 *   them, 270 MB from one address. One account now has at most 16 requests
 *   with a body on their way.
 *
 * The next is answered 503 at once, before its body is read, and the
 * connection closed; requests without a body, and other users, go on.
 */
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import type { Socket } from 'node:net'
import { after, before, test } from 'node:test'
import { addDocument, connect, login, startTestServer, type TestServer } from '../test/helpers.js'
import { SIGNED_IN_BODIES_PER_USER } from '../api/router.js'
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
  await stillServing()
})

test('a reviewer holding twenty stalled gzip JSON bodies has sixteen read; the others are refused 503 before their bodies, her reads go on', { timeout: 60_000 }, async t => {
  const rita = await login(server.url, 'rita')
  const body = gzipSync(Buffer.from(JSON.stringify({ name: 'x'.repeat(1024 * 1024 - 20) })))
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true, title: 'Read' })
  const requests = []
  for (let k = 0; k < SIGNED_IN_BODIES_PER_USER + 4; k++) requests.push(await stalledUpload(`/api/documents/${doc.id}/versions`, rita, 'application/json', body))
  try {
    const deadline = performance.now() + 10_000
    while (requests.filter(u => u.answer()).length < 4 && performance.now() < deadline) await new Promise(r => setTimeout(r, 50))
    t.diagnostic(`answered while stalled: ${requests.map(u => u.answer().split('\r\n')[0] || '(none)').join(' | ')}`)
    const refused = requests.filter(u => /^HTTP\/1\.1 503/.test(u.answer()))
    assert.equal(refused.length, 4, 'all but sixteen refused at once')
    assert.ok(refused.every(u => /\r\nconnection: close/i.test(u.answer()) && /\r\nretry-after: \d+/i.test(u.answer())), 'refused with Retry-After, the connection closed')
    assert.equal(requests.filter(u => !u.answer()).length, SIGNED_IN_BODIES_PER_USER, 'sixteen are being read')
    // a read has no body: it is answered meanwhile
    const read = await fetch(`${server.url}/api/documents/${doc.id}`, { headers: { authorization: `Bearer ${rita}` } })
    await read.arrayBuffer()
    assert.equal(read.status, 200)
  } finally { for (const u of requests) u.socket.destroy() }
  await stillServing()
})

/** After an attack: health answers and two peers converge. */
async function stillServing(): Promise<void> {
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Small' })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([a.synced, b.synced])
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { a.destroy(); b.destroy() }
}
