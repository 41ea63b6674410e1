/**
 * Comments cannot starve the text. A reviewer could fill a shared document
 * with comments up to its size limit (about 1.2 MB a minute), after which
 * every drafter's insertion was refused. Comments are bounded per
 * delegation (its accounts together, a reply or a copy paid by whoever
 * writes it, a comment's deletion leaving a little), and all comments
 * together may not bring the document past three quarters of its limit,
 * the rest being the text's. Here the limit is 256 KiB: one delegation's
 * comments 32 KiB, all comments up to 192 KiB.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { yDocFromUpdates } from '../collab/content.js'
import { REFUSED_TOO_LARGE } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { COMMENTS } from '../../protocol/shared-doc.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertStillServing, authMessage, updateMessage, wsClient } from './raw-socket.js'

const LIMIT = 256 * 1024
let server: TestServer
let rita: string, amal: string, kenji: string, salma: string
const logger = new MemoryLogger()
const opened: Client[] = []

before(async () => {
  server = await startTestServer({ logger, maxDocumentBytes: LIMIT })
  ;[rita, amal, kenji, salma] = await Promise.all(['rita', 'amal', 'kenji', 'salma'].map(u => login(server.url, u))) as [string, string, string, string]
})
after(async () => {
  for (const c of opened) c.destroy()
  await server.close()
})

const NAMES: Record<string, [string, string]> = { rita: ['Rita', 'Reviewer'], amal: ['Amal', 'APT'], kenji: ['Kenji', 'APT'], salma: ['Salma', 'ARB'] }
let serial = 0
/** A comment of `who` (a demo user) whose text is `bytes` long. */
const commentOf = (who: string, bytes: number, char = 'x') => {
  const [author, delegation] = NAMES[who]!
  return { id: `${who}-${serial++}`, anchor: { provisionId: 'c1' }, author, delegation, text: char.repeat(bytes / Buffer.byteLength(char)), createdAt: new Date().toISOString(), replies: [] as unknown[], resolved: false }
}
const replyOf = (who: string, bytes: number) => {
  const [author, delegation] = NAMES[who]!
  return { id: `${who}-reply-${serial++}`, author, delegation, text: 'r'.repeat(bytes), createdAt: new Date().toISOString() }
}

async function open(id: string, token: string): Promise<Client> {
  const c = connect(server.url, id, token)
  opened.push(c)
  await c.synced
  return c
}

const refusalsOf = (c: { messages: Buffer[] }) => c.messages.map(m => m.toString('latin1')).filter(t => t.includes('"refused"'))
const refusal = (c: Client) => c.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
/** Waits until `c` has nothing unacknowledged, or is refused; true when acknowledged. */
async function settled(c: Client): Promise<boolean> {
  await until(() => !c.provider.hasUnsyncedChanges || refusal(c) !== undefined, 10_000, 'acknowledged or refused')
  return refusal(c) === undefined
}
/** Posts comments of `bytes` from `c` (as `who`), one at a time, until one is refused (or `most` were taken); how many were taken. */
async function commentUntilRefused(c: Client, who: string, bytes: number, most: number): Promise<number> {
  let taken = 0
  while (taken < most) {
    c.doc.getArray(COMMENTS).push([commentOf(who, bytes)])
    if (!await settled(c)) break
    taken++
  }
  return taken
}
/** A drafter's insertion of `bytes` into the title: acknowledged (true) or refused. */
async function drafterWrites(c: Client, bytes: number): Promise<boolean> {
  titleText(c.doc).insert(0, 'd'.repeat(bytes))
  return settled(c)
}

test('a reviewer filling a document with comments is refused once her delegation holds its share; the drafters still write', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const a = await open(doc.id, amal), r = await open(doc.id, rita)
  const taken = await commentUntilRefused(r, 'rita', 2000, 200)
  const notice = refusal(r)
  assert.equal(notice?.code, REFUSED_TOO_LARGE)
  assert.match(notice!.reason, /comments/, notice!.reason)
  assert.ok(taken * 2000 <= LIMIT / 8 && taken >= 10, `her comments stop at her delegation's share (${taken} of 2,000 bytes taken)`)
  assert.ok(await drafterWrites(a, 40_000), `the drafter's insertion is taken (${refusal(a)?.reason})`)
  await until(() => a.doc.getArray(COMMENTS).length === taken, 5000, 'her comments reach the drafter')
  assert.ok(logger.entries.some(e => e.fields.user === 'rita' && /comments/.test(String(e.fields.reason))), 'logged with the user')
})

