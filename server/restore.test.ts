import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { addDocument, api, connect, login, startTestServer, titleText, until } from './test/helpers.js'
import type { TestServer } from './test/helpers.js'
import { REWRITE } from '../protocol/shared-doc.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

const storedTitle = async (id: string) => {
  const { updates } = await server.store.loadUpdates(id)
  const d = new Y.Doc()
  for (const u of updates) Y.applyUpdate(d, u)
  return titleText(d).toString()
}

test('restoring a version: a new change everyone sees and the log keeps, with checkpoints before and after; nothing rewritten', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'] })
  const [sec, amal] = [await login(server.url, 'sec'), await login(server.url, 'amal')]
  const v1 = (await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'First' })).body
  const client = connect(server.url, doc.id, amal)
  await client.synced
  titleText(client.doc).insert(0, 'Changed ')
  await until(async () => (await storedTitle(doc.id)) === 'Changed Cybersecurity', 3000, 'edit stored')
  const logBefore = (await server.store.loadUpdates(doc.id)).updates.length

  const r = await api(server.url, amal, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  await until(() => titleText(client.doc).toString() === 'Cybersecurity', 3000, 'restore relayed to the open editor')
  // the change says what it replaced held (protocol/written-over.ts): Amal's page must not put back the words it dropped
  const known = Y.decodeStateVector(client.doc.getMap(REWRITE).get('known') as Uint8Array)
  assert.equal(known.get(client.doc.clientID), 'Changed '.length, 'the restore knew every character Amal had typed')
  assert.equal(await storedTitle(doc.id), 'Cybersecurity')
  assert.ok((await server.store.loadUpdates(doc.id)).updates.length > logBefore, 'appended, not rewritten')
  const versions = (await api(server.url, amal, 'GET', `/api/documents/${doc.id}/versions`)).body as { name: string; automatic: boolean; id: string; createdBy: { name: string } }[]
  assert.deepEqual(versions.map(v => [v.name, v.automatic]), [['First', false], ['⟲ before restoring “First”', true], ['⟲ restored “First”', true]])
  assert.equal(versions[1]!.createdBy.name, 'Amal')
  const beforeJSON = (await api(server.url, amal, 'GET', `/api/versions/${versions[1]!.id}`)).body.json
  assert.match(JSON.stringify(beforeJSON), /Changed Cybersecurity/, 'the checkpoint kept the text that was replaced')
  client.destroy()
})

test('restore is refused to those who may not write, for versions of another document, and checkpoint names are reserved', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const other = await addDocument(server.store, { delegations: ['APT'] })
  const sec = await login(server.url, 'sec')
  const v = (await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'V' })).body
  const w = (await api(server.url, sec, 'POST', `/api/documents/${other.id}/versions`, { name: 'W' })).body
  assert.equal((await api(server.url, await login(server.url, 'rita'), 'POST', `/api/documents/${doc.id}/restore`, { versionId: v.id })).status, 403)
  assert.equal((await api(server.url, await login(server.url, 'salma'), 'POST', `/api/documents/${doc.id}/restore`, { versionId: v.id })).status, 403)
  assert.equal((await api(server.url, await login(server.url, 'amal'), 'POST', `/api/documents/${doc.id}/restore`, { versionId: w.id })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: '⟲ fake checkpoint' })).status, 400)
})

test("restores are paid from the user's share of the server's time: past it, a 429 that says when to try again, and nothing restored", async () => {
  const tight = await startTestServer({ checkBudget: { msPerSecond: 0.01, burstMs: 0.5 } })
  try {
    const doc = await addDocument(tight.store, { delegations: ['APT'] })
    const [sec, amal] = [await login(tight.url, 'sec'), await login(tight.url, 'amal')]
    const v1 = (await api(tight.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'First' })).body
    // read once by a reviewer, so that the version is kept: a version read from the store is paid by its reader, and
    // on a loaded machine that read alone overdrew amal's share before her first restore began
    assert.equal((await api(tight.url, await login(tight.url, 'rita'), 'GET', `/api/versions/${v1.id}`)).status, 200)
    const first = await api(tight.url, amal, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })
    assert.equal(first.status, 201, 'the first restore is made (it overdraws the share)')
    const versionsBefore = (await tight.store.listVersions(doc.id)).length
    const r = await fetch(`${tight.url}/api/documents/${doc.id}/restore`, { method: 'POST', headers: { authorization: `Bearer ${amal}`, 'content-type': 'application/json' }, body: JSON.stringify({ versionId: v1.id }) })
    assert.equal(r.status, 429)
    assert.ok(Number(r.headers.get('retry-after')) >= 1, 'Retry-After says when')
    assert.equal((await r.json() as { code: string }).code, 'over-time-share')
    assert.equal((await tight.store.listVersions(doc.id)).length, versionsBefore, 'no checkpoint made by the refused restore')
    // another user's share is their own
    const kenji = await login(tight.url, 'kenji')
    assert.equal((await api(tight.url, kenji, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })).status, 201)
  } finally { await tight.close() }
})

test("the checkpoints a restore keeps are paid from the user's budget of checkpoint bytes, as their sessions' are: past it, a 429 and nothing restored", async () => {
  const tight = await startTestServer({ checkpoints: { bytesPerUser: { perSecond: 1, burst: 500 } } })
  try {
    const doc = await addDocument(tight.store, { delegations: ['APT', 'Secretariat'] })
    const [sec, amal] = [await login(tight.url, 'sec'), await login(tight.url, 'amal')]
    const v1 = (await api(tight.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'First' })).body
    assert.equal((await api(tight.url, amal, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })).status, 201, 'the first (it overdraws the budget)')
    const versionsBefore = (await tight.store.listVersions(doc.id)).length
    const r = await fetch(`${tight.url}/api/documents/${doc.id}/restore`, { method: 'POST', headers: { authorization: `Bearer ${amal}`, 'content-type': 'application/json' }, body: JSON.stringify({ versionId: v1.id }) })
    assert.equal(r.status, 429)
    assert.ok(Number(r.headers.get('retry-after')) >= 1, 'Retry-After says when')
    assert.equal((await r.json() as { code: string }).code, 'over-checkpoint-budget')
    assert.equal((await tight.store.listVersions(doc.id)).length, versionsBefore, 'no checkpoint made by the refused restore')
    // another user's budget is their own; the Secretariat's restores are not budgeted
    assert.equal((await api(tight.url, await login(tight.url, 'kenji'), 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })).status, 201)
    assert.equal((await api(tight.url, sec, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })).status, 201)
    assert.equal((await api(tight.url, sec, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v1.id })).status, 201)
  } finally { await tight.close() }
})
