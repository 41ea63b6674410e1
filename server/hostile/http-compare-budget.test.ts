/**
 * Comparing two large unrelated versions (GET /api/compare) holds the diff
 * engine's work budget end to end. The word diff of each provision has one
 * (diff/bounded-diff.ts), and looking for moves scored at most 250,000
 * pairs of deleted and inserted provisions, whatever their length: two
 * unrelated versions of 500 provisions of 2,500 words (6 MB each, within
 * every limit) merged 1.3·10⁹ words to score them, and the comparison took
 * 29 s of a worker on a busy machine (the pool stops a job at 30 s),
 * answering that 496 of the provisions had moved. Scoring is now bounded
 * by the words it merges too (diff/moves.ts MAX_SCORED_WORDS); past it,
 * only provisions of the same text are taken for moves, as past the pairs'
 * bound. Counted, not timed: the answer says what was compared, and no
 * unrelated provision is taken for a move.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { op, pre, prov, res } from '../../schema/builders.js'
import { addDocument, connect, login, startTestServer, type TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

/** `count` words drawn from one vocabulary of 5,000 (so that any two long provisions share most of their words), from `seed`. */
function words(seed: number, count: number): string {
  let x = seed
  return Array.from({ length: count }, () => { x = (x * 1103515245 + 12345) % 2147483648; return `w${(x % 5000).toString(36)}` }).join(' ')
}

/** A version of 300 provisions of 2,000 such words, none the other's, stored directly. */
async function unrelatedVersion(documentId: string, seed: number): Promise<string> {
  const text = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: 'Cybersecurity' }, pre('considering', prov('that a;')),
    op('resolves', ...Array.from({ length: 300 }, (_, i) => prov(`that ${words(seed * 100_000 + i, 2000)}`))))
  const id = randomUUID()
  await server.store.createVersion({ id, documentId, name: `version ${seed}`, createdAt: new Date().toISOString(), createdBy: null, json: JSON.parse(JSON.stringify(text.toJSON())) as unknown })
  return id
}

test('two unrelated versions of 300 long provisions: compared within the budget, every provision deleted or added, none taken for a move', { timeout: 120_000 }, async t => {
  const doc = await addDocument(server.store, { delegations: ['Secretariat'], shared: true, title: 'Unrelated' })
  const [a, b] = [await unrelatedVersion(doc.id, 1), await unrelatedVersion(doc.id, 2)]
  const rita = await login(server.url, 'rita')
  const r = await fetch(`${server.url}/api/compare?old=v:${a}&new=v:${b}`, { headers: { authorization: `Bearer ${rita}` } })
  const body = await r.text()
  assert.equal(r.status, 200, body.slice(0, 300))
  const { counts } = (JSON.parse(body) as { summary: { counts: Record<string, number> } }).summary
  t.diagnostic(JSON.stringify(counts))
  assert.deepEqual({ moved: counts.moved, deleted: counts.SUP, added: counts.ADD }, { moved: 0, deleted: 300, added: 300 })
  const small = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Small' })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const x = connect(server.url, small.id, amal), y = connect(server.url, small.id, kenji)
  try {
    await Promise.all([x.synced, y.synced])
    await assertStillServing(server.url, server.store, x, y, [small.id])
  } finally { x.destroy(); y.destroy() }
})
