/**
 * NUL characters (U+0000) in what the API reads. PostgreSQL's text cannot
 * hold one: the fourteenth probe's drafter started proposals titled
 * "x\u0000" on PostgreSQL and each was refused with PostgreSQL's own message
 * (400 "invalid byte sequence for encoding UTF8: 0x00") after the base text
 * had been written as the new document's first update, a row no document
 * owns; a refused creation gives its place in the creation budget back, so
 * nothing bounded it (60 requests, 60 orphan rows of the whole base). A
 * `%00` in an address (a document id, a reference, `?delegation=`) made a
 * 500 with a stack in the log, as did a user name with one at sign-in. On
 * the embedded store the same title was stored.
 *
 * Every JSON body and address is checked before anything is read or
 * stored: a NUL is refused with 400 (`bad-shape`), on either store. The
 * PostgreSQL half runs when DATABASE_URL is set.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { createVersion } from '../documents.js'
import { addDocument, api, login, startTestServer, type TestServer } from '../test/helpers.js'

const databaseUrl = process.env.DATABASE_URL

/** The NUL probes against one server; `orphanUpdates` counts update rows no document owns, where the test can. */
function nulProbes(start: () => Promise<{ server: TestServer; orphanUpdates?: () => Promise<number>; done?: () => Promise<void> }>): void {
  let server: TestServer
  let orphanUpdates: (() => Promise<number>) | undefined
  let done: (() => Promise<void>) | undefined
  let amal = ''
  let sec = ''
  let resolution = ''
  let version = ''
  before(async () => {
    ({ server, orphanUpdates, done } = await start())
    amal = await login(server.url, 'amal')
    sec = await login(server.url, 'sec')
    const doc = await addDocument(server.store, { shared: true, title: 'Resolution 50' })
    resolution = doc.id
    version = (await createVersion(server.store, server.hocuspocus, doc.id, 'Rev. Dubai, 2012', null)).id
  })
  after(async () => { await done?.(); await server.close() })

  const refusedAsNul = (r: { status: number; body: any }, what: string) => {
    assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.body).slice(0, 200)}`)
    assert.equal(r.body.code, 'bad-shape', what)
    assert.match(r.body.error, /NUL/, what)
  }

  test('a drafter\'s proposals titled with a NUL are refused before anything is stored, and spend nothing', async () => {
    const listed = (await api(server.url, amal, 'GET', '/api/documents')).body.length
    const orphans = await orphanUpdates?.()
    // more than the creation budget's burst (30): a refusal before the route spends nothing either way
    for (let k = 0; k < 35; k++) {
      refusedAsNul(await api(server.url, amal, 'POST', `/api/documents/${resolution}/proposal`, { title: `x\u0000${k}`, action: 'MOD', baseVersionId: version }), 'NUL title')
    }
    refusedAsNul(await api(server.url, amal, 'POST', `/api/documents/${resolution}/proposal`, { title: 'fine', source: 'APT\u0000', action: 'MOD', baseVersionId: version }), 'NUL source')
    assert.equal((await api(server.url, amal, 'GET', '/api/documents')).body.length, listed, 'no document stored')
    if (orphanUpdates) assert.equal(await orphanUpdates(), orphans, 'no update written for a document that was never made')
    const fine = await api(server.url, amal, 'POST', `/api/documents/${resolution}/proposal`, { title: 'fine', action: 'MOD', baseVersionId: version })
    assert.equal(fine.status, 201, 'a proper proposal is still started')
  })

  test('NUL in the Secretariat\'s bodies and at sign-in: 400, not a store error', async () => {
    refusedAsNul(await api(server.url, sec, 'POST', `/api/documents/${resolution}/versions`, { name: 'Rev.\u0000' }), 'version name')
    refusedAsNul(await api(server.url, sec, 'POST', '/api/documents', { title: 'T\u0000', text: 'RESOLUTION 5 (Rev. X, 2016)\nT\nresolves\n1\tthat a;\n' }), 'import title')
    refusedAsNul(await api(server.url, sec, 'POST', '/api/documents', { title: 'T', text: 'RESOLUTION 5 (Rev. X, 2016)\nT\nresolves\n1\tthat \u0000 a;\n' }), 'import text')
    refusedAsNul(await api(server.url, null, 'POST', '/api/login', { username: 'am\u0000al', password: 'amal-demo' }), 'user name')
    assert.equal((await api(server.url, null, 'POST', '/api/login', { username: 'amal', password: 'amal-demo' })).status, 200, 'signing in still works')
  })

  test('a NUL in the address (%00 in an id, a reference or a query value): 400', async () => {
    for (const path of [
      `/api/documents/${resolution}%00`, '/api/versions/x%00', `/api/documents/${resolution}/audit?delegation=A%00B`,
      `/api/compare?old=v:${version}%00&new=d:${resolution}`, `/api/documents/${resolution}/export?format=html&base=v:${version}%00`
    ]) refusedAsNul(await api(server.url, amal, 'GET', path), path)
    assert.equal((await api(server.url, amal, 'GET', `/api/documents/${resolution}`)).status, 200, 'the document itself is read')
  })
}

describe('embedded store', () => { nulProbes(async () => ({ server: await startTestServer() })) })

describe('PostgreSQL', { skip: databaseUrl ? false : 'DATABASE_URL not set' }, () => {
  nulProbes(async () => {
    const schema = `nul_${randomUUID().slice(0, 8)}`
    const server = await startTestServer({ databaseUrl, databaseSchema: schema })
    const pg = (await import('pg')).default
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema}` })
    return {
      server,
      orphanUpdates: async () => Number((await pool.query('SELECT count(*) AS n FROM updates u WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = u.doc_id)')).rows[0].n),
      done: async () => { await pool.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined); await pool.end() }
    }
  })
})
