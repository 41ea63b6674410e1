/**
 * When each document's last automatic checkpoint was made is kept for as
 * long as it holds the next one back (`minIntervalMs`), not for every
 * document the process ever checkpointed: a server running a whole
 * assembly sees thousands of documents changed and left (soak probe).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { onDisconnectPayload } from '@hocuspocus/server'
import { Checkpoints } from './checkpoints.js'
import { openSqliteStore } from '../store/sqlite.js'
import { countSessionUpdate } from '../collab/session-updates.js'
import type { User } from '../store/types.js'

const amal: User = { id: 'u-amal', username: 'amal', name: 'Amal', delegation: 'APT', role: 'drafter', uiLang: 'ar' }

/** A session of Amal's that changed `documentName` leaves it (the store holds no such document: no checkpoint is written). */
const leave = (checkpoints: Checkpoints, documentName: string) => {
  const context = { user: amal }
  countSessionUpdate(context)
  return checkpoints.onDisconnect({ documentName, context } as unknown as onDisconnectPayload)
}

test('the time of a checkpoint is forgotten once it no longer holds the next one back', async () => {
  const store = openSqliteStore(':memory:')
  try {
    const checkpoints = new Checkpoints(store, { minIntervalMs: 40 })
    for (let n = 0; n < 50; n++) await leave(checkpoints, `doc-${n}`)
    assert.equal(checkpoints.documentsHeld, 50, 'each held back for the interval')
    await new Promise(r => setTimeout(r, 60))
    await leave(checkpoints, 'doc-last')
    assert.equal(checkpoints.documentsHeld, 1, 'only the checkpoint made within the interval is kept')
  } finally { await store.close() }
})
