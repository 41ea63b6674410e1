/**
 * Attribution against a real server (extensions/attribution.ts): typed text
 * and deletions are recorded under the session's delegation, in
 * Y.PermanentUserData's format; a client writing the `attribution` root
 * (or `rewrite`, the server's too) or writing with a client id that is
 * another delegation's (or the base text's) is refused, told why, and the
 * peers keep working with nothing lost.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { yDocFromUpdates } from '../collab/content.js'
import { MemoryLogger } from '../log.js'
import { ATTRIBUTION, REWRITE } from '../../protocol/shared-doc.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import { createDocument } from '../documents.js'
import { committeeDraftContent } from '../committee/draft-state.js'
import { attributionMap, registeredClients } from '../collab/attribution-map.js'
import { op, prov, res } from '../../schema/builders.js'
import type { Client, TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, assertValid } from './raw-socket.js'

let server: TestServer
let amal: string, kenji: string, claire: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[amal, kenji, claire] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji'), login(server.url, 'claire')])
})
after(() => server.close())

const shared = () => addDocument(server.store, { delegations: ['APT', 'CEPT'], shared: true })
/** Y.PermanentUserData over a copy of `d` (its observers stay off the live client's document). */
function users(d: Y.Doc): Y.PermanentUserData {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(d))
  return new Y.PermanentUserData(copy, copy.getMap(ATTRIBUTION))
}

/** The stored document, replayed from the update log. */
async function stored(id: string): Promise<Y.Doc> {
  return yDocFromUpdates((await server.store.loadUpdates(id)).updates)
}

test('typing and deleting are recorded under each session\'s delegation, in Y.PermanentUserData\'s format, live and stored', async () => {
  const doc = await shared()
  const a = connect(server.url, doc.id, amal), c = connect(server.url, doc.id, claire)
  try {
    await Promise.all([a.synced, c.synced])
    titleText(a.doc).insert(0, 'Global ')
    await until(() => titleText(c.doc).toString().startsWith('Global '), 5000, 'APT\'s typing reaches CEPT')
    titleText(c.doc).delete(0, 3)
    await until(() => !c.provider.hasUnsyncedChanges && !a.provider.hasUnsyncedChanges)
    await until(() => users(a.doc).getUserByDeletedId(new Y.ID(a.doc.clientID, 0)) !== null, 5000, 'the deletion is recorded')
    for (const [where, d] of [['live (a peer\'s copy)', a.doc], ['stored', await stored(doc.id)]] as const) {
      const pud = users(d)
      assert.equal(pud.getUserByClientId(a.doc.clientID), 'APT', `${where}: APT's client`)
      assert.equal(pud.getUserByClientId(c.doc.clientID), null, `${where}: CEPT's client wrote nothing, only deleted`)
      assert.equal(pud.getUserByDeletedId(new Y.ID(a.doc.clientID, 0)), 'CEPT', `${where}: CEPT deleted APT's "Glo"`)
      assert.equal(pud.getUserByDeletedId(new Y.ID(a.doc.clientID, 3)), null, `${where}: "bal" is not deleted`)
      const entry = d.getMap(ATTRIBUTION).get('CEPT') as Y.Map<Y.Array<unknown>>
      assert.ok(entry.get('ids') instanceof Y.Array && entry.get('ds') instanceof Y.Array, `${where}: { ids, ds } as Y.PermanentUserData keeps them`)
      assert.ok(entry.get('ds')!.toArray().every(x => x instanceof Uint8Array))
    }
    assertValid(await stored(doc.id), 'the stored document')
  } finally { a.destroy(); c.destroy() }
})

test('a deletion is stored as its delegation\'s even when the client leaves at once (gathered deletions are written on unload)', async () => {
  const doc = await shared()
  const c = connect(server.url, doc.id, claire)
  await c.synced
  titleText(c.doc).delete(0, 5)
  await until(() => !c.provider.hasUnsyncedChanges)
  // gone before the half second in which deletions are gathered: they are written as the document unloads
  c.destroy()
  await until(async () => { const d = await stored(doc.id); return users(d).getUserByDeletedId(firstTitleId(d)) === 'CEPT' }, 10_000, 'the deletion is stored as CEPT\'s')
  assertValid(await stored(doc.id), 'the stored document')
})

/** The id of the first item of the title's text (deleted or not). */
function firstTitleId(d: Y.Doc): Y.ID {
  return (titleText(d) as unknown as { _start: Y.Item })._start.id
}

test('two users of one delegation each register their client under it', async () => {
  const doc = await shared()
  const a = connect(server.url, doc.id, amal), k = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([a.synced, k.synced])
    titleText(a.doc).insert(0, 'A ')
    titleText(k.doc).insert(0, 'K ')
    await until(() => titleText(a.doc).length === titleText(k.doc).length && users(a.doc).getUserByClientId(k.doc.clientID) !== null)
    assert.equal(users(a.doc).getUserByClientId(a.doc.clientID), 'APT')
    assert.equal(users(a.doc).getUserByClientId(k.doc.clientID), 'APT')
  } finally { a.destroy(); k.destroy() }
})

