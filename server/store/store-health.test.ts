import assert from 'node:assert/strict'
import { test } from 'node:test'
import { StoreHealth } from './store-health.js'

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

test('a store that answers is ok; one whose round trip fails is failing', async () => {
  let fails = false
  const health = new StoreHealth(async () => { if (fails) throw new Error('connect ECONNREFUSED 127.0.0.1:5432') }, { timeoutMs: 200, reuseMs: 0 })
  assert.equal(await health.state(), 'ok')
  fails = true
  assert.equal(await health.state(), 'failing')
  fails = false
  assert.equal(await health.state(), 'ok')
})

test('a store that does not answer is failing after the time-out, not when it answers', async () => {
  const health = new StoreHealth(() => new Promise(() => undefined), { timeoutMs: 100, reuseMs: 0 })
  const started = performance.now()
  assert.equal(await health.state(), 'failing')
  assert.ok(performance.now() - started < 1000, 'bounded by the time-out')
})

test('requests asking together, and within reuseMs, share one round trip', async () => {
  let trips = 0
  const health = new StoreHealth(async () => { trips++; await sleep(20) }, { timeoutMs: 500, reuseMs: 300 })
  const states = await Promise.all(Array.from({ length: 50 }, () => health.state()))
  assert.deepEqual(new Set(states), new Set(['ok']))
  assert.equal(await health.state(), 'ok')
  assert.equal(trips, 1)
  await sleep(350)
  await health.state()
  assert.equal(trips, 2)
})

test('a write the store refused makes it failing, whatever a read says, until a write succeeds', async () => {
  const health = new StoreHealth(async kind => { if (kind === 'write') throw new Error('No space left on device') }, { timeoutMs: 200, reuseMs: 0 })
  health.writeFailed()
  assert.equal(await health.state(), 'failing', 'a read answering says nothing of a full disk')
  health.writeSucceeded()
  assert.equal(await health.state(), 'ok')
})

test('after a refused write, a write the health check makes itself says the store takes writes again, though nobody else writes', async () => {
  // nineteenth probe: PostgreSQL away while a snapshot was due, then back; nobody typed, and health said 503 for good
  const trips: string[] = []
  let writes = false
  const health = new StoreHealth(async kind => { trips.push(kind); if (kind === 'write' && !writes) throw new Error('could not extend file: No space left on device') }, { timeoutMs: 200, reuseMs: 0 })
  assert.equal(await health.state(), 'ok')
  health.writeFailed()
  assert.equal(await health.state(), 'failing', 'a read answering says nothing of a full disk: the check writes')
  writes = true
  assert.equal(await health.state(), 'ok', 'the check\'s own write is taken')
  assert.equal(await health.state(), 'ok')
  assert.deepEqual(trips, ['read', 'write', 'write', 'read'], 'a write round trip only while a write is refused')
})

test('a write refused while the check\'s own write is under way is not forgotten when that write is taken', async () => {
  let answer: () => void = () => undefined
  const health = new StoreHealth(kind => kind === 'write' ? new Promise<void>(r => { answer = r }) : Promise.resolve(), { timeoutMs: 500, reuseMs: 0 })
  health.writeFailed()
  const first = health.state()
  await sleep(5)
  health.writeFailed()   // an update refused meanwhile
  answer()
  assert.equal(await first, 'ok')
  const next = health.state()
  await sleep(5)
  assert.equal(await Promise.race([next, sleep(100).then(() => 'waiting')]), 'waiting', 'the refusal after the check began is checked again')
  answer()
  assert.equal(await next, 'ok')
})

test('a store that hangs is asked one round trip at a time, however many health requests come', async () => {
  let trips = 0
  let answer: () => void = () => undefined
  const health = new StoreHealth(() => { trips++; return new Promise<void>(r => { answer = r }) }, { timeoutMs: 30, reuseMs: 0 })
  for (let k = 0; k < 5; k++) { assert.equal(await health.state(), 'failing'); await sleep(40) }
  assert.equal(trips, 1)
  answer()   // the store answers the first, long after its time-out
  await sleep(10)
  const next = health.state()
  await sleep(5)
  answer()
  assert.equal(await next, 'ok', 'the next round trip is made, and answered in time')
  assert.equal(trips, 2)
})

test('a round trip nothing will ever answer is abandoned after fifteen time-outs: the store is asked again', async () => {
  let trips = 0
  let hang = true
  const health = new StoreHealth(() => { trips++; return hang ? new Promise<void>(() => undefined) : Promise.resolve() }, { timeoutMs: 10, reuseMs: 0 })
  assert.equal(await health.state(), 'failing')
  hang = false
  assert.equal(await health.state(), 'failing', 'not asked again yet')
  assert.equal(trips, 1)
  await sleep(160)
  assert.equal(await health.state(), 'ok')
  assert.equal(trips, 2)
})
