/**
 * The catch-up once Redis is back (nineteenth probe): two Hocuspocus
 * instances in this process share documents through Redis, one of them
 * through a proxy the test controls. Every document loaded is caught up,
 * but a batch at a time, the next once the last is answered, never all at
 * once. Skipped, visibly, without Redis.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Hocuspocus, type DirectConnection } from '@hocuspocus/server'
import type { Redis as RedisClient } from 'ioredis'
import * as Y from 'yjs'
import { BATCH_ANSWER_BYTES, MAX_DOCUMENTS_PER_BATCH, expectedAnswerBytes } from './collab/catch-up.js'
import { FanOut } from './collab/fan-out.js'
import { MESSAGE_SYNC, MESSAGE_SYNC_REPLY, SYNC_STEP_1, SYNC_STEP_2, parseMessage } from './collab/messages.js'
import { until } from './test/helpers.js'
import { RedisProxy } from './test/redis-proxy.js'

/** Documents loaded on both instances. */
const DOCUMENTS = 12
/** Characters of each, every other one deleted (the probe's texts, smaller: some fit a batch together). */
const RUN = 40_000

/** The document name and kind of a message an instance published or heard (after the instance's identifier), and whose it is. */
function read(data: Buffer): { from: string; name: string; type: number; step?: number | undefined } {
  const prefixLength = data[0]! + 1
  const message = parseMessage(data.subarray(prefixLength))
  return { from: data.toString('utf-8', 1, prefixLength), name: message.documentName, type: message.type, step: message.syncStep }
}

test('once Redis is back, the loaded documents are caught up a batch at a time, each batch once the last is answered, and all of them in the end', { timeout: 120_000 }, async t => {
  const redisUrl = process.env.REDIS_URL
  if (!redisUrl) { t.skip('REDIS_URL not set'); return }
  const proxy = new RedisProxy(new URL(redisUrl))
  const proxied = await proxy.listen()
  const prefix = `catchup-test-${Math.random().toString(36).slice(2, 10)}`
  // answers are waited for as long as it takes: the order of batches and answers does not depend on timing
  const fanA = new FanOut({ url: proxied, prefix, catchUpWaitMs: 60_000 })
  const fanB = new FanOut({ url: redisUrl, prefix })
  const a = new Hocuspocus({ quiet: true, extensions: [fanA] })
  const b = new Hocuspocus({ quiet: true, extensions: [fanB] })
  const connections: DirectConnection[] = []
  const names = Array.from({ length: DOCUMENTS }, (_, i) => `doc-${i}`)
  const text = (h: Hocuspocus, name: string) => h.documents.get(name)?.getText('t').toString()
  let ticking: NodeJS.Immediate | undefined
  try {
    const redisOf = (f: FanOut) => [f.pub, f.sub] as RedisClient[]
    await until(() => [...redisOf(fanA), ...redisOf(fanB)].every(r => r.status === 'ready'), 10_000, 'both instances reach Redis')
    const run = new Y.Doc()
    run.getText('t').insert(0, 'x'.repeat(RUN))
    run.transact(() => { for (let i = RUN - 1; i >= 0; i -= 2) run.getText('t').delete(i, 1) })
    const content = Y.encodeStateAsUpdate(run)
    for (const name of names) {
      const onA = await a.openDirectConnection(name)
      Y.applyUpdate(onA.document!, content)
      connections.push(onA, await b.openDirectConnection(name))
    }
    await until(() => names.every(name => text(b, name) === text(a, name)), 30_000, 'B has the documents')

    // A loses Redis; B changes every document meanwhile, which A does not hear
    proxy.drop()
    const [pubA, subA] = redisOf(fanA) as [RedisClient, RedisClient]
    await until(() => subA.status !== 'ready', 10_000, 'A notices that Redis is away')
    for (const name of names) b.documents.get(name)!.getText('t').insert(0, 'b')

    // what A publishes and hears from now on, with the turn of the event loop it happens in
    let turn = 0
    const tick = () => { turn++; ticking = setImmediate(tick) }
    tick()
    const events: ({ kind: 'asked'; name: string; turn: number } | { kind: 'answered'; name: string })[] = []
    const publish = pubA.publish.bind(pubA) as (channel: string | Buffer, message: string | Buffer) => Promise<number>
    ;(pubA as { publish: unknown }).publish = (channel: string | Buffer, message: string | Buffer) => {
      const m = Buffer.isBuffer(message) ? read(message) : null
      if (m && m.type === MESSAGE_SYNC && m.step === SYNC_STEP_1) events.push({ kind: 'asked', name: m.name, turn })
      return publish(channel, message)
    }
    subA.on('messageBuffer', (_channel: Buffer, data: Buffer) => {
      const m = read(data)
      if (m.from !== fanA.configuration.identifier && (m.type === MESSAGE_SYNC || m.type === MESSAGE_SYNC_REPLY) && m.step === SYNC_STEP_2) events.push({ kind: 'answered', name: m.name })
    })

    proxy.pass()
    await until(() => names.every(name => text(a, name) === text(b, name)), 60_000, 'A catches up with every document B changed')
    // (B's answers to the first batches can bring A the last documents before their own batch is sent: wait for it too)
    await until(() => names.every(name => events.some(e => e.kind === 'asked' && e.name === name)), 10_000, 'every batch sent')

    const asks = events.filter(e => e.kind === 'asked')
    assert.deepEqual(new Set(asks.map(e => e.name)), new Set(names), 'every loaded document is asked for')
    // the asks of one turn of the event loop make a batch
    const batches = new Map<number, string[]>()
    for (const e of asks) batches.set(e.turn, [...batches.get(e.turn) ?? [], e.name])
    const sizes = [...batches.values()].map(batch => batch.length)
    const expected = (batch: string[]) => batch.reduce((sum, name) => sum + expectedAnswerBytes(a.documents.get(name)!), 0)
    for (const batch of batches.values()) {
      assert.ok(batch.length <= MAX_DOCUMENTS_PER_BATCH, `at most ${MAX_DOCUMENTS_PER_BATCH} documents in one turn (batches: ${sizes.join(', ')})`)
      assert.ok(batch.length === 1 || expected(batch) <= BATCH_ANSWER_BYTES, `answers expected of one turn's asks within ${BATCH_ANSWER_BYTES} bytes, or one document (${batch.length} documents, ${expected(batch)} bytes; batches: ${sizes.join(', ')})`)
    }
    // a batch is sent once every document of the one before it is answered
    const turns = [...batches.keys()]
    const firstAsk = (k: number) => events.findIndex(e => e.kind === 'asked' && e.turn === turns[k])
    for (let k = 1; k < turns.length; k++) {
      const heard = new Set(events.slice(firstAsk(k - 1), firstAsk(k)).filter(e => e.kind === 'answered').map(e => e.name))
      const unanswered = batches.get(turns[k - 1]!)!.filter(name => !heard.has(name))
      assert.deepEqual(unanswered, [], `batch ${k + 1} is sent once every document of batch ${k} is answered (batches: ${sizes.join(', ')})`)
    }
  } finally {
    if (ticking) clearImmediate(ticking)
    // one instance's after the other's (both saving a document at once, one is refused the store lock, which Hocuspocus prints)
    for (const k of [0, 1]) await Promise.all(connections.filter((_, i) => i % 2 === k).map(c => c.disconnect()))
    await Promise.all([fanA.onDestroy(), fanB.onDestroy()])
    proxy.close()
  }
})
