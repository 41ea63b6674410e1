import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDocument, api, connect, login, startTestServer, titleText, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { MemoryLogger } from '../log.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

type Listed = { name: string; automatic: boolean; id: string; createdBy: { name: string; delegation: string } | null }
const versions = async (token: string, id: string) => (await api(server.url, token, 'GET', `/api/documents/${id}/versions`)).body as Listed[]

test('leaving a document one changed keeps an automatic checkpoint of its text, by that delegate; a reader leaves none', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const [amal, rita] = [await login(server.url, 'amal'), await login(server.url, 'rita')]
  const reader = connect(server.url, doc.id, rita)
  await reader.synced
  reader.destroy()
  await new Promise(r => setTimeout(r, 300))
  assert.deepEqual(await versions(amal, doc.id), [], 'a session that changed nothing leaves no checkpoint')

  const writer = connect(server.url, doc.id, amal)
  await writer.synced
  titleText(writer.doc).insert(0, 'Session ')
  await until(async () => JSON.stringify((await api(server.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json).includes('Session Cybersecurity'), 5000, 'edit stored')
  writer.destroy()
  await until(async () => (await versions(amal, doc.id)).length === 1, 5000, 'checkpoint made on leaving')
  const [checkpoint] = await versions(amal, doc.id)
  assert.equal(checkpoint!.automatic, true)
  assert.equal(checkpoint!.name, '⟲ after the session of Amal (APT)')
  assert.deepEqual(checkpoint!.createdBy, { name: 'Amal', delegation: 'APT' })
  const json = (await api(server.url, amal, 'GET', `/api/versions/${checkpoint!.id}`)).body.json
  assert.match(JSON.stringify(json), /Session Cybersecurity/)
})

test("a delegate's sessions keep checkpoints up to a budget of stored bytes; past it, a session leaves none (logged), and the text itself is saved", async () => {
  const logger = new MemoryLogger()
  const budgeted = await startTestServer({ logger, checkpoints: { minIntervalMs: 0, bytesPerUser: { perSecond: 0, burst: 1 } } })
  try {
    const doc = await addDocument(budgeted.store, { delegations: ['APT'] })
    const amal = await login(budgeted.url, 'amal')
    const listed = async () => (await api(budgeted.url, amal, 'GET', `/api/documents/${doc.id}/versions`)).body as Listed[]
    for (const word of ['One ', 'Two ']) {
      const writer = connect(budgeted.url, doc.id, amal)
      await writer.synced
      titleText(writer.doc).insert(0, word)
      await until(() => !writer.provider.hasUnsyncedChanges, 5000, 'edit stored')
      writer.destroy()
      await until(async () => (await listed()).length === 1 || logger.entries.some(e => e.message === 'checkpoint not made'), 5000, 'checkpoint or skip')
    }
    assert.equal((await listed()).length, 1, 'the first session left its checkpoint, the second none')
    assert.ok(logger.entries.some(e => e.message === 'checkpoint not made' && /budget/.test(String(e.fields.error)) && e.fields.user === 'Amal'), 'the skip is logged with the user')
    const json = (await api(budgeted.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json
    assert.match(JSON.stringify(json), /Two One Cybersecurity/)
  } finally { await budgeted.close() }
})
