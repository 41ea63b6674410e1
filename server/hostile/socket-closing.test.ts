/**
 * A socket the server has closed (throttled) whose messages are already on
 * their way, or that goes on sending, ignoring the close: each message read
 * after the throttle was a refusal that Hocuspocus printed once per
 * extension, then once more (5,000 messages in one write: 11,000 lines on
 * the console). Here a client speaks raw WebSocket frames, so it can send
 * a burst in one write and ignore the close, as an attacker would.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { after, before, test } from 'node:test'
import { MemoryLogger } from '../log.js'
import { yDocFromUpdates } from '../collab/content.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, closeCode, message, rawUpgrade, updateMessage } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger, messageRate: { perSecond: 10, burst: 20 } })
  amal = await login(server.url, 'amal')
  kenji = await login(server.url, 'kenji')
})
after(() => server.close())

/** A masked binary frame, as a client sends one. */
function clientFrame(payload: Uint8Array): Buffer {
  const mask = randomBytes(4)
  const head = payload.length < 126 ? Buffer.from([0x82, 0x80 | payload.length]) : Buffer.from([0x82, 0x80 | 126, payload.length >> 8, payload.length & 0xff])
  const body = Buffer.from(payload)
  for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ mask[i % 4]!
  return Buffer.concat([head, mask, body])
}

test('a throttled socket that keeps sending, ignoring the close, is cut off, and what it sends costs no work and no log line', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, kenji), b = connect(server.url, doc.id, kenji)
  const printed: unknown[] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => { printed.push(args) }
  try {
    await Promise.all([a.synced, b.synced])
    const raw = await rawUpgrade(server.url)
    raw.socket.write(clientFrame(authMessage(doc.id, amal)))
    await until(() => raw.received().length > 0, 5000, 'the socket has opened its document')
    // a SyncStep1 with an empty state vector: small, and answered each time
    const step = clientFrame(message(doc.id, 0, e => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())) }))
    // over the burst at once: all of them are on their way before the server has read the first
    raw.socket.write(Buffer.concat(Array.from({ length: 5000 }, () => step)))
    await until(() => closeCode(raw.received()) !== null, 5000, 'the close')
    const printedAtClose = printed.length
    // and on, never answering the close: 20,000 more
    let sent = 0
    const started = Date.now()
    while (!raw.socket.destroyed && sent < 20_000) {
      const batch = Buffer.concat(Array.from({ length: 500 }, () => step))
      if (!raw.socket.write(batch)) await new Promise(r => raw.socket.once('drain', r).once('close', r))
      sent += 500
    }
    await Promise.race([raw.closed, new Promise(r => setTimeout(r, 5000).unref())])
    assert.ok(raw.socket.destroyed || raw.socket.readableEnded, 'the server has cut the connection')
    assert.ok(Date.now() - started < 5000, 'within seconds, not the close timeout')
    // the throttle itself is a few lines (Hocuspocus prints a refusal once per extension after the one that refused)
    assert.ok(printedAtClose <= 20, `the burst printed ${printedAtClose} lines for 5,000 messages`)
    assert.equal(printed.length, printedAtClose, `what it sent after the close printed nothing (${printed.length - printedAtClose} lines for ${sent} messages)`)
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { console.error = consoleError; a.destroy(); b.destroy() }
})

test('after one refused message, the rest of a burst on that document is dropped unread: one refusal logged, a few lines printed', async () => {
  const doc = await addDocument(server.store)
  const printed: unknown[] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => { printed.push(args) }
  try {
    const raw = await rawUpgrade(server.url)
    raw.socket.write(clientFrame(authMessage(doc.id, amal)))
    await until(() => raw.received().length > 0, 5000, 'the socket has opened its document')
    const loggedBefore = logger.entries.filter(e => e.fields.user === 'amal').length
    // not a Yjs update: each one is refused, and 15 of them fit under the message rate's burst of 20
    const garbage = clientFrame(updateMessage(doc.id, new Uint8Array([1, 2, 3, 4, 5])))
    raw.socket.write(Buffer.concat(Array.from({ length: 15 }, () => garbage)))
    await until(() => printed.length > 0, 5000, 'the refusal')
    await new Promise(r => setTimeout(r, 500))
    const logged = logger.entries.filter(e => e.fields.user === 'amal').length - loggedBefore
    assert.equal(logged, 1, 'one refusal logged, not one per message')
    assert.ok(printed.length <= 10, `${printed.length} lines printed for 15 refused messages`)
    raw.socket.destroy()
  } finally { console.error = consoleError }
})

test('a client that sends its last change and closes at once (a tab closed) has it stored: only a close the server made drops messages', async () => {
  const doc = await addDocument(server.store)
  const raw = await rawUpgrade(server.url)
  raw.socket.write(clientFrame(authMessage(doc.id, amal)))
  await until(() => raw.received().length > 0, 5000, 'the socket has opened its document')
  // the last keystrokes, written against the stored document, then the close frame, in one write
  const local = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const before = Y.encodeStateVector(local)
  titleText(local).insert(0, 'last words ')
  const close = Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8])   // masked close frame, 1000, mask of zeros
  raw.socket.write(Buffer.concat([clientFrame(updateMessage(doc.id, Y.encodeStateAsUpdate(local, before))), close]))
  await until(async () => titleText(yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)).toString().startsWith('last words '), 5000, 'the last change stored')
  raw.socket.destroy()
})
