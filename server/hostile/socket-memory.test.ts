/**
 * A server whose heap is nearly full sheds what would fill it further
 * (collab/memory-pressure.ts) instead of running out of memory and stopping:
 * documents of 8 MiB take 70 to 140 MB each once loaded, and one account
 * could hold a hundred open within every per-user budget. The heap's share
 * in use is read through a gauge this test sets, since filling a 4 GB heap
 * is no test to run here.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { REFUSED_RATE } from '../collab/refusal.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
const logger = new MemoryLogger()
const tokens: Record<string, string> = {}
/** The heap's share in use, as the server's gauge reads it. */
let heapShare = 0.2

before(async () => {
  server = await startTestServer({ logger, memoryGauge: () => heapShare })
  for (const user of ['amal', 'kenji']) tokens[user] = await login(server.url, user)
})
after(() => server.close())

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

test('with the heap nearly full, new content is held back and a document not loaded is not opened; deleting and working on open documents go on; all resumes once memory is back', async () => {
  const open = await addDocument(server.store, { delegations: ['APT'] })
  const notLoaded = await addDocument(server.store, { delegations: ['APT'] })
  const writer = connect(server.url, open.id, tokens.amal!), a = connect(server.url, open.id, tokens.kenji!), b = connect(server.url, open.id, tokens.kenji!)
  try {
    await Promise.all([writer.synced, a.synced, b.synced])
    heapShare = 0.95
    await sleep(300)
    // deleting frees memory: it goes through
    titleText(a.doc).delete(0, 5)
    await until(() => titleText(b.doc).toString() === titleText(a.doc).toString(), 5000, 'a deletion reaches the peer')
    assert.equal(a.closes.length, 0)
    // adding content is held back, told why, and logged
    titleText(writer.doc).insert(0, 'x'.repeat(10_000))
    await until(() => writer.closes.length > 0, 5000, 'the writer is held back')
    const notice = writer.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_RATE, JSON.stringify(writer.stateless))
    assert.match(notice!.reason, /short of memory/)
    assert.ok(logger.entries.some(e => /short of memory/.test(String(e.fields.reason ?? '')) && e.fields.user === 'amal'), 'logged with the user')
    assert.ok(!titleText(b.doc).toString().includes('xxxx'), 'nothing of it reached the peer')
    // a document not loaded is not loaded now: the opening is refused as busy (the page opens it again later)
    const opening = connect(server.url, notLoaded.id, tokens.amal!)
    await assert.rejects(opening.synced, /busy/)
    opening.destroy()
    assert.equal(server.hocuspocus.documents.has(notLoaded.id), false, 'the document was not loaded')
    assert.ok(logger.entries.some(e => /short of memory/.test(e.message) && e.fields.document === notLoaded.id), 'the refused opening is logged')
    // memory back: the held-back content arrives (the page sends it again), the document opens
    heapShare = 0.2
    await until(() => titleText(b.doc).toString().startsWith('x'.repeat(10_000)), 15_000, 'the held-back content arrives once memory is back')
    const later = connect(server.url, notLoaded.id, tokens.amal!)
    try { await later.synced } finally { later.destroy() }
    await assertStillServing(server.url, server.store, a, b, [open.id])
  } finally { heapShare = 0.2; writer.destroy(); a.destroy(); b.destroy() }
})

test('with the heap tight, an account holding less than its share of the loaded documents may still open one; the account holding most may not; past the full share nobody may', async () => {
  // kenji has loaded two documents, amal none: kenji is what fills the heap
  const kenjis = await Promise.all([0, 1, 2].map(() => addDocument(server.store, { delegations: ['APT'] })))
  const amals = await Promise.all([0, 1].map(() => addDocument(server.store, { delegations: ['APT'] })))
  const held = [connect(server.url, kenjis[0]!.id, tokens.kenji!), connect(server.url, kenjis[1]!.id, tokens.kenji!)]
  const opened: ReturnType<typeof connect>[] = []
  try {
    await Promise.all(held.map(c => c.synced))
    heapShare = 0.8
    await sleep(300)
    // kenji's next document is not loaded now
    const kenjisNext = connect(server.url, kenjis[2]!.id, tokens.kenji!)
    opened.push(kenjisNext)
    await assert.rejects(kenjisNext.synced, /busy/)
    assert.equal(server.hocuspocus.documents.has(kenjis[2]!.id), false)
    // amal's is: she holds nothing loaded
    const amalsFirst = connect(server.url, amals[0]!.id, tokens.amal!)
    opened.push(amalsFirst)
    await amalsFirst.synced
    // past the full share, nobody's opening loads a document
    heapShare = 0.95
    await sleep(300)
    const amalsSecond = connect(server.url, amals[1]!.id, tokens.amal!)
    opened.push(amalsSecond)
    await assert.rejects(amalsSecond.synced, /busy/)
    assert.equal(server.hocuspocus.documents.has(amals[1]!.id), false)
    heapShare = 0.2
    await sleep(300)
    const later = connect(server.url, kenjis[2]!.id, tokens.kenji!)
    opened.push(later)
    await later.synced
    const peer = connect(server.url, kenjis[0]!.id, tokens.amal!)
    opened.push(peer)
    await peer.synced
    await assertStillServing(server.url, server.store, held[0]!, peer, [kenjis[0]!.id])
  } finally { heapShare = 0.2; for (const c of [...held, ...opened]) c.destroy() }
})

test('with the heap tight, an account holding less than its share of the loaded documents may still add content; the account holding most may not', async () => {
  // kenji's openings loaded both documents; amal types into one of them
  const docs = await Promise.all([0, 1].map(() => addDocument(server.store, { delegations: ['APT'] })))
  const kenjis = docs.map(d => connect(server.url, d.id, tokens.kenji!))
  const clients = [...kenjis]
  try {
    await Promise.all(kenjis.map(c => c.synced))
    const amal = connect(server.url, docs[0]!.id, tokens.amal!)
    clients.push(amal)
    await amal.synced
    heapShare = 0.8
    await sleep(300)
    titleText(amal.doc).insert(0, 'amal ')
    await until(() => titleText(kenjis[0]!.doc).toString().startsWith('amal '), 5000, "amal's words reach kenji")
    assert.equal(amal.closes.length, 0, 'amal is not held back')
    titleText(kenjis[1]!.doc).insert(0, 'y'.repeat(10_000))
    await until(() => kenjis[1]!.closes.length > 0, 5000, 'kenji is held back')
    const notice = kenjis[1]!.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined
    assert.equal(notice?.code, REFUSED_RATE, JSON.stringify(kenjis[1]!.stateless))
    heapShare = 0.2
    await assertStillServing(server.url, server.store, kenjis[0]!, amal, [docs[0]!.id])
  } finally { heapShare = 0.2; for (const c of clients) c.destroy() }
})
