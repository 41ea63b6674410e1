/**
 * Clocks past 2^53 against a real server. A varint of eight bytes decodes to
 * a number past Number.MAX_SAFE_INTEGER (lib0 checks the range only before
 * the last byte), which no Yjs client writes and which a double cannot hold
 * exactly. A drafter deleting clocks of her own client that far ahead, as
 * a waiting deletion, was accepted: Yjs keeps such a deletion re-encoded
 * (with rounded clocks), the server drops it from memory after a while
 * (extensions/waiting-content.ts) but the update log keeps it, and with a
 * later waiting deletion the log could no longer be replayed ("Unexpected
 * case"): the document never opened again, for anyone, with all its text
 * (found by fuzzing, a mutated deletion of the fuzzer's own client).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { assertValid, deletionUpdate, sendAlone } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string
const logger = new MemoryLogger()
/** How long content may wait before the server drops it from memory (short, so that the test need not wait 10 s). */
const WAITING_EXPIRY_MS = 100
/** How long the server applies an accepted update again to the copies it checks the next ones on (extensions/validation.ts RECENT_MS), ms. */
const RECENT_MS = 3000

before(async () => {
  server = await startTestServer({ logger, waitingExpiryMs: WAITING_EXPIRY_MS })
  ;[amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
})
after(() => server.close())

/** Whether an update of `user`'s was refused as invalid with a reason matching `reason`. */
const refused = (user: string, reason: RegExp) =>
  logger.entries.some(e => e.message === 'update refused' && e.fields.code === REFUSED_INVALID && e.fields.user === user && reason.test(String(e.fields.reason ?? '')))

test('a deletion of clocks past 2^53 is refused; the document opens again from its store, with what was typed', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  let reader: ReturnType<typeof connect> | null = null
  try {
    await a.synced
    titleText(a.doc).insert(0, 'Typed ')
    await until(() => !a.provider.hasUnsyncedChanges, 5000, 'the typing is acknowledged')
    const own = a.doc.clientID
    // her own client's clocks, far ahead: 2^54 and 2^53 + 2048 (exact in a double, but not every clock near them is)
    await sendAlone(server.url, doc.id, amal, deletionUpdate(own, [[2 ** 54, 36], [2 ** 53 + 2048, 2]]))
    // once the server no longer applies it again to the copies it checks updates on, what of it waits is dropped
    // from memory (extensions/waiting-content.ts), not from the update log
    await new Promise(r => setTimeout(r, RECENT_MS + 3 * WAITING_EXPIRY_MS))
    // an ordinary waiting deletion (her own text not received yet, as a page whose socket closed sends)
    await sendAlone(server.url, doc.id, amal, deletionUpdate(own, [[14, 36]]))
    a.destroy()
    await until(() => !server.hocuspocus.documents.has(doc.id), 5000, 'the document is unloaded')

    const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
    assertValid(stored, 'the stored document')
    assert.ok(titleText(stored).toString().startsWith('Typed '), 'the stored document keeps the typing')
    reader = connect(server.url, doc.id, kenji)
    await reader.synced
    assert.ok(titleText(reader.doc).toString().startsWith('Typed '), 'a peer opens the document again, with the typing')

    assert.ok(refused('amal', /clocks past 2\^53/), 'the deletion past 2^53 is refused, and logged with its reason')
  } finally { a.destroy(); reader?.destroy() }
})
