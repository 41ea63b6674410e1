/**
 * Updates crafted to make Yjs's conflict resolution quadratic
 * (collab/integration-cost.ts): thousands of one-character strings from
 * thousands of clients, placed at one place of a text. One such message,
 * shaped as plain typing, held the event loop for 30 s and was stored, so
 * every later load paid it again. Each shape is refused before Yjs places
 * any of it (plain typing, a change checked on a copy, a reviewer's), told
 * why and logged; peers keep working and nothing of it is stored.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { conflictBomb, type BombShape } from '../collab/integration-cost-bombs.js'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertStillServing, updateMessage } from './raw-socket.js'

let server: TestServer
const logger = new MemoryLogger()
const tokens: Record<string, string> = {}

before(async () => {
  server = await startTestServer({ logger })
  for (const user of ['amal', 'kenji', 'rita']) tokens[user] = await login(server.url, user)
})
after(() => server.close())

/** Sends a bomb of `n` strings at the title's text from `user`'s socket; expects it refused before it is placed. */
async function bombRefused(user: string, shape: BombShape, n: number, structural = false): Promise<void> {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const bad = connect(server.url, doc.id, tokens[user]!), a = connect(server.url, doc.id, tokens.kenji!), b = connect(server.url, doc.id, tokens.kenji!)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    titleText(a.doc).insert(0, 'y'.repeat(4000))
    await until(() => titleText(bad.doc).length >= 4000 && !a.provider.hasUnsyncedChanges, 5000, 'the text reaches the attacker')
    const first = (titleText(bad.doc) as unknown as { _start: Y.Item })._start
    // structural: the update also deletes the title element, so it is not plain typing and would be checked on a copy
    const title = (titleText(bad.doc).parent as Y.XmlElement)._item!
    const update = conflictBomb(n, first.id.client, first.id.clock + 10, 4000, shape, structural ? title.id : undefined)
    const lengthBefore = titleText(a.doc).length
    bad.socket.send(updateMessage(doc.id, update))
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice?.code, REFUSED_INVALID, JSON.stringify(bad.stateless))
    // (right neighbours spread over one run of text are not right after their origin, as no client writes them:
    // refused for that before their steps are counted, collab/integration-cost.ts neighboursInOrder)
    assert.match(notice.reason, shape === 'spread right' ? /neighbours that do not stand in that order/ : /step over more than 20000 others/)
    assert.ok(logger.entries.some(e => e.message === 'update refused' && e.fields.document === doc.id && e.fields.user === user), 'logged with document and user')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    assert.ok(titleText(a.doc).length < lengthBefore + 100, 'nothing of it reached the peer')
    const stored = Y.mergeUpdates((await server.store.loadUpdates(doc.id)).updates)
    assert.ok(!Y.decodeUpdate(stored).structs.some(s => s.id.client >= 1_000_000 && s.id.client < 1_000_000 + n), 'nothing of it is stored')
  } finally { bad.destroy(); a.destroy(); b.destroy() }
}

test('plain typing shaped: 3,000 strings from 3,000 clients after one character, right neighbours spread over the text', () =>
  bombRefused('amal', 'spread right', 3000))

test('plain typing shaped: 3,000 strings with no origin, before neighbours spread over the text', () =>
  bombRefused('amal', 'no origin', 3000))

test('a change checked on a copy: the same strings and an element deleted, refused before the copy is made', () =>
  bombRefused('amal', 'spread right', 3000, true))

test('a reviewer\'s: refused before the comments check copies the document', () =>
  bombRefused('rita', 'same right', 3000))

test('strings whose neighbours the server never received (they would wait, and every later update would retry them) are refused', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const bad = connect(server.url, doc.id, tokens.amal!), a = connect(server.url, doc.id, tokens.kenji!), b = connect(server.url, doc.id, tokens.kenji!)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    // 2,000 strings from new clients, between clients 99 and 98, which never sent anything
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 2000)
    for (let i = 0; i < 2000; i++) {
      encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 2000 + i); encoding.writeVarUint(e, 0)
      encoding.writeUint8(e, 4 | 128 | 64)
      encoding.writeVarUint(e, 99); encoding.writeVarUint(e, i); encoding.writeVarUint(e, 98); encoding.writeVarUint(e, i)
      encoding.writeVarString(e, 'x')
    }
    encoding.writeVarUint(e, 0)
    bad.socket.send(updateMessage(doc.id, encoding.toUint8Array(e)))
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice?.code, REFUSED_INVALID)
    assert.match(notice.reason, /never received/)
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    const stored = Y.mergeUpdates((await server.store.loadUpdates(doc.id)).updates)
    assert.ok(!Y.decodeUpdate(stored).structs.some(s => s.id.client >= 2000 && s.id.client < 4000), 'nothing of it is stored')
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})

