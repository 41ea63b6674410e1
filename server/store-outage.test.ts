/**
 * The store fails while delegates type (a full disk, PostgreSQL
 * restarting): an update that cannot be stored is neither applied nor
 * relayed, the failure is logged with document and user, the client is not
 * told its change is refused (it is not its fault: it keeps the change and
 * sends it again), and once the store is back every change arrives and is
 * stored. Nothing is lost.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MemoryLogger } from './log.js'
import { addDocument, api, connect, login, startTestServer, titleText, until } from './test/helpers.js'
import type { Client, TestServer } from './test/helpers.js'

const logger = new MemoryLogger()
let server: TestServer
let amal = '', kenji = ''
const clients: Client[] = []
before(async () => {
  server = await startTestServer({ logger })
  ;[amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
})
after(async () => { for (const c of clients) c.destroy(); await server.close() })

/** The store refuses every write, the health check's own too, as a full disk does (reads still answer); returns the end of the outage. */
function refuseWrites(method: 'appendUpdate' | 'storeJSON'): { tries(): number; end(): void } {
  const store = server.store
  const [write, ping] = [store[method], store.ping]
  let tries = 0
  store[method] = async () => { tries++; throw new Error('SQLITE_FULL: database or disk is full') }
  store.ping = async kind => { if (kind === 'write') throw new Error('SQLITE_FULL: database or disk is full'); return ping.call(store, kind) }
  return { tries: () => tries, end() { store[method] = write as never; store.ping = ping } }
}

