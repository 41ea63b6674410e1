/**
 * What `npm run users` changes reaches what is already open (fifteenth
 * probe, real server with the command run beside it):
 *
 * - an account moved to another delegation, or made a reviewer, kept its
 *   open socket with the rights it opened with: 8 s after
 *   `change kenji --delegation CEPT` (re-check period 3 s), kenji's edit
 *   to APT's proposal still reached amal, under APT;
 * - a sign-in whose password was being checked while the account was
 *   closed (or given a new password) made its session after the sessions
 *   were ended: 78 sign-ins in a loop around `close`, one session kept
 *   working after "77 session(s) ended".
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { ACCESS_CHANGED } from '../../protocol/refusal.js'
import { closeAccount, resetPassword } from '../auth/accounts.js'
import { addDocument, api, connect, login, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'

let server: TestServer

before(async () => { server = await startTestServer({ accessRecheckMs: 300 }) })
after(() => server.close())

const userId = async (username: string) => (await server.store.findUser(username))!.id

test('an account given another delegation, role or name has its open sockets opened again, with the rights it has now', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT', 'ARB'], shared: false })
  const moved = connect(server.url, doc.id, await login(server.url, 'kenji'))
  const movedToo = connect(server.url, doc.id, await login(server.url, 'kenji'))
  const demoted = connect(server.url, doc.id, await login(server.url, 'amal'))
  const renamed = connect(server.url, doc.id, await login(server.url, 'sec'))
  const bystander = connect(server.url, doc.id, await login(server.url, 'salma'))
  try {
    await Promise.all([moved.synced, movedToo.synced, demoted.synced, renamed.synced, bystander.synced])
    // as `npm run users -- change` does, from another process, on the same store
    await server.store.updateUser(await userId('kenji'), { delegation: 'CEPT' })
    await server.store.updateUser(await userId('amal'), { role: 'reviewer' })
    await server.store.updateUser(await userId('sec'), { name: 'Secretariat (B. Okafor)' })
    // what the socket does not show (the interface's language) changes nothing
    await server.store.updateUser(await userId('salma'), { uiLang: 'en' })
    await until(() => moved.closes.some(c => c.code === ACCESS_CHANGED), 5000, 'the socket of the account moved to CEPT is closed')
    await until(() => demoted.closes.some(c => c.code === ACCESS_CHANGED), 5000, 'the socket of the account made a reviewer is closed')
    await until(() => renamed.closes.some(c => c.code === ACCESS_CHANGED), 5000, 'the socket of the renamed account is opened again under its new name')
    await until(() => movedToo.closes.some(c => c.code === ACCESS_CHANGED), 5000, 'every socket of the changed account')
    // checked in the same sweeps as the others
    assert.equal(bystander.closes.length, 0, 'an account whose rights and name did not change keeps its socket')
  } finally {
    for (const c of [moved, movedToo, demoted, renamed, bystander]) c.destroy()
    await server.store.updateUser(await userId('kenji'), { delegation: 'APT' })
    await server.store.updateUser(await userId('amal'), { role: 'drafter' })
    await server.store.updateUser(await userId('sec'), { name: 'Secretariat' })
    await server.store.updateUser(await userId('salma'), { uiLang: 'ar' })
  }
})

for (const [what, act] of [
  ['closed', (username: string) => closeAccount(server.store, username)],
  ['given a new password', (username: string) => resetPassword(server.store, username, 'a new passphrase')]
] as const) {
  test(`a sign-in whose password was being checked while the account was ${what} gets no session`, async () => {
    const username = what === 'closed' ? 'rita' : 'claire'
    const store = server.store
    const createSession = store.createSession
    // the account changes while the password is checked: before the sign-in stores its session
    store.createSession = async session => {
      store.createSession = createSession
      await act(username)
      return createSession.call(store, session)
    }
    try {
      const r = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-demo` }) })
      const body = await r.json() as { token?: string }
      if (body.token) assert.equal((await api(server.url, body.token, 'GET', '/api/me')).status, 401, `the session made as the account was ${what} does not work`)
      assert.equal(r.status, 401, 'the sign-in is refused as with a wrong password')
    } finally { store.createSession = createSession }
  })
}