/** A deletion-only update: for each of `clients` (from `firstClient`), `ranges` one-clock ranges at large clocks the server never received. */
function unknownDeletions(firstClient: number, clients: number, ranges: number, firstClock = 1_000_000): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, clients)
  for (let c = 0; c < clients; c++) {
    encoding.writeVarUint(e, firstClient + c); encoding.writeVarUint(e, ranges)
    for (let r = 0; r < ranges; r++) { encoding.writeVarUint(e, firstClock + r * 2); encoding.writeVarUint(e, 1) }
  }
  return encoding.toUint8Array(e)
}
const pendingDeletionBytes = (documentName: string) =>
  ((server.hocuspocus.documents.get(documentName)?.store as unknown as { pendingDs: Uint8Array | null } | undefined)?.pendingDs?.length ?? 0)

// A deletion of clocks the server has not received waits for them (a page's deletion may overtake its own text after a
// reconnect), and Yjs retries what waits at every later update of the document: 128 KB of such deletions made every
// keystroke cost 5 ms instead of 0.1 ms. So few may wait, in one update and in the document.
test('deletions of clocks the server never received: one update of a thousand ranges is refused', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const bad = connect(server.url, doc.id, tokens.amal!), a = connect(server.url, doc.id, tokens.kenji!), b = connect(server.url, doc.id, tokens.kenji!)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    bad.socket.send(updateMessage(doc.id, unknownDeletions(9000, 1, 1000)))
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice?.code, REFUSED_INVALID, JSON.stringify(bad.stateless))
    assert.match(notice.reason, /deletes too much content the server never received/)
    assert.equal(pendingDeletionBytes(doc.id), 0, 'nothing of it waits')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})

test('deletions of clocks the server never received, sent again and again in small updates, wait only up to a few kilobytes', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const bad = connect(server.url, doc.id, tokens.amal!), a = connect(server.url, doc.id, tokens.kenji!), b = connect(server.url, doc.id, tokens.kenji!)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    // 40 updates of 60 ranges each (about 300 bytes) of clocks the sender's own editing session never sent (of
    // another's, or of a session nobody has heard of, each would be refused at once): 12 KB if all waited
    titleText(bad.doc).insert(0, 'x')
    await until(() => !bad.provider.hasUnsyncedChanges, 5000, 'the sender\'s session is known')
    for (let i = 0; i < 40 && bad.closes.length === 0; i++) {
      bad.socket.send(updateMessage(doc.id, unknownDeletions(bad.doc.clientID, 1, 60, 1_000_000 + 200 * i)))
      await new Promise(r => setTimeout(r, 20))
    }
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice?.code, REFUSED_INVALID, JSON.stringify(bad.stateless))
    assert.match(notice.reason, /already waits for too much content the server never received/)
    assert.ok(pendingDeletionBytes(doc.id) <= 4096, `${pendingDeletionBytes(doc.id)} bytes of deletions wait`)
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})

test('one user writing as ever more editing sessions (a new Yjs client for each change) is stopped', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const bad = connect(server.url, doc.id, tokens.amal!), a = connect(server.url, doc.id, tokens.kenji!), b = connect(server.url, doc.id, tokens.kenji!)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    titleText(a.doc).insert(0, 'y'.repeat(400))
    await until(() => titleText(bad.doc).length >= 400 && !a.provider.hasUnsyncedChanges, 5000, 'the text reaches the attacker')
    const first = (titleText(bad.doc) as unknown as { _start: Y.Item })._start
    for (let i = 0; i < 300 && bad.closes.length === 0; i++) {
      bad.socket.send(updateMessage(doc.id, conflictBomb(1, first.id.client, first.id.clock + 10 + i, 400, 'same right', undefined, 9_000_000 + i)))
      if (i % 10 === 9) await new Promise(r => setTimeout(r, 20))
    }
    await until(() => bad.closes.length > 0, 10_000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.match(notice?.reason ?? '', /new editing sessions/)
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { bad.destroy(); a.destroy(); b.destroy() }
})
