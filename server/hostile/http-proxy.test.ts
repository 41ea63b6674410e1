/**
 * A server behind a reverse proxy on its own machine (nginx or Caddy ending
 * TLS: the usual way to serve a conference network). Every delegate then
 * reaches the server from the proxy's address, so bounds counted per address
 * must count the delegates, by the address the proxy forwards
 * (`X-Forwarded-For`), and believe that header from trusted proxies only
 * (`TRUST_PROXY`, loopback unless set). Without it, a room of 150 delegates
 * opening the app at once was held to the handshake burst of one address,
 * and the connections of all of them to the open-connection bound of one.
 */
import assert from 'node:assert/strict'
import type { Socket } from 'node:net'
import { test } from 'node:test'
import { startTestServer, type TestServer } from '../test/helpers.js'
import { closedWithin, rawTcp, rawUpgrade } from './raw-socket.js'

/** Opens `count` collaboration sockets, the k-th with the forwarded address `from(k)`; counts those let in and those refused. */
async function openSockets(server: TestServer, count: number, from: (k: number) => string): Promise<{ opened: number; refused: string[] }> {
  const results = await Promise.allSettled(Array.from({ length: count }, (_, k) => rawUpgrade(server.url, { 'X-Forwarded-For': from(k) })))
  for (const r of results) if (r.status === 'fulfilled') r.value.socket.destroy()
  return {
    opened: results.filter(r => r.status === 'fulfilled').length,
    refused: results.flatMap(r => r.status === 'rejected' ? [(r.reason as Error).message] : [])
  }
}

const delegate = (k: number) => `10.1.${k >> 8}.${k & 255}`

test('behind a proxy on the same machine, 150 delegates opening their sockets at once are all let in; one delegate alone is still held to its burst', async () => {
  const server = await startTestServer()
  try {
    const room = await openSockets(server, 150, delegate)
    assert.equal(room.opened, 150, `refused: ${room.refused.slice(0, 3).join('; ')}`)
    const one = await openSockets(server, 120, () => '10.2.0.1')
    assert.ok(one.refused.length >= 15 && one.refused.every(m => / 429 /.test(m)), `one delegate's 120 handshakes: ${one.opened} let in`)
  } finally { await server.close() }
})

test('a peer that is not a trusted proxy cannot choose its address with a header', async () => {
  const server = await startTestServer({ trustProxy: '192.0.2.1' })
  try {
    const spoofed = await openSockets(server, 120, delegate)
    assert.ok(spoofed.refused.length >= 15 && spoofed.refused.every(m => / 429 /.test(m)), `${spoofed.opened} of 120 let in`)
  } finally { await server.close() }
})

test("a trusted proxy's connections are not held to the bound of one address (the proxy bounds its clients'); an untrusted host's are", async () => {
  const health = (s: Socket) => new Promise<string>((resolve, reject) => {
    let answer = ''
    s.on('data', d => { answer += d.toString('latin1'); if (answer.includes('\r\n')) resolve(answer.slice(0, answer.indexOf('\r\n'))) })
    s.on('close', () => reject(new Error('closed before answering')))
    s.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 10.3.0.1\r\n\r\n')
  })
  const behindProxy = await startTestServer({ maxConnectionsPerAddress: 5 })
  try {
    const sockets = await Promise.all(Array.from({ length: 8 }, () => rawTcp(behindProxy.port)))
    assert.deepEqual(await Promise.all(sockets.map(health)), Array(8).fill('HTTP/1.1 200 OK'))
    sockets.forEach(s => s.destroy())
  } finally { await behindProxy.close() }
  const direct = await startTestServer({ maxConnectionsPerAddress: 5, trustProxy: false })
  try {
    const sockets = await Promise.all(Array.from({ length: 8 }, () => rawTcp(direct.port)))
    const closed = await Promise.all(sockets.slice(5).map(async s => (await closedWithin(s, 1000)) !== null))
    assert.deepEqual(closed, [true, true, true])
    sockets.forEach(s => s.destroy())
  } finally { await direct.close() }
})
