import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AccountTurns } from './account-turns.js'

/** Lets every turn given so far begin (work begins in a microtask after its turn is given). */
const settle = () => new Promise(r => setImmediate(r))

/** Turns whose work lasts until the test ends it; `begun` names each piece of work as it begins. */
function heldTurns(atOnce = 1) {
  const turns = new AccountTurns(atOnce)
  const begun: string[] = []
  const ends = new Map<string, () => void>()
  const fails = new Map<string, (e: Error) => void>()
  const ask = (account: string, name: string, signal?: AbortSignal) => turns.run(account, () => new Promise<string>((resolve, reject) => {
    begun.push(name)
    ends.set(name, () => resolve(name))
    fails.set(name, reject)
  }), signal)
  /** Ends the work `name` and lets the next begin. */
  const end = async (name: string) => {
    await settle()
    const finish = ends.get(name)
    assert.ok(finish, `${name} is running`)
    finish()
    await settle()
  }
  const fail = async (name: string) => { await settle(); fails.get(name)!(new Error(`${name} failed`)); await settle() }
  return { turns, begun, ask, end, fail }
}

test("one account's queued work does not hold another's up: the other goes after the work running, before the rest of the queue", async () => {
  const { turns, begun, ask, end } = heldTurns()
  const all = [ask('a', 'a1'), ask('a', 'a2'), ask('a', 'a3')]
  await settle()
  assert.deepEqual(begun, ['a1'])
  all.push(ask('b', 'b1'))
  assert.deepEqual(turns.state, { running: 1, waiting: 3 })
  for (const name of ['a1', 'b1', 'a2', 'a3']) await end(name)
  assert.deepEqual(begun, ['a1', 'b1', 'a2', 'a3'])
  assert.deepEqual(await Promise.all(all), ['a1', 'a2', 'a3', 'b1'])
  assert.deepEqual(turns.state, { running: 0, waiting: 0 })
})

test('accounts that have had no turn go first, in the order they came; then accounts take turns, one piece of work each', async () => {
  const { begun, ask, end } = heldTurns()
  const all = [ask('a', 'a1'), ask('a', 'a2'), ask('a', 'a3'), ask('b', 'b1'), ask('b', 'b2'), ask('c', 'c1'), ask('b', 'b3')]
  for (const name of ['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'b3']) await end(name)
  assert.deepEqual(begun, ['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'b3'])
  await Promise.all(all)
})

test('an account that keeps asking again the moment it is answered still lets the waiting account in at every turn', async () => {
  const { begun, ask, end } = heldTurns()
  const all = [ask('a', 'a1'), ask('b', 'b1'), ask('b', 'b2')]
  await end('a1')
  all.push(ask('a', 'a2'))
  await end('b1')
  all.push(ask('a', 'a3'))
  await end('a2')
  await end('b2')
  await end('a3')
  assert.deepEqual(begun, ['a1', 'b1', 'a2', 'b2', 'a3'])
  await Promise.all(all)
})

test('work whose requester has gone while it waited leaves the line unrun; work that fails gives its turn back', async () => {
  const { turns, begun, ask, end, fail } = heldTurns()
  const first = ask('a', 'a1')
  const gone = new AbortController()
  const abandoned = ask('b', 'b1', gone.signal).then(() => 'ran', (e: Error) => e.name)
  const next = assert.rejects(ask('c', 'c1'), /c1 failed/)
  gone.abort()
  assert.equal(await abandoned, 'AbortError')
  assert.deepEqual(turns.state, { running: 1, waiting: 1 })
  await end('a1')
  await fail('c1')
  await next
  assert.deepEqual(turns.state, { running: 0, waiting: 0 })
  const late = ask('d', 'd1')
  await end('d1')
  assert.equal(await late, 'd1')
  assert.deepEqual(begun, ['a1', 'c1', 'd1'], 'b1 never ran')
  await first
  const already = new AbortController()
  already.abort()
  await assert.rejects(ask('e', 'e1', already.signal), { name: 'AbortError' })
  assert.deepEqual(turns.state, { running: 0, waiting: 0 })
})

test('with two at once, the two free turns go to two accounts before either has a second', async () => {
  const { begun, ask, end } = heldTurns(2)
  const all = [ask('a', 'a1'), ask('a', 'a2'), ask('a', 'a3'), ask('b', 'b1')]
  await settle()
  assert.deepEqual(begun, ['a1', 'a2'])
  await end('a1')
  await settle()
  assert.deepEqual(begun, ['a1', 'a2', 'b1'])
  await end('a2')
  await end('b1')
  await end('a3')
  assert.deepEqual(await Promise.all(all), ['a1', 'a2', 'a3', 'b1'])
})
