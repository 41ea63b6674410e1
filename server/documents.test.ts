/**
 * A document's current content (liveJSON), read by GETs, comparisons,
 * exports and versions: made once per state of the document, not on every
 * request (on a document near its size limit that is hundreds of ms on the
 * event loop), and always the current state.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { liveJSON } from './documents.js'
import { addDocument, connect, login, startTestServer, titleText, until } from './test/helpers.js'
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