test("the accounts of one delegation share its comments' room; another delegation still comments", async () => {
  const doc = await addDocument(server.store, { shared: true, delegations: ['APT', 'ARB'] })
  const a = await open(doc.id, amal), k = await open(doc.id, kenji), s = await open(doc.id, salma)
  let taken = 0
  for (let round = 0; round < 40 && !refusal(a) && !refusal(k); round++) {
    const c = round % 2 ? k : a
    c.doc.getArray(COMMENTS).push([commentOf(round % 2 ? 'kenji' : 'amal', 3000)])
    if (await settled(c)) taken++
  }
  const notice = refusal(a) ?? refusal(k)
  assert.equal(notice?.code, REFUSED_TOO_LARGE, 'one of them is refused')
  assert.match(notice!.reason, /delegation/, notice!.reason)
  assert.ok(taken * 3000 <= LIMIT / 8 && taken >= 6, `APT's comments stop at its share (${taken} of 3,000 bytes)`)
  s.doc.getArray(COMMENTS).push([commentOf('salma', 3000)])
  assert.ok(await settled(s), `ARB still comments (${refusal(s)?.reason})`)
})

test('a few huge comments: one larger than a delegation may hold is refused whole', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const r = await open(doc.id, rita)
  const huge = commentOf('rita', 40_000, 'ع')
  r.doc.getArray(COMMENTS).push([huge])
  assert.equal(await settled(r), false, 'refused')
  assert.equal(refusal(r)?.code, REFUSED_TOO_LARGE)
  const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  assert.equal(stored.getArray(COMMENTS).length, 0, 'nothing of it stored')
})

test('a comment grown reply by reply is paid by whoever writes each copy, and stops at the share', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const r = await open(doc.id, rita)
  const first = commentOf('rita', 100)
  r.doc.getArray(COMMENTS).push([first])
  assert.ok(await settled(r))
  let entry = first
  let replies = 0
  for (; replies < 100; replies++) {
    // a reply replaces the entry with a copy holding it
    entry = { ...entry, replies: [...entry.replies, replyOf('rita', 3000)] }
    const grown = entry
    r.doc.transact(() => { const list = r.doc.getArray(COMMENTS); list.delete(0, 1); list.insert(0, [grown]) })
    if (!await settled(r)) break
  }
  assert.equal(refusal(r)?.code, REFUSED_TOO_LARGE)
  assert.match(refusal(r)!.reason, /comments/)
  assert.ok(replies * 3000 <= LIMIT / 8 && replies >= 5, `the thread stops at her share (${replies} replies of 3,000 bytes)`)
})

test('comments of every delegation together stop at three quarters of the limit: the text keeps the rest', async () => {
  const doc = await addDocument(server.store, { shared: true, delegations: ['APT', 'ARB'] })
  // 180 KiB of comments from a page no delegation registered (as many delegations together could leave)
  const filled = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const sv = Y.encodeStateVector(filled)
  filled.getArray(COMMENTS).push(Array.from({ length: 90 }, () => ({ ...commentOf('rita', 2048), author: 'Filler', delegation: 'X' })))
  await server.store.appendUpdate(doc.id, Y.encodeStateAsUpdate(filled, sv), { userId: 'filler' })
  const a = await open(doc.id, amal), s = await open(doc.id, salma)
  s.doc.getArray(COMMENTS).push([commentOf('salma', 16_000)])
  assert.equal(await settled(s), false, 'a comment past three quarters of the limit is refused')
  assert.equal(refusal(s)?.code, REFUSED_TOO_LARGE)
  assert.match(refusal(s)!.reason, /text/, refusal(s)!.reason)
  assert.ok(await drafterWrites(a, 40_000), `the drafter writes into the quarter kept for the text (${refusal(a)?.reason})`)
  const b = await open(doc.id, kenji)
  await assertStillServing(server.url, server.store, a, b, [doc.id])
})

test('many small comments sent in one burst, before any of them is applied, stop at the share too', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const a = await open(doc.id, amal)
  const page = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
  const updates: Uint8Array[] = []
  for (let i = 0; i < 40; i++) {
    const sv = Y.encodeStateVector(page)
    page.getArray(COMMENTS).push([commentOf('rita', 2000)])
    updates.push(Y.encodeStateAsUpdate(page, sv))
  }
  const c = await wsClient(server.url)
  try {
    c.ws.send(authMessage(doc.id, rita))
    await until(() => c.messages.length > 0, 5000, 'the socket has opened its document')
    const socket = (c.ws as unknown as { _socket: import('node:net').Socket })._socket
    socket.cork()
    for (const u of updates) c.ws.send(updateMessage(doc.id, u))
    socket.uncork()
    await until(() => refusalsOf(c).length > 0 || a.doc.getArray(COMMENTS).length === updates.length, 10_000, 'refused, or every comment taken')
    await new Promise(r => setTimeout(r, 300))
    const taken = a.doc.getArray(COMMENTS).length
    assert.ok(taken * 2000 <= LIMIT / 8 && taken >= 10, `${taken} of 2,000 bytes taken`)
    assert.match(refusalsOf(c)[0] ?? '', /no room for comments/)
  } finally { c.ws.terminate() }
})
