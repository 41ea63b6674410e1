/**
 * An item whose right origin does not stand to the right of its origin,
 * against a real server. Every Yjs client writes an insert's right origin
 * as the item right after its origin; Yjs takes crossed neighbours too, but
 * places the item otherwise when it integrates the update (in the live
 * document: between them) than when it loads the document's stored state
 * (at the end of the list), so the server's document and every reload of it
 * disagree on the order for good (found by fuzzing the commenting path; the
 * full check took it too, and plain typing as well).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { sendAlone } from './raw-socket.js'

let server: TestServer
let amal: string, rita: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[amal, rita] = await Promise.all([login(server.url, 'amal'), login(server.url, 'rita')])
})
after(() => server.close())

const entry = (id: string, name: string, delegation: string) => ({ id, anchor: { provisionId: 'c1' }, author: name, delegation, text: 'hi', createdAt: '2026-01-01T00:00:00Z', replies: [], resolved: false })

/** One item by `client` at clock `clock` with the given neighbours: a comment entry, or a string. */
function itemUpdate(client: number, clock: number, origin: Y.ID, rightOrigin: Y.ID, content: { entry: unknown } | { text: string }): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, client); encoding.writeVarUint(e, clock)
  encoding.writeUint8(e, ('entry' in content ? 8 : 4) | 128 | 64)
  encoding.writeVarUint(e, origin.client); encoding.writeVarUint(e, origin.clock)
  encoding.writeVarUint(e, rightOrigin.client); encoding.writeVarUint(e, rightOrigin.clock)
  if ('entry' in content) { encoding.writeVarUint(e, 1); encoding.writeAny(e, content.entry as never) } else encoding.writeVarString(e, content.text)
  encoding.writeVarUint(e, 0)
  return encoding.toUint8Array(e)
}

/** The comment ids and the title of a document, as one string. */
const shape = (doc: Y.Doc) => `${(doc.getArray('comments').toJSON() as { id: string }[]).map(c => c.id).join(' ')} | ${titleText(doc).toString()}`

test('an item whose right origin stands before its origin is refused; the document reads the same from its store', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  try {
    await a.synced
    a.doc.getArray('comments').push([entry('a', 'Amal', 'APT'), entry('b', 'Amal', 'APT'), entry('c', 'Amal', 'APT')])
    titleText(a.doc).insert(0, 'abc ')
    await until(() => !a.provider.hasUnsyncedChanges, 5000, 'the comments and typing are acknowledged')
    const own = a.doc.clientID
    const comments = (a.doc.getArray('comments') as unknown as { _start: Y.Item })._start
    const typed = (titleText(a.doc) as unknown as { _start: Y.Item })._start
    // a reviewer's comment placed after 'c' and before 'b'; a drafter's letter after 'c' and before 'b' of the title
    await sendAlone(server.url, doc.id, rita, itemUpdate(9901, 0, Y.createID(own, comments.id.clock + 2), Y.createID(own, comments.id.clock + 1), { entry: entry('r', 'Rita', 'Reviewer') }))
    await sendAlone(server.url, doc.id, amal, itemUpdate(9902, 0, Y.createID(own, typed.id.clock + 2), Y.createID(own, typed.id.clock + 1), { text: 'X' }))
    await until(() => logger.entries.filter(l => l.message === 'update refused' && /right origin/.test(String(l.fields.reason ?? ''))).length === 2, 5000, 'both are refused')
    assert.ok(logger.entries.every(l => l.message !== 'update refused' || l.fields.code === REFUSED_INVALID))
    await until(() => shape(a.doc) === shape(server.hocuspocus.documents.get(doc.id)!), 5000, 'the page and the server agree')
    const live = shape(server.hocuspocus.documents.get(doc.id)!)
    assert.equal(live, 'a b c | abc ' + live.split(' | ')[1]!.slice(4), 'nothing of either was taken')
    assert.equal(shape(yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)), live, 'the stored document reads as the live one')
  } finally { a.destroy() }
})
