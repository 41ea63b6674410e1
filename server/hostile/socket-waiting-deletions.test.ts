/**
 * Deletions that wait for another delegation's text, against a real server.
 * Yjs keeps a deletion of clocks it has not received until they come; the
 * server drops such waiting content from memory after a while
 * (extensions/waiting-content.ts), but the update log keeps it. A drafter
 * of one delegation deleting the clocks a drafter of another would type
 * next was accepted: once it was dropped from memory, the victim's later
 * typing was shown to everyone and acknowledged, and deleted by the
 * replay of the log at the document's next load (found by fuzzing the
 * collaboration socket). So was a deletion of the first text of a page
 * that had typed nothing yet, its id read off its presence: the text was
 * deleted as it came. Both are refused for now (a page's own deletion
 * overtaking its text syncs on its next socket, server/collab.test.ts); a
 * deletion waiting for text the writer's delegation has written before is
 * still accepted.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { REFUSED_TOO_EARLY } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { addDocument, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { assertValid, deletionUpdate, sendAlone } from './raw-socket.js'

let server: TestServer
let amal: string, claire: string, kenji: string
const logger = new MemoryLogger()
/** How long content may wait before the server drops it from memory (short, so that the test need not wait 10 s). */
const WAITING_EXPIRY_MS = 100
/** How long the server applies an accepted update again to the copies it checks the next ones on (extensions/validation.ts RECENT_MS), ms. */
const RECENT_MS = 3000

before(async () => {
  server = await startTestServer({ logger, waitingExpiryMs: WAITING_EXPIRY_MS })
  ;[amal, claire, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'claire'), login(server.url, 'kenji')])
})
after(() => server.close())

/** Whether an update of `user`'s was refused for deleting text the server has not received (passing: her page syncs and sends again). */
const refused = (user: string) => logger.entries.some(e => e.message === 'update refused' && e.fields.code === REFUSED_TOO_EARLY && e.fields.user === user)

/** The title of `documentId` as stored, and as a peer opening it again after it was unloaded sees it. */
async function titlesAfterReload(documentId: string): Promise<{ stored: string; reopened: string }> {
  await until(() => !server.hocuspocus.documents.has(documentId), 5000, 'the document is unloaded')
  const stored = yDocFromUpdates((await server.store.loadUpdates(documentId)).updates)
  assertValid(stored, 'the stored document')
  const reader = connect(server.url, documentId, kenji)
  try {
    await reader.synced
    return { stored: titleText(stored).toString(), reopened: titleText(reader.doc).toString() }
  } finally { reader.destroy() }
}

/**
 * `victim` types "A ", acknowledged; `attacker` deletes, on a socket of its own, the next thousand clocks of the
 * victim's editing session, which the server has not received; once the server no longer applies that deletion
 * again to the copies it checks updates on, what of it waits is dropped from memory; then the victim types
 * "Typed later ", acknowledged.
 */
async function typedAfterDeletionAhead(documentId: string, victim: Client, attacker: string): Promise<void> {
  titleText(victim.doc).insert(0, 'A ')
  await until(() => !victim.provider.hasUnsyncedChanges, 5000, 'the victim\'s typing is acknowledged')
  const next = Y.getState(victim.doc.store, victim.doc.clientID)
  await sendAlone(server.url, documentId, attacker, deletionUpdate(victim.doc.clientID, [[next, 1000]]))
  await new Promise(r => setTimeout(r, RECENT_MS + 3 * WAITING_EXPIRY_MS))
  titleText(victim.doc).insert(0, 'Typed later ')
  await until(() => !victim.provider.hasUnsyncedChanges, 5000, 'the later typing is acknowledged')
}

/** The later typing of `typedAfterDeletionAhead` stands in the stored document, and for a peer opening it again. */
async function assertLaterTypingKept(documentId: string): Promise<void> {
  const { stored, reopened } = await titlesAfterReload(documentId)
  assert.ok(stored.startsWith('Typed later A '), `the stored document keeps the later typing: ${JSON.stringify(stored)}`)
  assert.ok(reopened.startsWith('Typed later A '), `a peer opening the document again sees it: ${JSON.stringify(reopened)}`)
}

