/**
 * A document's current content (liveJSON), read by GETs, comparisons,
 * exports and versions: made once per state of the document, not on every
 * request (on a document near its size limit that is hundreds of ms on the
 * event loop), and always the current state.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { liveJSON, liveJSONText } from './documents.js'
import { addDocument, api, connect, login, startTestServer, titleText, until } from './test/helpers.js'
import type { TestServer } from './test/helpers.js'

let server: TestServer
let amal = ''
before(async () => { server = await startTestServer(); amal = await login(server.url, 'amal') })
after(async () => { await server.close() })

const titleOf = (json: unknown) => (json as { content: { content?: { text?: string }[] }[] }).content[1]!.content![0]!.text

test('the content of an unchanged document is made once; a change gives the new content at once', async () => {
  const doc = await addDocument(server.store)
  // not loaded: from the stored update log
  const first = await liveJSON(server.store, server.hocuspocus, doc.id)
  assert.equal(await liveJSON(server.store, server.hocuspocus, doc.id), first, 'the same content object, not made again')
  // loaded and edited
  const a = connect(server.url, doc.id, amal)
  try {
    await a.synced
    const loaded = await liveJSON(server.store, server.hocuspocus, doc.id)
    assert.deepEqual(loaded, first)
    assert.equal(await liveJSON(server.store, server.hocuspocus, doc.id), loaded, 'made once while the document is unchanged')
    titleText(a.doc).insert(0, 'Edited ')
    await until(async () => titleOf(await liveJSON(server.store, server.hocuspocus, doc.id)) === 'Edited Cybersecurity', 5000, 'the edit in the content')
    const edited = await liveJSON(server.store, server.hocuspocus, doc.id)
    assert.equal(await liveJSON(server.store, server.hocuspocus, doc.id), edited)
  } finally { a.destroy() }
  // unloaded again, and changed in the store since (an update appended by the server): the new content
  await until(() => !server.hocuspocus.documents.has(doc.id), 10_000, 'the document unloaded')
  assert.equal(titleOf(await liveJSON(server.store, server.hocuspocus, doc.id)), 'Edited Cybersecurity')
})

test('the text a GET sends is the current content and follows every change', async () => {
  const doc = await addDocument(server.store)
  const read = async () => {
    const r = await fetch(`${server.url}/api/documents/${doc.id}`, { headers: { authorization: `Bearer ${amal}` } })
    assert.match(r.headers.get('content-type') ?? '', /^application\/json; charset=utf-8/)
    return await r.json() as { id: string; title: string; json: unknown }
  }
  const first = await read()
  assert.equal(first.id, doc.id)
  assert.equal(first.title, doc.title)
  const plain = async () => JSON.parse(JSON.stringify(await liveJSON(server.store, server.hocuspocus, doc.id))) as unknown
  assert.deepEqual(first.json, await plain())
  assert.deepEqual(JSON.parse(await liveJSONText(server.store, server.hocuspocus, doc.id)), first.json)
  const a = connect(server.url, doc.id, amal)
  try {
    await a.synced
    titleText(a.doc).insert(0, 'Read ')
    await until(async () => titleOf((await read()).json) === 'Read Cybersecurity', 5000, 'the edit in what a GET sends')
    titleText(a.doc).insert(0, 'Again ')
    await until(async () => titleOf(JSON.parse(await liveJSONText(server.store, server.hocuspocus, doc.id))) === 'Again Read Cybersecurity', 5000, 'and in the text')
    assert.deepEqual((await api(server.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json, await plain())
  } finally { a.destroy() }
})

test('a GET answer is made once per content and metadata, not hashed per request: it carries an ETag; asked again with it, 304; after a change, a new one', async () => {
  const doc = await addDocument(server.store)
  const get = (etag?: string) => fetch(`${server.url}/api/documents/${doc.id}`, { headers: { authorization: `Bearer ${amal}`, ...(etag ? { 'if-none-match': etag } : {}) } })
  const first = await get()
  const etag = first.headers.get('etag')
  assert.ok(etag, 'an ETag')
  assert.equal((await get()).headers.get('etag'), etag, 'the same content, the same ETag')
  const again = await get(etag!)
  assert.equal(again.status, 304)
  assert.equal((await again.arrayBuffer()).byteLength, 0)
  const a = connect(server.url, doc.id, amal)
  try {
    await a.synced
    titleText(a.doc).insert(0, 'Tagged ')
    await until(async () => (await get()).headers.get('etag') !== etag, 5000, 'a new ETag after the change')
    const changed = await get(etag!)
    assert.equal(changed.status, 200)
    assert.equal(titleOf(((await changed.json()) as { json: unknown }).json), 'Tagged Cybersecurity')
  } finally { a.destroy() }
  // a version is immutable: tagged by its id
  const sec = await login(server.url, 'sec')
  const v = (await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'Tagged' })).body as { id: string }
  const version = await fetch(`${server.url}/api/versions/${v.id}`, { headers: { authorization: `Bearer ${sec}` } })
  const versionTag = version.headers.get('etag')
  assert.ok(versionTag?.includes(v.id))
  assert.equal((await fetch(`${server.url}/api/versions/${v.id}`, { headers: { authorization: `Bearer ${sec}`, 'if-none-match': versionTag! } })).status, 304)
})
