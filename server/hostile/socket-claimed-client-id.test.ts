/**
 * Writing with the Yjs client id of another participant who has written
 * nothing yet, against a real server. Every page's client id is in its
 * presence, which everyone receives; an id that has written nothing is
 * registered to no delegation (extensions/attribution.ts). A forger could
 * therefore:
 *
 * - send content at the next clocks of that id (it waits in the server's
 *   document for the clock before it), which the participant's first
 *   keystroke then brought in as hers: text from a reviewer, a comment in
 *   her name, or a mark the schema refuses, which got her keystroke refused;
 * - write the id's first clock while its participant was offline, after
 *   which her own changes were refused (another delegation's forger) or
 *   silently dropped (a colleague's).
 *
 * An id that stands for a participant in the document's presence (now, or
 * as it last did: collab/presence-identities.ts) is now hers alone.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { presenceOf } from '../../protocol/awareness.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertValid, updateMessage } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, claire: string

before(async () => {
  server = await startTestServer()
  ;[amal, kenji, claire] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji'), login(server.url, 'claire')])
})
after(() => server.close())

const shared = () => addDocument(server.store, { delegations: ['APT', 'CEPT'], shared: true })

/** Claire (CEPT) on `documentId`, shown in the presence as herself. */
async function victimOn(documentId: string): Promise<Client> {
  const victim = connect(server.url, documentId, claire)
  await victim.synced
  victim.provider.setAwarenessField('user', presenceOf({ name: 'Claire', delegation: 'CEPT', role: 'drafter' }))
  return victim
}

/**
 * An update written with `clientId`: what `write` does to a copy of `doc`,
 * after what `unsent` did there first (made with the same id, not in the
 * update: content that waits for those clocks).
 */
function forged(doc: Y.Doc, clientId: number, write: (copy: Y.Doc) => void, unsent: (copy: Y.Doc) => void = () => undefined): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  copy.clientID = clientId
  unsent(copy)
  const before = Y.encodeStateVector(copy)
  write(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

/** Where the victim types first, in the forger's copy: X:0, which the forged content waits for. */
const firstKeystroke = (copy: Y.Doc) => titleText(copy).insert(0, 'G')

/** Sends `update` on `client`'s socket as it is (an Update message). */
function sendRaw(client: Client, documentId: string, update: Uint8Array): void {
  ;(client.socket as unknown as { webSocket: { send(m: Uint8Array): void } }).webSocket.send(updateMessage(documentId, update))
}

const refusal = (c: Client) => c.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string } | undefined

test('content waiting at the next clocks of another participant\'s unwritten client id is refused, and her first keystroke goes through as hers', async () => {
  const doc = await shared()
  const victim = await victimOn(doc.id)
  const forger = connect(server.url, doc.id, amal)
  const observer = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([forger.synced, observer.synced])
    const X = victim.doc.clientID
    await until(() => forger.provider.awareness!.getStates().has(X), 5000, 'the forger sees the victim\'s presence')
    // X:0 made only in the forger's copy (where the victim will type first), then "[FORGED]" after it: only that is sent
    sendRaw(forger, doc.id, forged(forger.doc, X, copy => titleText(copy).insert(1, '[FORGED]'), firstKeystroke))
    await until(() => forger.closes.length > 0, 5000, 'the forger is refused')
    assert.equal(refusal(forger)?.code, REFUSED_INVALID)
    assert.match(refusal(forger)!.reason, /client id \d+ is not yours: it stands for another participant/)

    titleText(victim.doc).insert(0, 'G')
    titleText(victim.doc).insert(1, 'lobal ')
    await until(() => titleText(observer.doc).toString().startsWith('Global '), 5000, 'the victim\'s typing reaches the others')
    await until(() => !victim.provider.hasUnsyncedChanges)
    assert.equal(refusal(victim), undefined, 'the victim is not refused')
    assert.equal(victim.closes.length, 0)
    for (const [where, d] of [['the victim', victim.doc], ['a peer', observer.doc], ['the store', yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)]] as const) {
      assert.ok(!titleText(d).toString().includes('[FORGED]'), `${where}: nothing of the forger's`)
      assert.ok(titleText(d).toString().startsWith('Global '), `${where}: the victim's words`)
    }
  } finally { victim.destroy(); forger.destroy(); observer.destroy() }
})

test('a mark the schema refuses, waiting at another participant\'s unwritten client id, does not get her first keystroke refused', async () => {
  const doc = await shared()
  const victim = await victimOn(doc.id)
  const forger = connect(server.url, doc.id, amal)
  try {
    await forger.synced
    const X = victim.doc.clientID
    await until(() => forger.provider.awareness!.getStates().has(X), 5000, 'the forger sees the victim\'s presence')
    sendRaw(forger, doc.id, forged(forger.doc, X, copy => titleText(copy).format(0, 1, { evilattr: 'x' }), firstKeystroke))
    await until(() => forger.closes.length > 0, 5000, 'the forger is refused')
    assert.match(refusal(forger)!.reason, /is not yours/)
    titleText(victim.doc).insert(0, 'G')
    await until(() => !victim.provider.hasUnsyncedChanges)
    assert.equal(refusal(victim), undefined, 'the victim\'s first keystroke is taken')
  } finally { victim.destroy(); forger.destroy() }
})

test('the first clock of a participant\'s client id, written by a colleague while she is offline, is refused; her offline words then arrive', async () => {
  const doc = await shared()
  const victim = await victimOn(doc.id)
  // kenji is APT like amal: a colleague's forgery, which nothing refused before (her own words were dropped instead)
  const colleague = connect(server.url, doc.id, kenji)
  const observer = connect(server.url, doc.id, amal)
  try {
    await Promise.all([colleague.synced, observer.synced])
    const X = victim.doc.clientID
    await until(() => colleague.provider.awareness!.getStates().has(X), 5000, 'the colleague sees the victim\'s presence')
    victim.socket.disconnect()
    await until(() => !colleague.provider.awareness!.getStates().has(X), 10_000, 'the victim\'s presence is gone')
    titleText(victim.doc).insert(0, 'OFFLINE ')
    sendRaw(colleague, doc.id, forged(colleague.doc, X, copy => titleText(copy).insert(0, 'Z')))
    await until(() => colleague.closes.length > 0, 5000, 'the colleague is refused')
    assert.match(refusal(colleague)!.reason, /client id \d+ is not yours: it stands for another participant/)
    void victim.socket.connect()
    await until(() => titleText(observer.doc).toString().startsWith('OFFLINE '), 10_000, 'the victim\'s offline words reach the others')
    await until(() => !victim.provider.hasUnsyncedChanges)
    assert.equal(refusal(victim), undefined, 'the victim is not refused')
    const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
    assert.equal(titleText(stored).toString(), titleText(victim.doc).toString(), 'the store holds what the victim sees')
    assertValid(stored, 'the stored document')
  } finally { victim.destroy(); colleague.destroy(); observer.destroy() }
})

test('a participant\'s own client id, announced in her presence, is still hers to write with', async () => {
  const doc = await shared()
  const victim = await victimOn(doc.id)
  const peer = connect(server.url, doc.id, amal)
  try {
    await peer.synced
    await until(() => peer.provider.awareness!.getStates().has(victim.doc.clientID), 5000, 'her presence is known')
    titleText(victim.doc).insert(0, 'Mine ')
    await until(() => titleText(peer.doc).toString().startsWith('Mine '), 5000, 'her words reach the peer')
    assert.equal(refusal(victim), undefined)
  } finally { victim.destroy(); peer.destroy() }
})
