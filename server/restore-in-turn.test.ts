/**
 * A restore of a resolution's version and an adoption into it, sent
 * together, do not interleave: the version the adoption names holds the
 * adopted text, not the restored one. The restore is sent at the adoption's
 * worst moment: its text written in the live document, held on its way to
 * the store (as a slow commit holds it) until the restore has either
 * finished or asked for the resolution's turn. Counted over three tries:
 * each is decided by the order of the two, not by time.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createDocument } from './documents.js'
import type { HeldTurn } from './turns.js'
import { api, login, sampleJSON, startTestServer } from './test/helpers.js'
import type { TestServer } from './test/helpers.js'
import type { Store } from './store/types.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

const TRIES = 3

/** One try: which text the adopted version holds ('adopted' or 'restored'), and the two answers' statuses. */
async function adoptWhileRestoring(sec: string, k: number): Promise<{ named: string; statuses: number[] }> {
  const store = server.store as Store
  const resolution = await createDocument(store, { title: `R ${k}`, kind: 'resolution', delegations: ['Secretariat'], shared: true }, sampleJSON('THE TEXT IN FORCE'), null)
  const inForce = (await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/versions`, { name: 'Rev. Dubai, 2012' })).body as { id: string }
  const proposal = await createDocument(store, { title: `P ${k}`, kind: 'proposal', delegations: ['APT'], shared: true, baseDocumentId: resolution.id }, sampleJSON('THE ADOPTED TEXT'), null)

  const { appendUpdate, inTurn } = store
  const sent: { restore?: Promise<{ status: number }> } = {}
  let restoreWaits: () => void = () => undefined
  const restoreWaiting = new Promise<void>(resolve => { restoreWaits = resolve })
  store.inTurn = <T>(key: string, work: (turn: HeldTurn) => Promise<T>): Promise<T> => {
    if (sent.restore && key.includes(resolution.id)) restoreWaits()
    return inTurn.call(store, key, work) as Promise<T>
  }
  store.appendUpdate = async (id, update, meta) => {
    if (id === resolution.id && !sent.restore) {
      // the adoption's text is in the live document: the Secretariat's restore arrives now
      sent.restore = api(server.url, sec, 'POST', `/api/documents/${resolution.id}/restore`, { versionId: inForce.id })
      await Promise.race([sent.restore, restoreWaiting])
    }
    return appendUpdate.call(store, id, update, meta)
  }
  try {
    const adopted = await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/adopt`, { from: proposal.id, name: 'Rev. Geneva, 2028' })
    assert.ok(sent.restore, 'the adoption wrote its text')
    const restored = await sent.restore
    const named = adopted.status === 201 ? JSON.stringify((await api(server.url, sec, 'GET', `/api/versions/${adopted.body.id}`)).body.json) : ''
    return { named: named.includes('THE ADOPTED TEXT') ? 'adopted' : named.includes('THE TEXT IN FORCE') ? 'restored' : 'none', statuses: [adopted.status, restored.status] }
  } finally { store.appendUpdate = appendUpdate; store.inTurn = inTurn }
}

test('a restore sent while an adoption writes waits for it: the adopted version holds the adopted text', async () => {
  const sec = await login(server.url, 'sec')
  const outcomes: string[] = []
  for (let k = 0; k < TRIES; k++) {
    const { named, statuses } = await adoptWhileRestoring(sec, k)
    assert.deepEqual(statuses, [201, 201], 'both done')
    outcomes.push(named)
  }
  assert.deepEqual(outcomes, Array(TRIES).fill('adopted'), 'the version named by each adoption holds what was adopted')
})
