import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { REFUSED_INVALID, REFUSED_TOO_EARLY, REFUSED_TOO_LARGE } from './collab/refusal.js'
import { SCHEMA_FINGERPRINT } from '../schema/fingerprint.js'
import type { DocumentMeta } from './store/types.js'
import { addDocument, api, connect, login, startTestServer, titleText, until } from './test/helpers.js'
import type { Client, TestServer } from './test/helpers.js'

let server: TestServer
let amal: string, kenji: string, salma: string, rita: string, claire: string
const clients: Client[] = []
const open = (doc: DocumentMeta, token: string) => { const c = connect(server.url, doc.id, token); clients.push(c); return c }

before(async () => {
  server = await startTestServer({ maxMessageBytes: 64 * 1024 })
  const tokens = await Promise.all(['amal', 'kenji', 'salma', 'rita', 'claire'].map(u => login(server.url, u)))
  ;[amal, kenji, salma, rita, claire] = tokens as [string, string, string, string, string]
})
after(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

const title = (c: Client) => titleText(c.doc).toString()
const storedTitle = async (id: string) => ((await api(server.url, amal, 'GET', `/api/documents/${id}`)).body.json.content[1].content[0].text as string)

test('two clients converge', async () => {
  const doc = await addDocument(server.store)
  const a = open(doc, amal), b = open(doc, kenji)
  await Promise.all([a.synced, b.synced])
  titleText(a.doc).insert(0, 'A1 ')
  titleText(b.doc).insert(titleText(b.doc).length, ' B1')
  await until(() => title(a) === title(b) && title(a).includes('A1') && title(a).includes('B1'), 5000, 'convergence')
  assert.equal(title(a), 'A1 Cybersecurity B1')
  await until(async () => (await storedTitle(doc.id)) === 'A1 Cybersecurity B1', 3000, 'stored')
})

test('three clients typing concurrently converge on the same text', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT', 'ARB'] })
  const cs = [open(doc, amal), open(doc, kenji), open(doc, salma)]
  await Promise.all(cs.map(c => c.synced))
  let expected = 'Cybersecurity'.length
  for (let i = 0; i < 20; i++) cs.forEach((c, k) => { const token = `${'xyz'[k]}${i}`; expected += token.length; titleText(c.doc).insert(i % 3 === 0 ? 0 : titleText(c.doc).length, token) })
  await until(() => cs.every(c => title(c) === title(cs[0]!) && title(c).length === expected), 8000, 'three-way convergence')
  for (const k of [0, 1, 2]) for (let i = 0; i < 20; i++) assert.ok(title(cs[0]!).includes(`${'xyz'[k]}${i}`), `${'xyz'[k]}${i} present`)
})

test("a reviewer's write is refused and not stored", async () => {
  const doc = await addDocument(server.store, { shared: true })
  const writer = open(doc, amal), reviewer = open(doc, rita)
  await Promise.all([writer.synced, reviewer.synced])
  const before = await server.store.loadUpdates(doc.id)
  titleText(reviewer.doc).insert(0, 'REVIEWER ')
  await until(() => reviewer.stateless.some(s => (s as { type?: string }).type === 'refused'), 3000, 'refusal notice')
  assert.match(String((reviewer.stateless.find(s => (s as { type?: string }).type === 'refused') as { reason: string }).reason), /read-only/)
  titleText(writer.doc).insert(0, 'W ')
  await until(async () => (await storedTitle(doc.id)).startsWith('W '), 3000, 'writer stored')
  assert.equal(await storedTitle(doc.id), 'W Cybersecurity')
  assert.ok(!title(writer).includes('REVIEWER'))
  const afterUpdates = await server.store.loadUpdates(doc.id)
  // the writer's update, and the server's record of the writer's new client id (extensions/attribution.ts)
  assert.equal(afterUpdates.updates.length, before.updates.length + 2, 'only the writer\'s update (and its attribution) was stored')
  assert.equal(reviewer.provider.hasUnsyncedChanges, true, 'the reviewer\'s change was never acknowledged')
})

