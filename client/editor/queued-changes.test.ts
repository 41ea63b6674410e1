import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import { addDocument, connect, countSentWhileOpen, login, startTestServer, titleText, until } from '../../server/test/helpers.js'
import type { Client, TestServer } from '../../server/test/helpers.js'
import { REFUSED_RATE } from '../../protocol/refusal.js'
import { madeAgainBySync, sendNoQueuedChanges } from './queued-changes.js'

let server: TestServer
let amal: string, kenji: string
before(async () => {
  server = await startTestServer()
  ;[amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
})
after(() => server.close())

/**
 * `page` loses its socket, types `keystrokes` characters into the title one by one meanwhile, and reconnects;
 * returns how many messages its socket sent from then until everything was acknowledged.
 */
async function typeWhileAway(page: Client, keystrokes: number): Promise<number> {
  page.socket.disconnect()
  // (a socket is asked to connect again once its close is done, as the browser's session does: client/editor/collab.ts)
  await until(() => page.socket.status === 'disconnected', 5000, 'the socket closed')
  const title = titleText(page.doc)
  for (let k = 0; k < keystrokes; k++) title.insert(title.length, k % 10 === 9 ? ' ' : 'ن')
  const sent = countSentWhileOpen(page)
  void page.socket.connect()
  await until(() => page.socket.status === 'connected' && !page.provider.hasUnsyncedChanges, 20_000, 'every change acknowledged')
  return sent.count
}

const refusals = (c: Client) => c.stateless.filter(m => (m as { type?: string }).type === 'refused') as { code: number }[]

test('a page back from being away sends what it typed meanwhile in its sync, not again keystroke by keystroke', async () => {
  const doc = await addDocument(server.store)
  const page = connect(server.url, doc.id, amal), peer = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([page.synced, peer.synced])
    sendNoQueuedChanges(page.socket, doc.id)
    const sent = await typeWhileAway(page, 600)
    await until(() => titleText(peer.doc).toString() === titleText(page.doc).toString(), 5000, 'the peer has every keystroke')
    assert.equal(titleText(peer.doc).length, 'Cybersecurity'.length + 600)
    assert.ok(sent < 20, `${sent} messages sent on reconnecting`)
    assert.deepEqual(refusals(page), [], 'nothing refused')
  } finally { page.destroy(); peer.destroy() }
})

test('without it, the same page sends every keystroke again, and past its socket\'s message rate it is refused for now', async () => {
  // (what sendNoQueuedChanges is for: the provider's own behaviour; the page still converges, on its next socket)
  const doc = await addDocument(server.store)
  const page = connect(server.url, doc.id, amal), peer = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([page.synced, peer.synced])
    const sent = await typeWhileAway(page, 600)
    assert.ok(sent >= 400, `${sent} messages sent on reconnecting`)
    assert.ok(refusals(page).some(r => r.code === REFUSED_RATE), JSON.stringify(refusals(page)))
    await until(() => titleText(peer.doc).toString() === titleText(page.doc).toString(), 5000, 'the peer has every keystroke')
  } finally { page.destroy(); peer.destroy() }
})

test('only the document\'s updates and presence are made again by the sync', () => {
  const message = (name: string, ...varUints: number[]) => {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, name)
    for (const n of varUints) encoding.writeVarUint(e, n)
    return encoding.toUint8Array(e)
  }
  assert.equal(madeAgainBySync(message('d', 0, 2, 0), 'd'), true, 'a document update')
  assert.equal(madeAgainBySync(message('d', 1, 0), 'd'), true, 'a presence update')
  assert.equal(madeAgainBySync(message('d', 0, 0, 0), 'd'), false, 'a first sync step')
  assert.equal(madeAgainBySync(message('d', 2, 0), 'd'), false, 'authentication')
  assert.equal(madeAgainBySync(message('e', 0, 2, 0), 'd'), false, 'another document\'s update')
  assert.equal(madeAgainBySync(new Uint8Array([200]), 'd'), false, 'not a message')
})
