/**
 * Document connections of one account (thirteenth probe): one account held
 * 815 signed-in sockets on one document, from eight addresses, and a
 * peer's keystrokes took twice as long; with enough addresses it could
 * take every file handle of the server. An account holds at most
 * `maxConnectionsPerUser` connections at once (opened together or one
 * after another); past it an opening is refused as busy (the page tries
 * again later), and a connection closed gives its place back. Others are
 * not held by it.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDocument, connect, login, startTestServer, until, type Client, type TestServer } from '../test/helpers.js'

const MAX = 20
let server: TestServer
before(async () => { server = await startTestServer({ maxConnectionsPerUser: MAX, maxConnectionsPerAddress: 1000, connectionRate: { perSecond: 1000, burst: 1000 } }) })
after(async () => { await server.close() })

/** Whether a client got the document (true) or was refused (false). */
const outcome = (c: Client) => c.synced.then(() => true, () => false)

test('an account holds a bounded number of document connections, opened at once or one after another; a closed one gives its place back; another account is not held', { timeout: 60_000 }, async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const clients: Client[] = []
  try {
    // opened all at once: the document is loaded by the first, the others come together
    const burst = Array.from({ length: MAX + 10 }, () => connect(server.url, doc.id, amal))
    clients.push(...burst)
    const results = await Promise.all(burst.map(c => Promise.race([outcome(c), new Promise<boolean>(r => setTimeout(() => r(false), 10_000))])))
    assert.equal(results.filter(Boolean).length, MAX, `${results.filter(Boolean).length} of ${burst.length} connections were let in`)
    // one more, later, is refused too
    const late = connect(server.url, doc.id, amal)
    clients.push(late)
    assert.equal(await Promise.race([outcome(late), new Promise<boolean>(r => setTimeout(() => r(false), 5000))]), false, 'one more, later, is refused')
    // another account opens the document
    const other = connect(server.url, doc.id, kenji)
    clients.push(other)
    await other.synced
    // a closed connection gives its place back
    const open = burst.filter((_, k) => results[k])
    for (const c of open.slice(0, 3)) c.destroy()
    await new Promise(r => setTimeout(r, 500))
    const again = connect(server.url, doc.id, amal)
    clients.push(again)
    await until(async () => await Promise.race([outcome(again), new Promise<boolean>(r => setTimeout(() => r(false), 200))]), 10_000, 'a place given back is taken')
  } finally { for (const c of clients) c.destroy() }
})
