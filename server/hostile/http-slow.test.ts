/**
 * Slow clients against a real server: a connection that trickles its
 * request headers (slowloris) or its body is closed once the configured
 * time is up, so that a few hosts on a conference network cannot hold the
 * server's sockets; everyone else keeps being served. (Short limits here;
 * the defaults are in server/config.ts.)
 */
import assert from 'node:assert/strict'
import type { Socket } from 'node:net'
import { after, before, test } from 'node:test'
import { startTestServer, type TestServer } from '../test/helpers.js'
import { closedWithin, rawTcp } from './raw-socket.js'

let server: TestServer
before(async () => { server = await startTestServer({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 }) })
after(async () => { await server.close() })

/** Writes `chunks` one every `everyMs` while the socket is open. */
function trickle(s: Socket, chunks: string[], everyMs: number): void {
  let k = 0
  const timer = setInterval(() => {
    if (s.destroyed || k >= chunks.length) { clearInterval(timer); return }
    s.write(chunks[k++]!)
  }, everyMs)
  s.on('close', () => clearInterval(timer))
}

async function healthAnswers(): Promise<void> {
  const r = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2000) })
  assert.equal(r.status, 200)
  await r.arrayBuffer()
}

test('connections that trickle their headers are closed after the header time limit; health keeps answering', async () => {
  const sockets = await Promise.all(Array.from({ length: 40 }, () => rawTcp(server.port)))
  const closed = sockets.map(s => closedWithin(s, 8000).then(ms => ms ?? Infinity))
  for (const s of sockets) {
    s.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    trickle(s, Array.from({ length: 100 }, (_, k) => `X-Slow-${k}: a\r\n`), 200)
  }
  await healthAnswers()
  const times = await Promise.all(closed)
  sockets.forEach(s => s.destroy())
  assert.ok(Math.max(...times) < 4000, `every slow-header connection closed within 4 s (slowest ${Math.round(Math.max(...times))} ms)`)
  await healthAnswers()
})

test('a connection that sends nothing at all is closed too', async () => {
  const s = await rawTcp(server.port)
  const ms = await closedWithin(s, 8000) ?? Infinity
  s.destroy()
  assert.ok(ms < 4000, `closed within 4 s (${Math.round(ms)} ms)`)
})

test('a request whose body trickles in is stopped at the request time limit', async () => {
  const s = await rawTcp(server.port)
  const closed = closedWithin(s, 10_000).then(ms => ms ?? Infinity)
  let answer = ''
  s.on('data', d => { answer += d.toString('latin1') })
  s.write('POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n{')
  trickle(s, Array.from({ length: 200 }, () => ' '), 100)
  const ms = await closed
  s.destroy()
  assert.ok(ms < 6000, `closed within 6 s (${Math.round(ms)} ms)`)
  assert.match(answer, /^HTTP\/1\.1 408/, 'answered 408 Request Timeout')
  await healthAnswers()
})

test('a connection that stops reading a large answer is closed once the answer has made no progress for the configured time; others are served', async () => {
  const stalling = await startTestServer({ responseStallMs: 1500 })
  try {
    // a document of about 5.7 MB: more than the socket buffers between the two ends hold while one does not read
    const { createDocument } = await import('../documents.js')
    const { op, prov, res } = await import('../../schema/builders.js')
    const words = Array.from({ length: 700 }, (_, k) => `word${k}`).join(' ')
    const big = res({ heading: 'RESOLUTION 1 (Test, 2024)', title: 'Large' }, op('resolves', ...Array.from({ length: 1000 }, (_, k) => prov(`${k} ${words}`, { id: `p${k}` }))))
    const doc = await createDocument(stalling.store, { title: 'Large', delegations: ['APT'], shared: true }, big.toJSON(), null)
    const { login } = await import('../test/helpers.js')
    const token = await login(stalling.url, 'kenji')
    const sockets = await Promise.all(Array.from({ length: 3 }, () => rawTcp(stalling.port)))
    for (const s of sockets) {
      s.write(`GET /api/documents/${doc.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`)
      s.pause()
    }
    // not read for three seconds: the server has closed them by then, so that reading now ends early, the answer cut short
    await new Promise(r => setTimeout(r, 3000))
    const received = await Promise.all(sockets.map(s => new Promise<number | null>(resolve => {
      let bytes = 0
      const timer = setTimeout(() => resolve(null), 8000)
      s.on('data', d => { bytes += d.length })
      s.on('close', () => { clearTimeout(timer); resolve(bytes) })
      s.on('error', () => undefined)
      s.resume()
    })))
    assert.ok(received.every(b => b !== null && b < 5_600_000), `closed, with part of the answer: ${received.join(' ')}`)
    // a reader that reads steadily, if slowly (longer than the stall time in all), gets the whole answer
    const steady = await rawTcp(stalling.port)
    steady.write(`GET /api/documents/${doc.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`)
    steady.pause()
    const steadyBytes = await new Promise<number>(resolve => {
      let bytes = 0
      const started = performance.now()
      const pull = setInterval(() => {
        // about 1.5 MB a second: the answer takes about four seconds, over twice the stall time
        for (let k = 0; k < 3; k++) { const chunk = steady.read(16384) as Buffer | null; if (chunk) bytes += chunk.length }
      }, 30)
      steady.on('close', () => { clearInterval(pull); resolve(bytes) })
      steady.on('end', () => { clearInterval(pull); resolve(bytes) })
      steady.on('error', () => undefined)
      setTimeout(() => { clearInterval(pull); resolve(-bytes) }, 20_000)
      void started
    })
    assert.ok(steadyBytes > 5_600_000, `a steady reader got ${steadyBytes} bytes`)
    const r = await fetch(`${stalling.url}/api/health`, { signal: AbortSignal.timeout(2000) })
    assert.equal(r.status, 200)
    // a reader that reads gets the whole answer
    const whole = await fetch(`${stalling.url}/api/documents/${doc.id}`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(whole.status, 200)
    assert.ok((await whole.arrayBuffer()).byteLength > 5_600_000)
  } finally { await stalling.close() }
})
