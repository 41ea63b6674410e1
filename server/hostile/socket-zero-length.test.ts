/**
 * Ranges of length 0 against a real server. No Yjs client writes a deletion
 * of no clocks, nor an item of no content; Yjs cannot take them as any
 * other: a deletion of length 0 at clocks the document does not hold yet
 * makes it throw ("Unexpected case") once the update is applied, and the
 * update log no longer replays, so the document would never open again;
 * one inside a string splits it there, and inside an emoji turns both
 * halves of the pair into U+FFFD for everyone. Plain typing took such a
 * deletion without a copy (collab/typing.ts), and so did commenting
 * (collab/commenting.ts; found by fuzzing the commenting path).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertValid, deletionUpdate, entriesUpdate, sendAlone } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, rita: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[amal, kenji, rita] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji'), login(server.url, 'rita')])
})
after(() => server.close())

/** Whether an update of `user`'s was refused as invalid for a range of length 0. */
const refused = (user: string) =>
  logger.entries.some(e => e.message === 'update refused' && e.fields.code === REFUSED_INVALID && e.fields.user === user && /length 0/.test(String(e.fields.reason ?? '')))

test('deletions and items of length 0 are refused; the document opens again from its store, with what was typed', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  let reader: ReturnType<typeof connect> | null = null
  try {
    await a.synced
    titleText(a.doc).insert(0, 'Typed 😀 ')
    await until(() => !a.provider.hasUnsyncedChanges, 5000, 'the typing is acknowledged')
    const own = a.doc.clientID
    const end = Y.getState(a.doc.store, own)
    // a drafter's deletions of no clocks: where her clocks end, inside the emoji, of a client nobody has heard of
    await sendAlone(server.url, doc.id, amal, deletionUpdate(own, [[end, 0]]))
    await sendAlone(server.url, doc.id, amal, deletionUpdate(own, [[7, 0]]))
    await sendAlone(server.url, doc.id, amal, deletionUpdate(4242, [[5, 0]]))
    // a reviewer's item of no comment
    await sendAlone(server.url, doc.id, rita, entriesUpdate({ client: 4243, clock: 0, entries: [], root: 'comments' }))
    a.destroy()
    await until(() => !server.hocuspocus.documents.has(doc.id), 5000, 'the document is unloaded')

    const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
    assertValid(stored, 'the stored document')
    assert.ok(titleText(stored).toString().startsWith('Typed 😀 '), 'the stored document keeps the typing, its emoji whole')
    reader = connect(server.url, doc.id, kenji)
    await reader.synced
    assert.ok(titleText(reader.doc).toString().startsWith('Typed 😀 '), 'a peer opens the document again, with the typing')
    assert.ok(refused('amal'), "the drafter's deletions of length 0 are refused, and logged with the reason")
    assert.ok(refused('rita'), "the reviewer's item of length 0 is refused")
  } finally { a.destroy(); reader?.destroy() }
})
