/**
 * Hostile frames on the collaboration socket (issue 10, item 1): before
 * signing in and after, nothing a client sends may stop the server. Each
 * case checks the close code, then that the server still serves everyone
 * else and every stored document is valid.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { REFUSED_INVALID, REFUSED_TOO_LARGE } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import type { DocumentMeta } from '../store/types.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, closeCode, message, rawUpgrade, updateMessage, wsClient } from './raw-socket.js'

let server: TestServer
let doc: DocumentMeta
let a: Client, b: Client
let amal: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  doc = await addDocument(server.store)
  amal = await login(server.url, 'amal')
  a = connect(server.url, doc.id, amal)
  b = connect(server.url, doc.id, await login(server.url, 'kenji'))
  await Promise.all([a.synced, b.synced])
})
after(async () => { a.destroy(); b.destroy(); await server.close() })

const stillServing = () => assertStillServing(server.url, server.store, a, b, [doc.id])

test('an unmasked frame before signing in closes that connection with 1002 (protocol error), nothing else', async () => {
  const raw = await rawUpgrade(server.url)
  raw.socket.write(Buffer.from([0x82, 0x00]))
  await raw.closed
  assert.equal(closeCode(raw.received()), 1002)
  await stillServing()
  assert.ok(logger.entries.some(e => /protocol error/.test(e.message) && /MASK/.test(String(e.fields.error))), 'logged')
})

test('a 3 MiB frame before signing in closes that connection with 1009 (too big)', async () => {
  const c = await wsClient(server.url)
  c.ws.send(new Uint8Array(3 * 1024 * 1024))
  assert.equal((await c.closed).code, 1009)
  await stillServing()
})

test('a 3 MiB frame announced by its header alone is refused before it arrives', async () => {
  const raw = await rawUpgrade(server.url)
  // FIN + binary, masked, 64-bit length of 3 MiB, a mask, and no payload
  const header = Buffer.alloc(14)
  header[0] = 0x82; header[1] = 0x80 | 127
  header.writeBigUInt64BE(BigInt(3 * 1024 * 1024), 2)
  raw.socket.write(header)
  await raw.closed
  assert.equal(closeCode(raw.received()), 1009)
  await stillServing()
})

test('a 10 MB Yjs update from a signed-in drafter closes that connection with 1009', async () => {
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, amal))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  const big = new Y.Doc()
  big.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('x'.repeat(10_000_000))])
  c.ws.send(updateMessage(doc.id, Y.encodeStateAsUpdate(big)))
  assert.equal((await c.closed).code, 1009)
  await stillServing()
})

test('a 1.5 MB update (under the frame limit, over the message limit) is refused with its own code and logged', async () => {
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, amal))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  const big = new Y.Doc()
  big.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('x'.repeat(1_500_000))])
  c.ws.send(updateMessage(doc.id, Y.encodeStateAsUpdate(big)))
  await until(() => logger.entries.some(e => e.message === 'update refused' && e.fields.code === REFUSED_TOO_LARGE), 3000, 'refusal logged')
  const entry = logger.entries.find(e => e.message === 'update refused' && e.fields.code === REFUSED_TOO_LARGE)!
  assert.equal(entry.fields.document, doc.id)
  assert.equal(entry.fields.user, 'amal')
  c.ws.close()
  await stillServing()
})

test('malformed Hocuspocus messages (bad varint, truncated, bad UTF-8 name) are closed cleanly, before and after signing in', async () => {
  const cases: Uint8Array[] = [
    new Uint8Array(12).fill(0xff), // a varint that never ends
    new Uint8Array([0x05, 0x61]), // a document name longer than the message
    new Uint8Array([0x02, 0xff, 0xfe, 0x02, 0x00, 0x00]), // a name that is not UTF-8
    new Uint8Array([])
  ]
  for (const bytes of cases) {
    const c = await wsClient(server.url)
    c.ws.send(bytes)
    const { code } = await Promise.race([c.closed, new Promise<{ code: number }>(r => setTimeout(() => r({ code: -1 }), 1500))])
    if (code === -1) c.ws.close() // the server may also just wait for a valid message
    await stillServing()
  }
  // after signing in: a sync message whose update is cut short, and one whose document name is not UTF-8
  const truncated = updateMessage(doc.id, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))
  const signedIn = [truncated.subarray(0, truncated.length - 4), message(doc.id, 0, e => { e.cbuf[e.cpos++] = 2; e.cbuf[e.cpos++] = 0xff })]
  for (const bytes of signedIn) {
    const c = await wsClient(server.url)
    c.ws.send(authMessage(doc.id, amal))
    await until(() => c.messages.length > 0, 3000, 'authenticated')
    c.ws.send(bytes)
    await until(() => logger.entries.some(e => e.message === 'update refused' && e.fields.code === REFUSED_INVALID), 3000, 'refused')
    c.ws.close()
    await stillServing()
  }
})

test('a reset in the middle of a handshake and garbage instead of HTTP do not stop the server', async () => {
  const { connect: tcp } = await import('node:net')
  const { hostname, port } = new URL(server.url)
  for (const payload of ['GET /collab HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n', '\x00\x01\x02 not http\r\n\r\n']) {
    const s = tcp(Number(port), hostname)
    s.on('error', () => undefined)
    await new Promise<void>(r => s.on('connect', () => r()))
    s.write(payload)
    await new Promise(r => setTimeout(r, 50))
    s.resetAndDestroy()
  }
  await stillServing()
})

test('messages queued before signing in are bounded: a flood without a token is closed with 1008', async () => {
  const c = await wsClient(server.url)
  // sync messages for a document, never an authentication: Hocuspocus would queue them all until one arrives
  const step = message(doc.id, 0, e => { e.cbuf[e.cpos++] = 0; e.cbuf[e.cpos++] = 0 })
  const filler = new Uint8Array(512 * 1024)
  filler.set(step)
  for (let i = 0; i < 40 && c.ws.readyState === c.ws.OPEN; i++) c.ws.send(filler)
  const { code } = await Promise.race([c.closed, new Promise<{ code: number }>(r => setTimeout(() => r({ code: -1 }), 3000))])
  assert.equal(code, 1008)
  assert.ok(logger.entries.some(e => /before authentication/.test(e.message)))
  await stillServing()
})

test('after signing in, messages queued for a document the socket never opens are bounded too: closed with 1008', async () => {
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, amal))
  await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
  // a document name it never authenticates: Hocuspocus would queue these until an authentication for it arrives
  const step = message('never-opened', 0, e => { e.cbuf[e.cpos++] = 0; e.cbuf[e.cpos++] = 0 })
  const filler = new Uint8Array(512 * 1024)
  filler.set(step)
  for (let i = 0; i < 40 && c.ws.readyState === c.ws.OPEN; i++) c.ws.send(filler)
  const { code } = await Promise.race([c.closed, new Promise<{ code: number }>(r => setTimeout(() => r({ code: -1 }), 3000))])
  assert.equal(code, 1008)
  assert.ok(logger.entries.some(e => /document it has not opened/.test(e.message)))
  await stillServing()
})

test('a socket that asks for the whole document again and again without reading the answers is closed', async () => {
  // a document of about 1.5 MB: each SyncStep1 with an empty state vector is answered with all of it
  const big = await addDocument(server.store)
  const writer = connect(server.url, big.id, amal)
  try {
    await writer.synced
    for (let k = 0; k < 15; k++) writer.doc.transact(() => titleText(writer.doc).insert(0, `${k} `.padEnd(100_000, 'x')))
    await until(() => !writer.provider.hasUnsyncedChanges, 20_000, 'the document is large')
  } finally { writer.destroy() }
  const c = await wsClient(server.url)
  c.ws.send(authMessage(big.id, amal))
  await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
  ;(c.ws as unknown as { _socket: { pause(): void } })._socket.pause()   // never read again
  const askAll = message(big.id, 0, e => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())) })
  for (let i = 0; i < 60; i++) { c.ws.send(askAll); await new Promise(r => setTimeout(r, 10)) }
  await until(() => logger.entries.some(e => /does not read what it is sent/.test(e.message)), 10_000, 'closed and logged')
  await stillServing()
})

test('messages for a document whose connection was closed (its update refused) are bounded too', async () => {
  const c = await wsClient(server.url)
  c.ws.send(authMessage(doc.id, amal))
  await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
  c.ws.send(updateMessage(doc.id, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])))   // refused: the document's connection is closed, the socket stays
  await new Promise(r => setTimeout(r, 300))
  const step = message(doc.id, 0, e => { e.cbuf[e.cpos++] = 0; e.cbuf[e.cpos++] = 0 })
  const filler = new Uint8Array(512 * 1024)
  filler.set(step)
  for (let i = 0; i < 40 && c.ws.readyState === c.ws.OPEN; i++) c.ws.send(filler)
  const { code } = await Promise.race([c.closed, new Promise<{ code: number }>(r => setTimeout(() => r({ code: -1 }), 3000))])
  assert.ok(code === 1008 || code === 4400 || code === 1005 || code === 1006, `closed (${code})`)
  await stillServing()
})

test('before signing in, frames whose document name is not UTF-8 are counted like the others', async () => {
  const c = await wsClient(server.url)
  for (let i = 0; i < 300 && c.ws.readyState === c.ws.OPEN; i++) c.ws.send(new Uint8Array([2, 0xc3, 0x28, 0]))
  const { code } = await Promise.race([c.closed, new Promise<{ code: number }>(r => setTimeout(() => r({ code: -1 }), 3000))])
  assert.ok(code !== -1, 'closed')
  const traces = logger.entries.filter(e => /messageHandler|TypeError/.test(JSON.stringify(e))).length
  assert.ok(traces < 110, `at most the bound's worth of errors (${traces})`)
  await stillServing()
})

test('a socket that never reads nor sends, while others write, is ended once too much waits for it', async () => {
  const big = await addDocument(server.store)
  const c = await wsClient(server.url)
  c.ws.send(authMessage(big.id, amal))
  await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
  ;(c.ws as unknown as { _socket: { pause(): void } })._socket.pause()   // never read again, never send
  const writer = connect(server.url, big.id, await login(server.url, 'kenji'))
  try {
    await writer.synced
    for (let k = 0; k < 200 && !logger.entries.some(e => /does not read what it is sent/.test(e.message)); k++) {
      writer.doc.transact(() => titleText(writer.doc).insert(0, 'x'.repeat(400_000)))
      writer.doc.transact(() => titleText(writer.doc).delete(0, 400_000))
      await new Promise(r => setTimeout(r, 30))
    }
    await until(() => logger.entries.some(e => /does not read what it is sent/.test(e.message)), 10_000, 'ended and logged')
  } finally { writer.destroy() }
  await stillServing()
})