/** Opens `doc` with an attacker (CEPT) and two APT peers; APT types first; runs `attack`; expects a refusal matching `why`. */
async function refused(attack: (bad: Client, peer: Client) => void, why: RegExp): Promise<void> {
  const doc = await shared()
  const bad = connect(server.url, doc.id, claire), a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    titleText(a.doc).insert(0, 'APT typed this. ')
    await until(() => titleText(bad.doc).toString().startsWith('APT typed this. ') && users(bad.doc).getUserByClientId(a.doc.clientID) === 'APT', 5000, 'the attacker sees APT\'s typing and its attribution')
    const attributionBefore = JSON.stringify(a.doc.getMap(ATTRIBUTION).toJSON())
    const titleBefore = titleText(a.doc).toString()
    attack(bad, a)
    await until(() => bad.closes.length > 0, 5000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice.code, REFUSED_INVALID)
    assert.match(notice.reason, why)
    assert.ok(logger.entries.some(e => e.message === 'update refused' && e.fields.document === doc.id && e.fields.delegation === 'CEPT'), 'the refusal is logged')
    assert.equal(titleText(a.doc).toString(), titleBefore, 'nothing of the attack reached the peer')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    assert.equal(users(a.doc).getUserByClientId(a.doc.clientID), 'APT', 'APT\'s client is still APT\'s')
    assert.ok(JSON.stringify(a.doc.getMap(ATTRIBUTION).toJSON()).length >= attributionBefore.length, 'no attribution lost')
    const s = await stored(doc.id)
    assert.ok(titleText(s).toString().includes('APT typed this. '), 'the stored text keeps APT\'s typing')
    assert.equal(users(s).getUserByClientId(a.doc.clientID), 'APT', 'the stored attribution keeps APT\'s client')
    assertValid(s, 'the stored document')
  } finally { bad.destroy(); a.destroy(); b.destroy() }
}

test('typing with another delegation\'s client id is refused', () =>
  refused((bad, peer) => {
    bad.doc.clientID = peer.doc.clientID
    titleText(bad.doc).insert(0, 'Forged as APT. ')
  }, /client id \d+ is not yours: it wrote for APT/))

test('typing with the client id of text nobody registered (the initial content) is refused', () =>
  refused(bad => {
    const pud = users(bad.doc)
    const owner = [...bad.doc.store.clients.keys()].find(c => c !== bad.doc.clientID && pud.getUserByClientId(c) === null)
    assert.ok(owner !== undefined, 'the document holds text of an unregistered client (its import)')
    bad.doc.clientID = owner
    titleText(bad.doc).insert(0, 'Forged. ')
  }, /client id \d+ is not yours/))

test('a client writing the attribution root is refused', () =>
  refused(bad => {
    const entry = bad.doc.getMap(ATTRIBUTION).get('APT') as Y.Map<Y.Array<number>>
    entry.get('ids')!.push([bad.doc.clientID])
  }, /changes to "attribution", which only the server writes/))

test('a client deleting from the attribution root is refused', () =>
  refused(bad => { bad.doc.getMap(ATTRIBUTION).delete('APT') }, /changes to "attribution"/))

test('a client adding its own entry to the attribution root is refused', () =>
  refused(bad => {
    const forged = new Y.Map<Y.Array<unknown>>()
    forged.set('ids', Y.Array.from([bad.doc.clientID]) as Y.Array<unknown>)
    forged.set('ds', new Y.Array())
    bad.doc.getMap(ATTRIBUTION).set('APT, ARB', forged)
  }, /changes to "attribution"/))

test('a client writing the record of a version written over the text (which tells pages not to put back the words it dropped) is refused', () =>
  refused(bad => { bad.doc.getMap(REWRITE).set('known', Y.encodeStateVector(bad.doc)) }, /changes to "rewrite", which only the server writes/))

test('in a committee draft, writing with the client id of the base text or of a proposal\'s step is refused', async () => {
  const base = res({ title: 'Cybersecurity' }, op('resolves', prov('to act.', { id: 'r1' }), { id: 's2' }))
  const step = res({ title: 'Cybersecurity' }, op('resolves', prov('to act now.', { id: 'r1' }), { id: 's2' }))
  const content = committeeDraftContent(base, [{ sources: ['ARB'], doc: step }])
  const y = new Y.Doc()
  Y.applyUpdate(y, content.update)
  const owners = registeredClients(attributionMap(y))
  const baseClient = [...owners].find(([, d]) => d === '')![0], arbClient = [...owners].find(([, d]) => d === 'ARB')![0]
  for (const [client, why] of [[baseClient, /it wrote the base text/], [arbClient, /it wrote for ARB/]] as const) {
    const doc = await createDocument(server.store, { title: 'Draft', kind: 'committee-draft', delegations: ['APT', 'ARB', 'CEPT', 'Secretariat'], shared: true }, content, null)
    const bad = connect(server.url, doc.id, claire), peer = connect(server.url, doc.id, amal)
    try {
      await Promise.all([bad.synced, peer.synced])
      bad.doc.clientID = client
      titleText(bad.doc).insert(0, 'Forged. ')
      await until(() => bad.closes.length > 0, 5000, 'the attacker is refused')
      const notice = bad.stateless.find(x => (x as { type?: string }).type === 'refused') as { reason: string }
      assert.match(notice.reason, why)
      assert.ok(!titleText(peer.doc).toString().includes('Forged'))
    } finally { bad.destroy(); peer.destroy() }
  }
})
