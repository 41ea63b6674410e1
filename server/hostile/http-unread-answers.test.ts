/**
 * What one account's answers may hold in the server while they wait to be
 * read. A reviewer asked again and again for a compilation of 75 MB (made
 * afresh for each request: too large to be shared) and read each answer a
 * millisecond every 20 s, which the stall sweep (http/stalled-answers.ts)
 * counts as progress: the server grew from 0.6 to 3.1 GB in two minutes,
 * in buffers the memory check does not see (a fuzzing helper). Past the
 * bytes one account's answers may have waiting, its next request is refused
 * (503 busy, Retry-After) before any work is done for it; others are served.
 */
import assert from 'node:assert/strict'
import type { Socket } from 'node:net'
import { after, before, test } from 'node:test'
import { createDocument } from '../documents.js'
import { op, prov, res } from '../../schema/builders.js'
import { login, startTestServer, type TestServer } from '../test/helpers.js'
import { rawTcp } from './raw-socket.js'

let server: TestServer
let documentId = ''
before(async () => {
  server = await startTestServer({ unreadAnswerBytesPerUser: 1024 * 1024 })
  // a document of about 5.7 MB: more than the socket buffers between the two ends hold while one does not read
  const words = Array.from({ length: 700 }, (_, k) => `word${k}`).join(' ')
  const big = res({ heading: 'RESOLUTION 1 (Test, 2024)', title: 'Large' }, op('resolves', ...Array.from({ length: 1000 }, (_, k) => prov(`${k} ${words}`, { id: `p${k}` }))))
  documentId = (await createDocument(server.store, { title: 'Large', delegations: ['APT'], shared: true }, big.toJSON(), null)).id
})
after(async () => { await server.close() })

/** Asks for the large document on a socket of its own that reads nothing yet. */
async function askUnread(token: string): Promise<Socket> {
  const s = await rawTcp(server.port)
  s.on('error', () => undefined)
  s.write(`GET /api/documents/${documentId} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`)
  s.pause()
  return s
}

/** The status line of the answer waiting on `s` (read now). */
function statusLine(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let head = ''
    const timer = setTimeout(() => reject(new Error('no answer')), 10_000)
    s.on('data', d => {
      head += d.toString('latin1')
      const end = head.indexOf('\r\n')
      if (end >= 0) { clearTimeout(timer); resolve(head.slice(0, end)); s.pause() }
    })
    s.resume()
  })
}

test('past the bytes its answers may have waiting unread, an account\'s next request is refused busy before any work; other accounts are served, and it is served again once it reads', async () => {
  const [kenji, amal] = await Promise.all([login(server.url, 'kenji'), login(server.url, 'amal')])
  const first = await askUnread(kenji)
  // the first answer is made and handed over, and waits unread
  await new Promise(r => setTimeout(r, 1000))
  const more = await Promise.all([askUnread(kenji), askUnread(kenji)])
  const lines = await Promise.all(more.map(statusLine))
  assert.deepEqual(lines.map(l => l.split(' ')[1]), ['503', '503'], lines.join(' | '))
  const refused = await fetch(`${server.url}/api/documents/${documentId}`, { headers: { authorization: `Bearer ${kenji}` } })
  assert.equal(refused.status, 503)
  assert.ok(Number(refused.headers.get('retry-after')) > 0, 'told when to ask again')
  assert.deepEqual([(await refused.json() as { code: string }).code], ['busy'])
  const other = await fetch(`${server.url}/api/documents/${documentId}`, { headers: { authorization: `Bearer ${amal}` } })
  assert.equal(other.status, 200, 'another account is served')
  assert.ok((await other.arrayBuffer()).byteLength > 5_600_000)
  // the first answer read to its end: the account is served again
  first.resume()
  await new Promise(r => setTimeout(r, 1000))
  const again = await fetch(`${server.url}/api/documents/${documentId}`, { headers: { authorization: `Bearer ${kenji}` } })
  assert.equal(again.status, 200)
  await again.arrayBuffer()
  for (const s of [first, ...more]) s.destroy()
})
