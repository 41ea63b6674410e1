/**
 * What persistence keeps per document (updates appended since the last
 * compaction, who changed it last) is kept while the document is loaded,
 * not for every document the process ever loaded: a server running a whole
 * assembly loads thousands of proposals and drafts in turn (soak probe).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Persistence } from './persistence.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

test('a document changed and left is forgotten by persistence once it unloads; one still loaded is kept', async () => {
  const persistence = server.hocuspocus.configuration.extensions.find(e => e instanceof Persistence) as Persistence
  const amal = await login(server.url, 'amal')
  const docs = await Promise.all([1, 2, 3, 4, 5].map(n => addDocument(server.store, { delegations: ['APT'], title: `Unload ${n}` })))
  for (const doc of docs) {
    const writer = connect(server.url, doc.id, amal)
    await writer.synced
    titleText(writer.doc).insert(0, 'Changed ')
    await until(() => !writer.provider.hasUnsyncedChanges, 5000, 'edit stored')
    writer.destroy()
  }
  await until(() => server.hocuspocus.documents.size === 0, 5000, 'every document unloaded')
  assert.equal(persistence.documentsHeld, 0, 'nothing kept of documents no longer loaded')

  const staying = connect(server.url, docs[0]!.id, amal)
  await staying.synced
  titleText(staying.doc).insert(0, 'Again ')
  await until(() => !staying.provider.hasUnsyncedChanges, 5000, 'edit stored')
  assert.equal(persistence.documentsHeld, 1, 'the loaded document is kept')
  staying.destroy()
  await until(() => server.hocuspocus.documents.size === 0, 5000, 'unloaded again')
  assert.equal(persistence.documentsHeld, 0)
})
