/**
 * A client listed twice in one update, the second time with no struct,
 * against a real server. Yjs keeps only the last list of a client, so the
 * first list's items never come, and an item of another client placed after
 * one of them waits in the document for that clock: the sender's next
 * typing at that clock then pulls it into the text, a comment entry among
 * the letters (found by fuzzing the commenting path; the full check took
 * both updates). No Yjs client writes such an update.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertValid, sendAlone } from './raw-socket.js'

let server: TestServer
let rita: string, kenji: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[rita, kenji] = await Promise.all([login(server.url, 'rita'), login(server.url, 'kenji')])
})
after(() => server.close())

const entry = (id: string) => ({ id, anchor: { provisionId: 'c1' }, author: 'Rita', delegation: 'Reviewer', text: 'hi', createdAt: '2026-01-01T00:00:00Z', replies: [], resolved: false })

test('an update listing a client twice, the second time with nothing, is refused', async () => {
  const doc = await addDocument(server.store)
  // client 908: a comment at the start of the comments; client 909: a comment after it; client 908 again, no struct
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 3)
  encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 908); encoding.writeVarUint(e, 0)
  encoding.writeUint8(e, 8); encoding.writeVarUint(e, 1); encoding.writeVarString(e, 'comments'); encoding.writeVarUint(e, 1); encoding.writeAny(e, entry('t1'))
  encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 909); encoding.writeVarUint(e, 0)
  encoding.writeUint8(e, 8 | 128); encoding.writeVarUint(e, 908); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeAny(e, entry('t2'))
  encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 908); encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  await sendAlone(server.url, doc.id, rita, encoding.toUint8Array(e))
  await until(() => logger.entries.some(l => l.message === 'update refused' && l.fields.user === 'rita'), 5000, 'the update is answered')
  assert.ok(logger.entries.some(l => l.message === 'update refused' && l.fields.code === REFUSED_INVALID && /lists a client/.test(String(l.fields.reason ?? ''))), 'refused as invalid, with the reason')
  const reader = connect(server.url, doc.id, kenji)
  try {
    await reader.synced
    assert.equal(reader.doc.getArray('comments').length, 0, 'nothing of it was taken')
  } finally { reader.destroy() }
  assertValid(yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates), 'the stored document')
})