test('a reviewer may comment (stored and relayed) but a comment update that also touches the text is refused whole', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const writer = open(doc, amal), reviewer = open(doc, rita)
  await Promise.all([writer.synced, reviewer.synced])
  const comment = (text: string) => ({ id: `r${text.length}`, anchor: { provisionId: 'c1' }, author: 'Rita', delegation: 'Reviewer', text, createdAt: '2026-11-23T09:00:00Z', replies: [], resolved: false })
  reviewer.doc.getArray('comments').push([comment('please check')])
  await until(() => writer.doc.getArray('comments').length === 1, 3000, 'comment relayed')
  const stored = await server.store.loadUpdates(doc.id)
  const replay = new Y.Doc()
  for (const u of stored.updates) Y.applyUpdate(replay, u)
  assert.equal(replay.getArray('comments').length, 1, 'the comment was stored')
  // in someone else's name: refused by the authorship check
  const other = open(doc, rita)
  await other.synced
  other.doc.getArray('comments').push([{ ...comment('forged words'), author: 'Amal', delegation: 'APT' }])
  await until(() => other.stateless.some(s => (s as { type?: string }).type === 'refused'), 3000, 'forged refusal')
  const sneaky = open(doc, rita)
  await sneaky.synced
  sneaky.doc.transact(() => { sneaky.doc.getArray('comments').push([comment('and a text change')]); titleText(sneaky.doc).insert(0, 'R ') })
  await until(() => sneaky.stateless.some(s => (s as { type?: string }).type === 'refused'), 3000, 'refusal')
  assert.match(String((sneaky.stateless.find(s => (s as { type?: string }).type === 'refused') as { reason: string }).reason), /reviewers may comment/)
  await new Promise(r => setTimeout(r, 300))
  assert.equal(title(writer), 'Cybersecurity')
  assert.equal(writer.doc.getArray('comments').length, 1)
  for (const c of [writer, reviewer, other, sneaky]) c.destroy()
})

test("a reviewer who replaces a comment with a copy without its replies is refused; the replies stay for everyone", async () => {
  const doc = await addDocument(server.store, { shared: true, delegations: ['APT', 'ARB'] })
  const writer = open(doc, amal), replier = open(doc, salma), reviewer = open(doc, rita)
  await Promise.all([writer.synced, replier.synced, reviewer.synced])
  const entry = { id: 'q1', anchor: { provisionId: 'c1' }, author: 'Amal', delegation: 'APT', text: 'why?', createdAt: '2026-11-23T09:00:00Z', replies: [] as unknown[], resolved: false }
  writer.doc.getArray('comments').push([entry])
  await until(() => replier.doc.getArray('comments').length === 1, 3000, 'comment relayed')
  const answer = { id: 'q1r', author: 'Salma', delegation: 'ARB', text: 'because', createdAt: '2026-11-23T09:05:00Z' }
  replier.doc.transact(() => { const c = replier.doc.getArray('comments'); c.delete(0, 1); c.insert(0, [{ ...entry, replies: [answer] }]) })
  const repliesAt = (c: Client) => (c.doc.getArray('comments').toJSON() as { replies: unknown[] }[]).flatMap(e => e.replies)
  await until(() => repliesAt(reviewer).length === 1 && repliesAt(writer).length === 1, 3000, 'reply relayed')
  reviewer.doc.transact(() => { const c = reviewer.doc.getArray('comments'); c.delete(0, 1); c.insert(0, [{ ...entry, resolved: true }]) })
  await until(() => reviewer.stateless.some(s => (s as { type?: string }).type === 'refused'), 3000, 'refusal')
  assert.match(String((reviewer.stateless.find(s => (s as { type?: string }).type === 'refused') as { reason: string }).reason), /reply q1r may not be removed/)
  await new Promise(r => setTimeout(r, 300))
  assert.deepEqual(repliesAt(writer), [answer], "the reply is still there for the others")
  const replay = new Y.Doc()
  for (const u of (await server.store.loadUpdates(doc.id)).updates) Y.applyUpdate(replay, u)
  assert.deepEqual((replay.getArray('comments').toJSON() as { replies: unknown[] }[]).flatMap(e => e.replies), [answer], 'and in the store')
  for (const c of [writer, replier, reviewer]) c.destroy()
})

test('a drafter of another delegation cannot open a private document and gets read-only on a shared one', async () => {
  const priv = await addDocument(server.store, { delegations: ['APT'] })
  await assert.rejects(open(priv, claire).synced, /forbidden/)
  const shared = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const c = open(shared, claire)
  await c.synced
  assert.equal(c.provider.authorizedScope, 'readonly')
  await assert.rejects(open(shared, 'forged.token').synced, /unauthorized/)
})

