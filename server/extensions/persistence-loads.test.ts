import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import type { onLoadDocumentPayload } from '@hocuspocus/server'
import { DocumentLoads } from './document-loads.js'
import { Persistence } from './persistence.js'
import { RateLimiter } from './rate-limit.js'
import type { Store } from '../store/types.js'

test('a load the store fails ends its turn at once: the next opening does not wait for the turn\'s time-out', async () => {
  const loads = new DocumentLoads(new RateLimiter(250, 2000), { turnTimeoutMs: 60_000 })
  const store = { loadUpdates: async () => { throw new Error('the database is away') } } as unknown as Store
  const persistence = new Persistence(store, { loads })
  assert.equal(await loads.wait('amal', 'd1'), true)
  const payload = { document: new Y.Doc(), documentName: 'd1', context: { user: { id: 'amal' } } } as unknown as onLoadDocumentPayload
  await assert.rejects(persistence.onLoadDocument(payload), /away/)
  const next = loads.wait('kenji', 'd2')
  const granted = await Promise.race([next, new Promise(r => setTimeout(() => r('still waiting'), 1000))])
  assert.equal(granted, true)
})
