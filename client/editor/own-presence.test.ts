import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as decoding from 'lib0/decoding'
import type { Awareness } from 'y-protocols/awareness'
import { addDocument, connect, countSentWhileOpen, login, startTestServer, until } from '../../server/test/helpers.js'
import type { Client, TestServer } from '../../server/test/helpers.js'
import { ownChange, sendOwnPresenceOnly } from './own-presence.js'

let server: TestServer
const tokens: string[] = []
before(async () => {
  server = await startTestServer()
  for (const user of ['amal', 'kenji', 'salma']) tokens.push(await login(server.url, user))
})
after(() => server.close())

/** Whether a message is a presence (awareness) message. */
function isPresence(message: Uint8Array): boolean {
  const d = decoding.createDecoder(message)
  decoding.readVarString(d)
  return decoding.readVarUint(d) === 1
}

/** Twelve pages on one document, each showing its presence once every page is there; the presence messages each sent. */
async function twelvePagesShowThemselves(ownOnly: boolean): Promise<{ sent: number[]; seen: number[] }> {
  const doc = await addDocument(server.store, { delegations: ['APT', 'ARB'] })
  const pages = Array.from({ length: 12 }, (_, k) => connect(server.url, doc.id, tokens[k % tokens.length]!))
  try {
    await Promise.all(pages.map(p => p.synced))
    if (ownOnly) for (const p of pages) sendOwnPresenceOnly(p.provider)
    const counters = pages.map(p => countSentWhileOpen(p, isPresence))
    for (const p of pages) p.provider.setAwarenessField('cursor', null)
    const states = (p: Client) => (p.provider.awareness as Awareness).getStates()
    await until(() => pages.every(p => pages.every(q => q === p || (states(p).get(q.doc.clientID) as { user?: unknown } | undefined)?.user)), 10_000, 'every page sees every other page')
    await new Promise(r => setTimeout(r, 300))
    return { sent: counters.map(c => c.count), seen: pages.map(p => states(p).size) }
  } finally { for (const p of pages) p.destroy() }
}

test('a page sends its own presence, not the other pages\' back: each page\'s presence reaches every page', async t => {
  const { sent, seen } = await twelvePagesShowThemselves(true)
  t.diagnostic(`presence messages sent per page: ${sent.join(' ')}`)
  assert.deepEqual(seen, Array(12).fill(12), 'every page sees twelve')
  assert.ok(Math.max(...sent) <= 2, `presence messages sent per page: ${sent.join(' ')}`)
})

test('without it, each page sends the others\' presence back too (what sendOwnPresenceOnly is for)', async t => {
  const { sent } = await twelvePagesShowThemselves(false)
  t.diagnostic(`presence messages sent per page: ${sent.join(' ')}`)
  assert.ok(sent.reduce((a, b) => a + b, 0) > 12 * 4, `presence messages sent per page: ${sent.join(' ')}`)
})

test('of an awareness change, only the own client\'s part is kept', () => {
  assert.deepEqual(ownChange({ added: [1, 7], updated: [7, 3], removed: [4] }, 7), { added: [7], updated: [7], removed: [] })
  assert.deepEqual(ownChange({ added: [1], updated: [3], removed: [4] }, 7), { added: [], updated: [], removed: [] })
})