test('updates typed while the store fails are not applied, logged, kept by the client, and stored once it is back', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  clients.push(a, b)
  await Promise.all([a.synced, b.synced])
  const outage = refuseWrites('appendUpdate')

  titleText(a.doc).insert(0, 'Typed during the outage: ')
  await until(() => outage.tries() > 0, 5000, 'an append tried')
  await new Promise(r => setTimeout(r, 300))
  assert.ok(!titleText(b.doc).toString().includes('outage'), 'not relayed while it cannot be stored')
  assert.ok(logger.entries.some(e => e.level === 'error' && /could not be stored/.test(e.message) && e.fields?.document === doc.id && e.fields?.user === 'amal'),
    `the failure is logged with document and user (${JSON.stringify(logger.entries.filter(e => e.level !== 'info').slice(-3))})`)
  assert.ok(!a.stateless.some(m => (m as { type?: string }).type === 'refused'), 'the client is not told its change is refused')
  const during = await api(server.url, null, 'GET', '/api/health')
  assert.deepEqual([during.status, during.body.ok, during.body.store], [503, false, 'failing'], 'health says the store fails (a proxy or a monitor takes the instance out)')

  outage.end()
  await until(() => titleText(b.doc).toString().startsWith('Typed during the outage: '), 10_000, 'relayed once the store is back')
  const after = await api(server.url, null, 'GET', '/api/health')
  assert.deepEqual([after.status, after.body.ok, after.body.store], [200, true, 'ok'], 'and that it is back once a change is stored')
  await until(async () => (await api(server.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json.content[1].content[0].text.startsWith('Typed during the outage'), 10_000, 'stored')
  assert.equal(titleText(a.doc).toString(), titleText(b.doc).toString())
})

test('a document snapshot that cannot be written (the debounced store) is logged and written once the store is back; the server goes on', async () => {
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  clients.push(a)
  await a.synced
  const outage = refuseWrites('storeJSON')

  titleText(a.doc).insert(0, 'Saved late: ')
  await until(() => outage.tries() > 0, 5000, 'a snapshot tried')
  await new Promise(r => setTimeout(r, 300))
  assert.ok(logger.entries.some(e => e.level === 'error' && /snapshot could not be written/.test(e.message) && e.fields?.document === doc.id),
    `the failure is logged with the document (${JSON.stringify(logger.entries.filter(e => e.level !== 'info').slice(-3))})`)
  const health = await api(server.url, amal, 'GET', '/api/health')
  assert.deepEqual([health.status, health.body.store], [503, 'failing'], 'the server still answers, and says the store fails')

  outage.end()
  titleText(a.doc).insert(0, 'Then: ')
  await until(async () => (await api(server.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json.content[1].content[0].text.startsWith('Then: Saved late: '), 10_000, 'the snapshot written once the store is back')
  assert.equal((await api(server.url, amal, 'GET', '/api/health')).status, 200)
})

test('a store back after a refused snapshot is ok again though nobody writes (an instance out of rotation gets no writes)', async () => {
  // nineteenth probe, a real server on PostgreSQL through a proxy: PostgreSQL away as a snapshot was due, the delegate
  // gone, PostgreSQL back: health answered 503 store failing for as long as it was asked (over ten minutes)
  const doc = await addDocument(server.store)
  const a = connect(server.url, doc.id, amal)
  await a.synced
  const outage = refuseWrites('storeJSON')
  titleText(a.doc).insert(0, 'Left during the outage: ')
  await until(() => outage.tries() > 0, 5000, 'a snapshot tried')
  a.destroy()
  await until(() => outage.tries() > 1, 5000, 'the last save tried as the document unloads')
  assert.equal((await api(server.url, null, 'GET', '/api/health')).status, 503)
  outage.end()
  await new Promise(r => setTimeout(r, 2100))   // past the reuse of the last round trip's outcome (2 s)
  const h = await api(server.url, null, 'GET', '/api/health')
  assert.deepEqual([h.status, h.body.store], [200, 'ok'], 'the health check\'s own write is taken')
})

test('a socket opened while the store fails is told the server is busy (the page opens again a few seconds later), not that it is forbidden', async () => {
  // nineteenth probe, a real server on PostgreSQL through a proxy: a delegate typed while PostgreSQL was away, the socket
  // closed with STORE_FAILED, the next one's opening was refused 'permission-denied' (a store read failed in the check of
  // the session), which the page does not open again after: the change was stored 28 s after PostgreSQL was back, when
  // the provider gave up its silent socket (30 s without a message)
  const doc = await addDocument(server.store)
  /** Opens the document while the store's `method` fails as a connection to PostgreSQL lost does. */
  const openWhileFailing = async (method: 'getSession' | 'loadUpdates') => {
    const read = server.store[method]
    server.store[method] = async () => { throw new Error('Connection terminated unexpectedly') }
    const client = connect(server.url, doc.id, amal)
    clients.push(client)
    try {
      await assert.rejects(client.synced, /authentication failed: busy/)
    } finally { server.store[method] = read as never }
  }
  await openWhileFailing('getSession')
  assert.ok(logger.entries.some(e => e.level === 'warn' && /opening could not be checked/.test(e.message) && e.fields?.error === 'Connection terminated unexpectedly'),
    `logged (${JSON.stringify(logger.entries.filter(e => e.level !== 'info').slice(-3))})`)

  // the same when the session is read but the document cannot be loaded
  await openWhileFailing('loadUpdates')
})

test('a store that does not answer a round trip (PostgreSQL away, idle) makes health say so within its time-out, and say ok once it answers', async () => {
  const ping = server.store.ping.bind(server.store)
  let answer: () => void = () => undefined
  server.store.ping = () => new Promise<void>(r => { answer = r })
  await new Promise(r => setTimeout(r, 2100))   // past the reuse of the last round trip's outcome (2 s)
  try {
    const started = Date.now()
    const h = await api(server.url, null, 'GET', '/api/health')
    assert.deepEqual([h.status, h.body.ok, h.body.store], [503, false, 'failing'])
    assert.ok(Date.now() - started < 5000, `answered in ${Date.now() - started} ms`)
  } finally { server.store.ping = ping; answer() }   // PostgreSQL back: the query that waited is answered
  await until(async () => (await api(server.url, null, 'GET', '/api/health')).status === 200, 10_000, 'ok again')
})

test('an API request the store cannot answer (PostgreSQL away or restarting, a full disk, the file locked) is answered 503 busy, to try again, and logged as a warning without a stack; a fault of the server itself stays a 500 with its stack', async () => {
  // nineteenth probe: during a PostgreSQL outage every API request was a 500 'internal error', logged with its stack
  const store = server.store
  const list = store.listDocuments
  const failures = [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
    Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })
  ]
  const ask = () => fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${amal}` } })
  try {
    for (const failure of failures) {
      store.listDocuments = async () => { throw failure }
      const logged = logger.entries.length
      const r = await ask()
      assert.deepEqual([r.status, r.headers.get('retry-after'), (await r.json() as { code?: string }).code], [503, '5', 'busy'], failure.message)
      const entries = logger.entries.slice(logged)
      assert.ok(entries.some(e => e.level === 'warn' && JSON.stringify(e.fields).includes(failure.message)), `${failure.message}: ${JSON.stringify(entries)}`)
      assert.ok(!entries.some(e => e.level === 'error'), `${failure.message}: ${JSON.stringify(entries)}`)
    }
    store.listDocuments = async () => { throw new TypeError('documents.map is not a function') }
    const logged = logger.entries.length
    assert.equal((await ask()).status, 500)
    assert.ok(logger.entries.slice(logged).some(e => e.level === 'error' && String(e.fields?.error).includes('TypeError')))
  } finally { store.listDocuments = list }
  assert.equal((await ask()).status, 200)
})
