/**
 * A session that ends ends its open sockets too (thirteenth probe: after
 * `POST /api/logout`, the token was refused by the API and by new sockets,
 * but a socket opened with it before went on writing into the document and
 * receiving every edit, for as long as it stayed open; so did one whose
 * session had expired). A socket is closed as on a change of rights
 * (ACCESS_CHANGED: the page opens again, and finds nobody signed in): at once
 * on the instance that ended the session, and within the re-check period
 * (`accessRecheckMs`) on the others, or once the session has expired.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { ACCESS_CHANGED } from '../../protocol/refusal.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'

let server: TestServer

before(async () => { server = await startTestServer({ accessRecheckMs: 300 }) })
after(() => server.close())

test('signing out closes the sockets opened with that session: what it sends afterwards reaches no one', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const token = await login(server.url, 'kenji')
  const other = await login(server.url, 'kenji')
  const victim = connect(server.url, doc.id, token)
  const sameUserOtherSession = connect(server.url, doc.id, other)
  const peer = connect(server.url, doc.id, await login(server.url, 'amal'))
  try {
    await Promise.all([victim.synced, sameUserOtherSession.synced, peer.synced])
    const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    assert.equal(out.status, 200)
    await until(() => victim.closes.some(c => c.code === ACCESS_CHANGED), 3000, 'the signed-out socket is closed')
    victim.provider.disconnect()
    titleText(victim.doc).insert(0, 'after-sign-out ')
    await victim.provider.connect()
    await new Promise(r => setTimeout(r, 500))
    assert.ok(!titleText(peer.doc).toString().includes('after-sign-out'), 'nothing sent after signing out reaches the others')
    assert.equal(sameUserOtherSession.closes.length, 0, 'the user\'s other session stays open')
  } finally { for (const c of [victim, sameUserOtherSession, peer]) c.destroy() }
})

test('a socket whose session ended elsewhere (another instance, the store) or expired is closed within the re-check period', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const token = await login(server.url, 'salma')
  const client = connect(server.url, doc.id, token)
  try {
    await client.synced
    // the session row removed behind this instance's back, as another instance's sign-out does
    await server.store.deleteSession(token.split('.')[0]!)
    await until(() => client.closes.some(c => c.code === ACCESS_CHANGED), 5000, 'the socket of the ended session is closed')
  } finally { client.destroy() }
})