async function refusedCase(mutate: (doc: Y.Doc) => void, code: number, pattern: RegExp) {
  const doc = await addDocument(server.store)
  const bad = open(doc, amal), peer = open(doc, kenji)
  await Promise.all([bad.synced, peer.synced])
  const storedBefore = await server.store.loadUpdates(doc.id)
  const jsonBefore = (await api(server.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json
  mutate(bad.doc)
  await until(() => bad.closes.length > 0, 3000, 'close')
  const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
  assert.equal(notice.code, code)
  assert.match(notice.reason, pattern)
  assert.match(bad.closes[0]!.reason ?? '', pattern)
  // a later valid edit from the peer still goes through; the refused one never arrives
  titleText(peer.doc).insert(0, 'ok ')
  await until(async () => (await storedTitle(doc.id)).startsWith('ok '), 3000, 'peer stored')
  const jsonAfter = (await api(server.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json
  jsonBefore.content[1].content[0].text = 'ok Cybersecurity'
  assert.deepEqual(jsonAfter, jsonBefore, 'stored document holds nothing of the refused update')
  // the peer's update, and the server's record of the peer's new client id (extensions/attribution.ts)
  assert.equal((await server.store.loadUpdates(doc.id)).updates.length, storedBefore.updates.length + 2)
  assert.deepEqual(peer.doc.getXmlFragment('prosemirror').toJSON(), (() => { const d = new Y.Doc(); Y.applyUpdate(d, Y.encodeStateAsUpdate(peer.doc)); return d.getXmlFragment('prosemirror').toJSON() })())
  assert.ok(peer.doc.getArray('comments').length === 0 && !peer.doc.share.has('evil'))
}

test('a schema-violating update (second heading at the end) is refused, told why, and nothing is stored', () =>
  refusedCase(d => { const h = new Y.XmlElement('resolutionHeading'); h.insert(0, [new Y.XmlText('again')]); d.getXmlFragment('prosemirror').push([h]) }, REFUSED_INVALID, /invalid update/))

test('an unknown node type is refused', () =>
  refusedCase(d => { d.getXmlFragment('prosemirror').push([new Y.XmlElement('script')]) }, REFUSED_INVALID, /invalid update/))

test('a malformed comment is refused', () =>
  refusedCase(d => { d.getArray('comments').push([{ id: 'c', text: 5 }]) }, REFUSED_INVALID, /comment 0/))

test("a comment posted in another delegate's name is refused", () =>
  refusedCase(d => { d.getArray('comments').push([{ id: 'f1', anchor: { provisionId: 'c1' }, author: 'Pierre', delegation: 'CEPT', text: 'forged', createdAt: new Date().toISOString(), replies: [], resolved: false }]) }, REFUSED_INVALID, /own name/))

test('a comment dated in the future (to sort after the answers to it) is refused', () =>
  refusedCase(d => { d.getArray('comments').push([{ id: 'f2', anchor: { provisionId: 'c1' }, author: 'Amal', delegation: 'APT', text: 'first!', createdAt: '2099-01-01T00:00:00.000Z', replies: [], resolved: false }]) }, REFUSED_INVALID, /must be dated/))

test('other top-level content is refused', () =>
  refusedCase(d => { d.getMap('evil').set('x', 1) }, REFUSED_INVALID, /top-level content/))

test('an update over the size limit is refused', () =>
  refusedCase(d => { titleText(d).insert(0, 'x'.repeat(100 * 1024)) }, REFUSED_TOO_LARGE, /exceeds the limit/))

test('a well-formed comment is accepted and stored', async () => {
  const doc = await addDocument(server.store)
  const a = open(doc, amal), b = open(doc, kenji)
  await Promise.all([a.synced, b.synced])
  const comment = { id: 'k1', anchor: { provisionId: 'c1', quote: 'security' }, author: 'Amal', delegation: 'APT', text: 'نص', createdAt: new Date().toISOString(), replies: [], resolved: false }
  a.doc.getArray('comments').push([comment])
  await until(() => b.doc.getArray('comments').length === 1, 3000, 'comment relayed')
  assert.deepEqual(b.doc.getArray('comments').get(0), comment)
  assert.equal(a.closes.length, 0)
})

function varUint(n: number): number[] { const out: number[] = []; while (n > 127) { out.push((n & 127) | 128); n = Math.floor(n / 128) } out.push(n); return out }
function varBytes(b: Uint8Array | number[]): number[] { return [...varUint(b.length), ...b] }
const str = (s: string) => varBytes([...Buffer.from(s)])

/** A raw socket signed in as `token` on document `id`, and every message it received (from the auth reply on). */
async function rawSocket(id: string, token: string): Promise<{ ws: WebSocket; received: Buffer[] }> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab`)
  const received: Buffer[] = []
  ws.on('message', (m: Buffer) => received.push(m))
  await new Promise(r => ws.once('open', r))
  ws.send(Buffer.from([...str(id), 2, 0, ...str(token)])) // Auth, Token
  await until(() => received.length > 0, 3000, 'auth reply')
  return { ws, received }
}

test('bytes that are not a Yjs update are refused', async () => {
  const doc = await addDocument(server.store)
  const { ws, received } = await rawSocket(doc.id, amal)
  const before = await server.store.loadUpdates(doc.id)
  ws.send(Buffer.from([...str(doc.id), 0, 2, ...varBytes([1, 200, 3, 255, 255, 9, 9, 9])])) // Sync, Update, garbage
  await until(() => received.some(m => m.includes(Buffer.from('not a Yjs update'))), 3000, 'refusal')
  assert.equal((await server.store.loadUpdates(doc.id)).updates.length, before.updates.length)
  ws.close()
})

test('a page built against another document model is refused at the socket; its own model is let in', async () => {
  const doc = await addDocument(server.store)
  const stale = connect(server.url, doc.id, amal, new Y.Doc(), '?schema=00000000')
  clients.push(stale)
  await assert.rejects(stale.synced, /outdated-client/)
  const current = connect(server.url, doc.id, amal, new Y.Doc(), `?schema=${SCHEMA_FINGERPRINT}`)
  clients.push(current)
  await current.synced
  assert.ok(current.doc.getXmlFragment('prosemirror').length > 0)
})

test("a deletion of the sender's own text that overtakes the text itself (sent on a socket that closed) is refused for now, and her page's next sync brings both", async () => {
  const doc = await addDocument(server.store)
  const a = open(doc, amal)
  await a.synced
  // Amal's page types "abc" into the title and then deletes the "b": the update with "abc" went out on a socket
  // that closed before the server read it; the deletion goes out on the new socket before her page answers the
  // server's request for what it lacks (HocuspocusProvider sends her changes as soon as the socket is open)
  const page = new Y.Doc()
  Y.applyUpdate(page, Y.encodeStateAsUpdate(a.doc))
  const typed: Uint8Array[] = []
  page.on('update', (u: Uint8Array) => typed.push(u))
  titleText(page).insert(0, 'abc')
  titleText(page).delete(1, 1)
  const [text, deletion] = typed as [Uint8Array, Uint8Array]
  assert.equal(Y.decodeUpdate(deletion).structs.length, 0, 'the second update only deletes')
  const { ws, received } = await rawSocket(doc.id, amal)
  const closed = new Promise<number>(resolve => ws.once('close', resolve))
  ws.send(Buffer.from([...str(doc.id), 0, 2, ...varBytes(deletion)])) // Sync, Update: the deletion first
  ws.send(Buffer.from([...str(doc.id), 0, 2, ...varBytes(text)]))     // then the text it deletes from
  // (the server cannot tell her page from another delegation's that read her page's id off its presence)
  assert.equal(await closed, 1013, 'her socket is closed for her page to sync again')
  const notices = received.map(m => m.toString('utf8')).filter(m => m.includes('"refused"'))
  assert.equal(notices.length, 1, JSON.stringify(notices))
  assert.match(notices[0]!, new RegExp(`"code":${REFUSED_TOO_EARLY}`))
  assert.equal(title(a), 'Cybersecurity', 'nothing of it applied')
  // her page's next socket: its sync sends what the server lacks, the text and its deletion in one update
  const back = connect(server.url, doc.id, amal, page)
  clients.push(back)
  await back.synced
  await until(() => title(a) === 'acCybersecurity', 3000, 'both applied')
  assert.deepEqual(back.stateless.filter(m => (m as { type?: string }).type === 'refused'), [], 'nothing refused')
  await until(async () => (await storedTitle(doc.id)) === 'acCybersecurity', 3000, 'stored')
})
