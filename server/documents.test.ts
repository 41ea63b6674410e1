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
