import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DocumentLoads } from './document-loads.js'
import { RateLimiter } from './rate-limit.js'

const turnOfLoop = () => new Promise(r => setImmediate(r))
/** Whether `p` has settled after a few turns of the event loop, and with what. */
async function settled<T>(p: Promise<T>): Promise<{ value: T } | null> {
  let out: { value: T } | null = null
  void p.then(value => { out = { value } })
  for (let i = 0; i < 3; i++) await turnOfLoop()
  return out
}
/** A load of `ms` on the event loop, for the turn of `document`. */
function load(loads: DocumentLoads, user: string, document: string, ms: number): void {
  const started = performance.now()
  loads.loading(user, document, started)
  while (performance.now() - started < ms) { /* the load's work */ }
}

test('loads take turns across users: the next is given only after the last has loaded, in a later turn of the event loop', async () => {
  const loads = new DocumentLoads(new RateLimiter(250, 2000))
  const a = loads.wait('amal', 'd1')
  const b = loads.wait('kenji', 'd2')
  assert.deepEqual(await settled(a), { value: true })
  assert.equal(await settled(b), null, 'kenji waits while amal\'s turn is not over')
  load(loads, 'amal', 'd1', 5)
  assert.deepEqual(await settled(b), { value: true })
})

test('an opening of a document that is waiting or loading joins it; a user has four openings waiting at most', async () => {
  const loads = new DocumentLoads(new RateLimiter(250, 2000))
  const first = loads.wait('amal', 'd1')
  assert.deepEqual(await settled(first), { value: true })
  assert.deepEqual(await settled(loads.wait('kenji', 'd1')), { value: true }, 'd1 is being loaded: no turn of its own')
  const waiting = ['d2', 'd3', 'd4'].map(d => loads.wait('amal', d))
  const same = loads.wait('kenji', 'd2')
  assert.deepEqual(await settled(loads.wait('amal', 'd5')), { value: false }, 'a fifth opening is refused (busy)')
  loads.release('d1')
  assert.deepEqual(await settled(waiting[0]!), { value: true })
  assert.deepEqual(await settled(same), { value: true }, 'the opening of d2 by another user went with the first')
})

test('a user\'s next load waits three times as long as their last took; another user\'s does not', async () => {
  const loads = new DocumentLoads(new RateLimiter(1000, 10_000))
  assert.deepEqual(await settled(loads.wait('amal', 'd1')), { value: true })
  load(loads, 'amal', 'd1', 60)
  const started = Date.now()
  const next = loads.wait('amal', 'd2')
  const other = loads.wait('kenji', 'd3')
  assert.deepEqual(await settled(other), { value: true }, 'kenji goes first')
  loads.release('d3')
  const keepAlive = setInterval(() => undefined, 10) // the server's sockets keep a real process alive; the turns' timer does not
  try { assert.equal(await next, true) } finally { clearInterval(keepAlive) }
  assert.ok(Date.now() - started >= 150, `amal waited ${Date.now() - started} ms after a load of 60 ms`)
})

test('a user whose loop time is spent is refused, and so are their openings waiting', async () => {
  const time = new RateLimiter(1, 50)
  const loads = new DocumentLoads(time)
  assert.deepEqual(await settled(loads.wait('amal', 'd1')), { value: true })
  const waiting = loads.wait('amal', 'd2')
  load(loads, 'amal', 'd1', 60)
  assert.deepEqual(await settled(waiting), { value: false })
  assert.deepEqual(await settled(loads.wait('amal', 'd3')), { value: false })
})
