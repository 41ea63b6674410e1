/** Password checks take turns: a bound on checks at once, accounts in turn, a bound on waiting. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PasswordChecks, type CheckPlace } from './password-checks.js'

/** A check that ends when the test says so, recording when it started. */
function gatedCheck(started: string[], name: string) {
  let finish!: () => void
  const done = new Promise<void>(r => { finish = r })
  return { check: async () => { started.push(name); await done; return name }, finish }
}

const place = (checks: PasswordChecks, account: string): CheckPlace => {
  const p = checks.reserve(account)
  assert.ok(typeof p !== 'string', `no place for ${account}: ${p}`)
  return p
}
const tick = () => new Promise(r => setImmediate(r))

test('no more checks run at once than the limit; the others wait', async () => {
  const checks = new PasswordChecks({ running: 2, perAccount: 10, waiting: 10 })
  const started: string[] = []
  const gates = ['a1', 'a2', 'a3'].map(n => gatedCheck(started, n))
  const runs = gates.map((g, k) => place(checks, `user${k}`).run(g.check))
  await tick()
  assert.deepEqual(started, ['a1', 'a2'])
  gates[0]!.finish()
  await tick()
  assert.deepEqual(started, ['a1', 'a2', 'a3'])
  gates[1]!.finish(); gates[2]!.finish()
  assert.deepEqual(await Promise.all(runs), ['a1', 'a2', 'a3'])
})

test("accounts take turns: another account's attempt runs before the rest of a flooding account's", async () => {
  const checks = new PasswordChecks({ running: 1, perAccount: 5, waiting: 10 })
  const started: string[] = []
  const flood = ['k1', 'k2', 'k3', 'k4'].map(n => gatedCheck(started, n))
  const runs = flood.map(g => place(checks, 'kenji').run(g.check))
  const amal = gatedCheck(started, 'amal')
  runs.push(place(checks, 'Amal').run(amal.check))
  await tick()
  assert.deepEqual(started, ['k1'])
  flood[0]!.finish()
  await tick()
  assert.deepEqual(started, ['k1', 'k2'], 'kenji was first in line with a waiting attempt')
  flood[1]!.finish()
  await tick()
  assert.deepEqual(started, ['k1', 'k2', 'amal'], 'then amal, before the rest of kenji')
  amal.finish(); flood[2]!.finish(); await tick(); flood[3]!.finish()
  await Promise.all(runs)
  assert.deepEqual(started, ['k1', 'k2', 'amal', 'k3', 'k4'])
})

test('an account has a few attempts in the queue at most, the queue a bound; places come back when checks end, failed or not', async () => {
  const checks = new PasswordChecks({ running: 1, perAccount: 2, waiting: 1 })
  const started: string[] = []
  const first = gatedCheck(started, 'first')
  const running = place(checks, 'kenji').run(first.check)
  const second = place(checks, 'KENJI ').run(async () => { throw new Error('store down') })
  assert.equal(checks.reserve('kenji'), 'account-busy', 'the same account, however spelt')
  assert.equal(checks.reserve('amal'), 'server-busy', 'one running and one waiting: the queue is full')
  first.finish()
  assert.equal(await running, 'first')
  await assert.rejects(second, /store down/)
  const again = place(checks, 'kenji')
  assert.equal(await again.run(async () => 'again'), 'again')
  assert.ok(typeof checks.reserve('amal') !== 'string')
})

test('a place is used once', async () => {
  const checks = new PasswordChecks({ running: 1, perAccount: 2, waiting: 2 })
  const p = place(checks, 'rita')
  await p.run(async () => 1)
  await assert.rejects(p.run(async () => 2), /used once/)
})
