/**
 * A host that opens connection after connection against a real server:
 * past the configured number of open connections from one address, new
 * ones are closed at once (and logged), so that one host cannot use up the
 * server's sockets; other addresses, and the same host once it closes some,
 * are served.
 */
import assert from 'node:assert/strict'
import type { Socket } from 'node:net'
import { after, before, test } from 'node:test'
import { MemoryLogger } from '../log.js'
import { startTestServer, type TestServer } from '../test/helpers.js'
import { closedWithin, rawTcp } from './raw-socket.js'

const logger = new MemoryLogger()
let server: TestServer
// clients reach this server directly (no proxy trusted: loopback would be one by default, and its connections not counted)
before(async () => { server = await startTestServer({ maxConnectionsPerAddress: 5, logger, trustProxy: false }) })
after(async () => { await server.close() })

/** A raw TCP connection from `address` (a loopback address of this host). */
const open = (address = '127.0.0.1') => rawTcp(server.port, address)

/** GET /api/health over socket `s` (HTTP/1.1 by hand); resolves with the status line. */
function health(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = ''
    s.on('data', d => { answer += d.toString('latin1'); if (answer.includes('\r\n')) resolve(answer.slice(0, answer.indexOf('\r\n'))) })
    s.on('close', () => reject(new Error(`closed before answering (${JSON.stringify(answer)})`)))
    s.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  })
}

test('past 5 open connections from one address, the next are closed at once; others are served', async () => {
  const kept = await Promise.all(Array.from({ length: 5 }, () => open()))
  const extra = await Promise.all(Array.from({ length: 3 }, () => open()))
  const closed = await Promise.all(extra.map(async s => (await closedWithin(s, 1000)) !== null))
  assert.deepEqual(closed, [true, true, true], 'the sixth to eighth connections are closed')
  assert.equal(await health(kept[0]!), 'HTTP/1.1 200 OK', 'the first five are served')
  assert.ok(logger.entries.some(e => /too many connections/.test(e.message)), 'the refusal is logged')
  // another address of this host is not affected
  const other = await open('127.0.0.2')
  assert.equal(await health(other), 'HTTP/1.1 200 OK')
  other.destroy()
  // once the host closes some, it is served again
  kept.forEach(s => s.destroy())
  await new Promise(r => setTimeout(r, 100))
  const again = await open()
  assert.equal(await health(again), 'HTTP/1.1 200 OK')
  again.destroy()
})
