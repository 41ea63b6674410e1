/**
 * Content that waits for clocks the server never receives is let go
 * (extensions/waiting-content.ts): while anything waits in a document, every
 * keystroke of everyone in it is checked on a copy of the whole document,
 * so one update of made-up clocks, accepted as waiting, would slow the
 * document down for as long as it is loaded, and after every later load.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MemoryLogger } from '../log.js'
import { waitingBytes } from '../extensions/waiting-content.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertStillServing, updateMessage } from './raw-socket.js'

let server: TestServer
const logger = new MemoryLogger()
const tokens: Record<string, string> = {}

before(async () => {
  server = await startTestServer({ logger, waitingExpiryMs: 300 })
  for (const user of ['amal', 'kenji']) tokens[user] = await login(server.url, user)
})
after(() => server.close())

/** A deletion-only update of `ranges` one-clock ranges of `client`, at clocks nobody sent. */
function unknownDeletions(client: number, ranges: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, client); encoding.writeVarUint(e, ranges)
  for (let r = 0; r < ranges; r++) { encoding.writeVarUint(e, 100 + r * 2); encoding.writeVarUint(e, 1) }
  return encoding.toUint8Array(e)
}

const live = (id: string) => server.hocuspocus.documents.get(id)!
const dropped = (id: string) => logger.entries.filter(e => e.message === 'waiting content dropped' && e.fields.document === id)

test('deletions and content of clocks that never come wait a while, then are dropped; the document keeps serving', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const bad = connect(server.url, doc.id, tokens.amal!), a = connect(server.url, doc.id, tokens.kenji!), b = connect(server.url, doc.id, tokens.kenji!)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    // deletions of clocks its own editing session never sent (a deletion of another's, or of a session nobody has
    // heard of, is refused at once: hostile/socket-waiting-deletions.test.ts)
    titleText(bad.doc).insert(0, 'x')
    await until(() => !bad.provider.hasUnsyncedChanges, 5000, 'the sender\'s session is known')
    bad.socket.send(updateMessage(doc.id, unknownDeletions(bad.doc.clientID, 3)))
    await until(() => waitingBytes(live(doc.id)) > 0, 3000, 'the deletion waits')
    await until(() => waitingBytes(live(doc.id)) === 0, 5000, 'what waits is dropped')
    // a string of a new client after a gap in its clocks (clock 10, nothing before)
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a.doc))
    other.clientID = 4343
    const made: Uint8Array[] = []
    other.on('update', (u: Uint8Array) => made.push(u))
    titleText(other).insert(0, 'x'.repeat(10))
    titleText(other).insert(0, 'y')
    bad.socket.send(updateMessage(doc.id, made[1]!))
    await until(() => waitingBytes(live(doc.id)) > 0, 3000, 'the string after a gap waits')
    await until(() => waitingBytes(live(doc.id)) === 0, 5000, 'the string is dropped')
    assert.equal(dropped(doc.id).length, 2, JSON.stringify(dropped(doc.id)))
    assert.equal(bad.closes.length, 0, 'waiting is not a refusal')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})

test('a page whose deletion was dropped brings it back, with the text it deletes, when it syncs again', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const a = connect(server.url, doc.id, tokens.kenji!)
  await a.synced
  // the page typed before (its session is known), then typed "abc" and deleted the "b"; the "abc" went out on a
  // socket that closed, the deletion reached the server
  const first = connect(server.url, doc.id, tokens.amal!)
  await first.synced
  titleText(first.doc).insert(13, '.')
  await until(() => !first.provider.hasUnsyncedChanges, 5000, 'the page\'s first typing is acknowledged')
  first.destroy()
  const page = first.doc
  const made: Uint8Array[] = []
  page.on('update', (u: Uint8Array) => made.push(u))
  titleText(page).insert(0, 'abc')
  titleText(page).delete(1, 1)
  const sender = connect(server.url, doc.id, tokens.amal!)
  try {
    await sender.synced
    sender.socket.send(updateMessage(doc.id, made[1]!))
    await until(() => dropped(doc.id).length === 1, 5000, 'the deletion waited and was dropped')
    const back = connect(server.url, doc.id, tokens.amal!, page)
    try {
      await back.synced
      await until(() => titleText(a.doc).toString() === 'acCybersecurity.', 5000, `the text and its deletion reach the peer: ${titleText(a.doc).toString()}`)
    } finally { back.destroy() }
  } finally { sender.destroy(); a.destroy() }
})

test('what still waits once a document is loaded from the store is dropped', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  await server.store.appendUpdate(doc.id, unknownDeletions(4444, 2), { userId: null })
  const a = connect(server.url, doc.id, tokens.kenji!)
  try {
    await a.synced
    assert.equal(waitingBytes(live(doc.id)), 0)
    assert.deepEqual(dropped(doc.id).map(e => e.fields.when), ['loaded'])
  } finally { a.destroy() }
})
