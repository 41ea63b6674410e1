import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { importText } from '../schema/text/index.js'
import { createDocument } from './documents.js'
import { api, login, startTestServer, type TestServer } from './test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

const fixture = (path: string) => JSON.parse(JSON.stringify(importText(readFileSync(new URL(`../fixtures/${path}`, import.meta.url))).doc.toJSON())) as unknown

test('GET /api/compile lines up stored proposals on a base; only what the user may read; bounded and checked input', async () => {
  const base = await createDocument(server.store, { title: 'Res 50 (2012)', delegations: [], shared: true }, fixture('res50-2012-ar.txt'), null)
  const apt = await createDocument(server.store, { title: 'APT', delegations: ['APT'], shared: true }, fixture('compilation/res50-apt-ar.txt'), null)
  const arb = await createDocument(server.store, { title: 'ARB (test)', delegations: ['ARB'], shared: false }, fixture('compilation/res50-arb-test-ar.txt'), null)
  const sec = await login(server.url, 'sec')
  const r = await api(server.url, sec, 'GET', `/api/compile?base=d:${base.id}&proposal=d:${apt.id}&proposal=d:${arb.id}`)
  assert.equal(r.status, 200)
  assert.deepEqual(r.body.sources.map((s: { name: string }) => s.name), ['APT', 'ARB'])
  assert.ok(r.body.rows.some((row: { cls: string }) => row.cls === 'conflict'))
  assert.ok(r.body.rows.some((row: { cls: string }) => row.cls === 'same'))
  assert.equal(r.body.summary.rows, r.body.rows.length)
  // an APT drafter cannot read ARB's unshared proposal, so cannot compile it
  const amal = await login(server.url, 'amal')
  assert.equal((await api(server.url, amal, 'GET', `/api/compile?base=d:${base.id}&proposal=d:${apt.id}&proposal=d:${arb.id}`)).status, 404)
  assert.equal((await api(server.url, amal, 'GET', `/api/compile?base=d:${base.id}&proposal=d:${apt.id}`)).status, 200)
  assert.equal((await api(server.url, sec, 'GET', `/api/compile?base=d:${base.id}`)).status, 400)
  assert.equal((await api(server.url, sec, 'GET', `/api/compile?base=x:1&proposal=d:${apt.id}`)).status, 400)
  const many = Array.from({ length: 13 }, () => `proposal=d:${apt.id}`).join('&')
  assert.equal((await api(server.url, sec, 'GET', `/api/compile?base=d:${base.id}&${many}`)).status, 400)
  assert.equal((await api(server.url, null, 'GET', `/api/compile?base=d:${base.id}&proposal=d:${apt.id}`)).status, 401)
})

test("a proposal whose MOD line names another delegation's source is compiled under its own delegation's name (the line cannot credit it to someone else)", async () => {
  const base = await createDocument(server.store, { title: 'Res 50 (2012) b', delegations: [], shared: true }, fixture('res50-2012-ar.txt'), null)
  const amal = await login(server.url, 'amal')
  const versions = await api(server.url, amal, 'GET', `/api/documents/${base.id}/versions`)
  const sec = await login(server.url, 'sec')
  const version = versions.body[0] ?? (await api(server.url, sec, 'POST', `/api/documents/${base.id}/versions`, { name: 'Dubai 2012' })).body
  const forged = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'forged', action: 'MOD', baseVersionId: version.id, proposalId: 'ARB/44A13/9' })
  assert.equal(forged.status, 201, JSON.stringify(forged.body))
  const honest = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'honest', action: 'MOD', baseVersionId: version.id, proposalId: 'APT/44A13/2' })
  const r = await api(server.url, sec, 'GET', `/api/compile?base=v:${version.id}&proposal=d:${forged.body.id}&proposal=d:${honest.body.id}`)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.deepEqual(r.body.sources.map((s: { name: string }) => s.name), ['APT', 'APT (2)'])
})