test('a deletion waiting for the text another delegation types next is refused: that text, once typed, survives the next load', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT', 'CEPT'], shared: true })
  const victim = connect(server.url, doc.id, amal), peer = connect(server.url, doc.id, claire)
  const clients: Client[] = [victim, peer]
  try {
    await Promise.all([victim.synced, peer.synced])
    // CEPT deletes ahead the clocks of APT's editing session
    await typedAfterDeletionAhead(doc.id, victim, claire)
    await until(() => titleText(peer.doc).toString().startsWith('Typed later '), 5000, 'the later typing reaches the peer')
    for (const c of clients) c.destroy()

    await assertLaterTypingKept(doc.id)
    assert.ok(refused('claire'), 'the waiting deletion of another delegation\'s text is refused')
  } finally { for (const c of clients) c.destroy() }
})

test('a deletion of the first text of an editing session the server has not heard of, sent by another delegation, deletes nothing once that session types', async () => {
  // the victim's page has typed nothing yet: its Yjs client id is registered to nobody, and the document holds none
  // of its clocks; every page in the document reads that id off the victim's presence, CEPT's page among them.
  // The victim types while the deletion would still wait (a server with the default expiry, 10 s)
  const patient = await startTestServer({ logger })
  const doc = await addDocument(patient.store, { delegations: ['APT', 'CEPT'], shared: true })
  const [amalHere, claireHere, kenjiHere] = await Promise.all([login(patient.url, 'amal'), login(patient.url, 'claire'), login(patient.url, 'kenji')])
  const victim = connect(patient.url, doc.id, amalHere), watcher = connect(patient.url, doc.id, claireHere)
  const clients: Client[] = [victim, watcher]
  try {
    await Promise.all([victim.synced, watcher.synced])
    victim.provider.setAwarenessField('cursor', null)
    await until(() => watcher.provider.awareness!.getStates().has(victim.doc.clientID), 5000, 'the victim\'s presence reaches CEPT\'s page')
    const readOffPresence = [...watcher.provider.awareness!.getStates().keys()].find(id => id !== watcher.doc.clientID)!
    await sendAlone(patient.url, doc.id, claireHere, deletionUpdate(readOffPresence, [[0, 1000]]))
    titleText(victim.doc).insert(0, 'Typed now ')
    await until(() => !victim.provider.hasUnsyncedChanges, 5000, 'the victim\'s typing is acknowledged')
    const live = () => titleText(patient.hocuspocus.documents.get(doc.id)!.getXmlFragment('prosemirror').doc!).toString()
    await until(() => titleText(watcher.doc).toString().startsWith('Typed now '), 5000, `the typing reaches the other page: ${JSON.stringify(titleText(watcher.doc).toString())}, the server's: ${JSON.stringify(live())}`)
    assert.ok(live().startsWith('Typed now '), `the server's document keeps it: ${JSON.stringify(live())}`)
    for (const c of clients) c.destroy()
    await until(() => !patient.hocuspocus.documents.has(doc.id), 5000, 'the document is unloaded')
    const reader = connect(patient.url, doc.id, kenjiHere)
    clients.push(reader)
    await reader.synced
    assert.ok(titleText(reader.doc).toString().startsWith('Typed now '), `a peer opening the document again sees it: ${JSON.stringify(titleText(reader.doc).toString())}`)
    assert.ok(refused('claire'), 'the deletion of a page\'s first text is refused')
  } finally { for (const c of clients) c.destroy(); await patient.close() }
})

test('a drafter\'s waiting deletion of her own session\'s text is still accepted', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  try {
    await a.synced
    titleText(a.doc).insert(0, 'Mine ')
    await until(() => !a.provider.hasUnsyncedChanges, 5000, 'the typing is acknowledged')
    // as a page whose text went out on a socket that closed sends its deletion of that text on the next one
    const before = logger.entries.length
    await sendAlone(server.url, doc.id, amal, deletionUpdate(a.doc.clientID, [[Y.getState(a.doc.store, a.doc.clientID), 3]]))
    assert.equal(logger.entries.slice(before).filter(e => e.message === 'update refused' && e.fields.user === 'amal').length, 0, 'not refused')
  } finally { a.destroy() }
})

test('a deletion waiting for the text a colleague of the same delegation types next, once dropped from memory, deletes nothing at the next load', async () => {
  // (the same delegation's clients count as the writer's own, so the deletion is accepted; what the server drops from
  // memory must then be gone from its update log too, or the replay at the next load deletes what everyone saw kept)
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const victim = connect(server.url, doc.id, amal)
  try {
    await victim.synced
    await typedAfterDeletionAhead(doc.id, victim, kenji)
    victim.destroy()
    await assertLaterTypingKept(doc.id)
  } finally { victim.destroy() }
})
