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
