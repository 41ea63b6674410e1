/**
 * Two adoptions into one resolution sent together. The route refuses a text
 * drafted on a version that is no longer in force (409 `older-base`: adopting
 * it would undo what was adopted since), but it read the versions, then
 * wrote: the seventeenth probe, on PostgreSQL (where each read is a round
 * trip), adopted proposals A and B, both drafted on the version in force,
 * at once: both 201, two versions named, and B's change was gone from the
 * text in force (A was written last), where one after the other B is
 * refused and the Secretariat compiles it with A. The embedded store's reads
 * are synchronous and hid it; here its `listVersions` takes a round trip as
 * PostgreSQL's does.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createVersion } from '../documents.js'
import { addDocument, api, connect, login, startTestServer, titleText, until, type TestServer } from '../test/helpers.js'

let server: TestServer
before(async () => {
  server = await startTestServer()
  // the answer of a read of the versions comes a round trip later, as on PostgreSQL
  const listVersions = server.store.listVersions.bind(server.store)
  server.store.listVersions = async (...args) => { const read = await listVersions(...args); await new Promise(r => setTimeout(r, 20)); return read }
})
after(() => server.close())

const titleOf = async (token: string, id: string): Promise<string> => {
  const json = (await api(server.url, token, 'GET', `/api/documents/${id}`)).body.json as { content: { type: string; content?: { text?: string }[] }[] }
  return json.content.find(n => n.type === 'resolutionTitle')?.content?.map(t => t.text ?? '').join('') ?? ''
}

test('of two proposals on the version in force adopted at once, one is adopted and the other refused as drafted on an older version', async () => {
  const [sec, amal] = [await login(server.url, 'sec'), await login(server.url, 'amal')]
  const resolution = await addDocument(server.store, { shared: true, title: 'Resolution 50', delegations: ['Secretariat'] })
  const inForce = await createVersion(server.store, server.hocuspocus, resolution.id, 'Rev. Dubai, 2012', null)
  const proposals: string[] = []
  for (const [word, at] of [['ALPHA ', 'start'], [' BETA', 'end']] as const) {
    const p = await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/proposal`, { title: `proposal${word}`, action: 'MOD', baseVersionId: inForce.id, delegations: ['APT'] })
    assert.equal(p.status, 201, JSON.stringify(p.body))
    const drafter = connect(server.url, p.body.id, amal)
    await drafter.synced
    const title = titleText(drafter.doc)
    title.insert(at === 'start' ? 0 : title.length, word)
    await until(async () => (await titleOf(sec, p.body.id)).includes(word.trim()), 5000, 'the proposal\'s edit stored')
    drafter.destroy()
    proposals.push(p.body.id)
  }

  const answers = await Promise.all(proposals.map((from, k) => api(server.url, sec, 'POST', `/api/documents/${resolution.id}/adopt`, { from, name: `Rev. ${k}` })))
  const statuses = answers.map(a => a.status).sort()
  assert.deepEqual(statuses, [201, 409], JSON.stringify(answers.map(a => a.body)))
  assert.equal(answers.find(a => a.status === 409)!.body.code, 'older-base')
  const adopted = answers.findIndex(a => a.status === 201)
  const title = await titleOf(sec, resolution.id)
  assert.ok(title.includes(adopted === 0 ? 'ALPHA' : 'BETA') && !title.includes(adopted === 0 ? 'BETA' : 'ALPHA'), title)
  const named = ((await api(server.url, sec, 'GET', `/api/documents/${resolution.id}/versions`)).body as { name: string; automatic: boolean }[]).filter(v => !v.automatic).map(v => v.name)
  assert.deepEqual(named, ['Rev. Dubai, 2012', `Rev. ${adopted}`])
})
