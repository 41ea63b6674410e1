/**
 * What a read-only connection's sync messages cost the server. They are
 * never applied, but each SyncStep2 is checked against a snapshot of the
 * whole document, by validation (to say why it is refused) and again by
 * Hocuspocus (to answer "synced" or not): a megabyte of deletion ranges
 * took some 10 ms, and a read-only user sending a hundred a second kept the
 * server busy (a fuzzing helper: an honest keystroke's round trip went from
 * 23 to 430 ms). That time is now paid from the user's check budget, as a
 * writer's checks are: past it, the connection is throttled.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as encoding from 'lib0/encoding'
import { REFUSED_RATE } from '../collab/refusal.js'
import { SYNC_STEP_2 } from '../collab/messages.js'
import { addDocument, connect, login, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { message } from './raw-socket.js'

let server: TestServer
let claire: string

before(async () => {
  // a small budget, so that a few heavy checks exhaust it
  server = await startTestServer({ checkBudget: { msPerSecond: 1, burstMs: 20 } })
  claire = await login(server.url, 'claire')
})
after(() => server.close())

/** A Yjs update of no structs and `ranges` deletion ranges of one client, in descending order (sorted by the check's merge). */
function deletionRanges(ranges: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, 123456)
  encoding.writeVarUint(e, ranges)
  for (let i = 0; i < ranges; i++) { encoding.writeVarUint(e, (ranges - i) * 2); encoding.writeVarUint(e, 1) }
  return encoding.toUint8Array(e)
}

test('a read-only connection sending heavy sync messages again and again is throttled', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const reader = connect(server.url, doc.id, claire)
  try {
    await reader.synced
    assert.equal(reader.provider.authorizedScope, 'readonly')
    const frame = message(doc.id, 0, e => { encoding.writeVarUint(e, SYNC_STEP_2); encoding.writeVarUint8Array(e, deletionRanges(100_000)) })
    const socket = (reader.socket as unknown as { webSocket: { send(m: Uint8Array): void } }).webSocket
    for (let i = 0; i < 40; i++) socket.send(frame)
    await until(() => reader.stateless.some(s => (s as { code?: number }).code === REFUSED_RATE), 20_000, 'the reader is throttled')
    const notice = reader.stateless.find(s => (s as { code?: number }).code === REFUSED_RATE) as { reason: string }
    assert.match(notice.reason, /rate-limited/)
    const health = await fetch(`${server.url}/api/health`)
    assert.equal(health.status, 200, 'the server still answers')
  } finally { reader.destroy() }
})
