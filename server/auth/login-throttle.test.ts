import assert from 'node:assert/strict'
import { test } from 'node:test'
import { LoginThrottle } from './login-throttle.js'

function clock() {
  let t = 1_000_000
  return { now: () => t, advance(ms: number) { t += ms } }
}

test('per pair: free failures, then a doubling delay capped at the maximum; a success resets it', () => {
  const c = clock()
  const th = new LoginThrottle({ freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 4000, addressBurst: 1000, accountBurst: 1000 }, c.now)
  for (let i = 0; i < 3; i++) assert.equal(th.attempt('amal', 'a').allowed, true)
  assert.equal(th.attempt('amal', 'a').allowed, true, 'the fourth is let through and starts the back-off')
  const delays: number[] = []
  for (let i = 0; i < 5; i++) {
    const v = th.attempt('amal', 'a')
    assert.equal(v.allowed, false)
    delays.push((v as { retryAfterMs: number }).retryAfterMs)
    c.advance(delays.at(-1)!)
    assert.equal(th.attempt('amal', 'a').allowed, true)
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 4000, 4000])
  assert.equal(th.check('amal', 'b').allowed, true, 'another address is not held')
  assert.equal(th.check('AMAL ', 'a').allowed, false, 'the account name is compared without case or spaces')
  c.advance(4000)
  assert.equal(th.attempt('amal', 'a').allowed, true)
  th.succeeded('amal', 'a')
  for (let i = 0; i < 3; i++) assert.equal(th.attempt('amal', 'a').allowed, true, 'reset by the success')
})

test('per address and per account buckets refill; a known address is not held by the account bucket', () => {
  const c = clock()
  const th = new LoginThrottle({ freeFailures: 1000, addressBurst: 3, addressRefillMs: 1000, accountBurst: 4, accountRefillMs: 500 }, c.now)
  for (const acc of ['a', 'b', 'c']) assert.equal(th.attempt(acc, 'x').allowed, true)
  const held = th.attempt('d', 'x')
  assert.deepEqual(held, { allowed: false, retryAfterMs: 1000, reason: 'address' })
  c.advance(1000)
  assert.equal(th.attempt('d', 'x').allowed, true)

  th.attempt('claire', 'home'); th.succeeded('claire', 'home')
  for (let i = 0; i < 4; i++) assert.equal(th.attempt('claire', `bot${i}`).allowed, true)
  assert.equal(th.attempt('claire', 'bot9').allowed, false, 'account bucket empty for new addresses')
  assert.equal(th.check('claire', 'home').allowed, true, 'the known address still may')
  c.advance(500)
  assert.equal(th.check('claire', 'bot9').allowed, true, 'refilled')
})

test('memory stays bounded under many accounts and addresses', () => {
  const th = new LoginThrottle()
  for (let i = 0; i < 250_000; i++) th.attempt(`user${i}`, `10.0.${i >> 8 & 255}.${i & 255}`)
  const sizes = th as unknown as { pairs: Map<string, unknown>; accounts: Map<string, unknown>; addresses: Map<string, unknown> }
  assert.ok(sizes.pairs.size <= 100_000 && sizes.accounts.size <= 100_000 && sizes.addresses.size <= 100_000)
})

test('what no longer holds anyone back is forgotten: a night of failures from many addresses leaves nothing in the morning', () => {
  // soak probe: 12,600 failed sign-ins from new addresses kept 5.1 MiB (about 410 bytes each) for the life of the
  // process, up to 100,000 keys per map (some 40 MB) that no time ever freed
  const c = clock()
  const th = new LoginThrottle({}, c.now)
  for (let i = 0; i < 2000; i++) { th.attempt(`ghost${i}`, `172.16.${i >> 8 & 255}.${i & 255}`); c.advance(10) }
  th.attempt('kenji', '198.51.100.7'); th.succeeded('kenji', '198.51.100.7')
  const maps = th as unknown as { pairs: Map<string, unknown>; accounts: Map<string, unknown>; addresses: Map<string, unknown>; known: Map<string, unknown> }
  // a pair counts for an hour; one failure leaves an address's bucket full again in 10 s, an account's in 5 s
  assert.equal(maps.pairs.size, 2000, 'every failing pair is held while it counts (a success ends its own)')
  assert.ok(maps.addresses.size >= 1000 && maps.addresses.size <= 1002, `the addresses of the last 10 s (${maps.addresses.size})`)
  assert.ok(maps.accounts.size >= 500 && maps.accounts.size <= 502, `the accounts of the last 5 s (${maps.accounts.size})`)
  c.advance(3 * 3600_000)
  th.attempt('ghost-late', '203.0.113.9')
  assert.deepEqual([maps.pairs.size, maps.accounts.size, maps.addresses.size], [1, 1, 1], 'only the latest failure is kept')
  assert.equal(maps.known.size, 1, 'an address an account signed in from is kept for its time (30 days)')
  assert.equal(th.check('kenji', '198.51.100.7').allowed, true)
})

test('an address held for failures over many accounts still lets in an account that signed in from it before (a conference NAT); its own back-off still holds', () => {
  const c = clock()
  const th = new LoginThrottle({ freeFailures: 2, baseDelayMs: 1000, addressBurst: 3, addressRefillMs: 10_000 }, c.now)
  th.attempt('kenji', 'nat'); th.succeeded('kenji', 'nat')
  for (let i = 0; i < 3; i++) th.attempt(`guess${i}`, 'nat')
  assert.deepEqual(th.check('stranger', 'nat'), { allowed: false, retryAfterMs: 10_000, reason: 'address' })
  assert.equal(th.check('kenji', 'nat').allowed, true, 'the known account is not held by the address bucket')
  // guessing kenji's password from there meets the pair's back-off
  for (let i = 0; i < 3; i++) assert.equal(th.attempt('kenji', 'nat').allowed, true)
  assert.equal(th.attempt('kenji', 'nat').allowed, false)
})

test('the addresses of one IPv6 network (/64) share the bucket of failures over all accounts: a host has millions of them', () => {
  const c = clock()
  const th = new LoginThrottle({ addressBurst: 30, accountBurst: 1000 }, c.now)
  const verdicts = Array.from({ length: 40 }, (_, k) => th.attempt(`account-${k}`, `2001:db8:0:7:${k.toString(16)}::1`))
  assert.equal(verdicts.filter(v => v.allowed).length, 30)
  assert.deepEqual(verdicts.at(-1), { allowed: false, retryAfterMs: 10_000, reason: 'address' })
  // another network, and IPv4 addresses, keep buckets of their own
  assert.equal(th.attempt('account-0', '2001:db8:0:8::1').allowed, true)
  assert.equal(th.attempt('account-0', '198.51.100.7').allowed, true)
  assert.equal(th.attempt('account-0', '198.51.100.8').allowed, true)
})
