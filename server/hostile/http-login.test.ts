/**
 * Password guessing against a real server: wrong passwords from one
 * address are slowed down and then answered 429 with Retry-After (without
 * checking the password), while the real user still signs in from another
 * address, and the lockout expires.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

const attempt = async (s: TestServer, username: string, password: string, from: string) => {
  const r = await fetch(`${s.url}/api/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password })
  })
  await r.arrayBuffer()
  return { status: r.status, retryAfter: r.headers.get('retry-after') }
}

test('300 wrong passwords in a burst: at most a few dozen are checked, the rest get 429 with Retry-After', async () => {
  const results = []
  for (let i = 0; i < 300; i += 20) {
    results.push(...await Promise.all(Array.from({ length: 20 }, (_, j) => attempt(server, j % 2 ? 'amal' : 'kenji', `guess-${i + j}`, '203.0.113.7'))))
  }
  const checked = results.filter(r => r.status === 401).length
  const limited = results.filter(r => r.status === 429)
  assert.equal(checked + limited.length, 300, JSON.stringify(results.filter(r => r.status !== 401 && r.status !== 429)))
  assert.ok(checked <= 40, `${checked} passwords were checked`)
  assert.ok(limited.every(r => Number(r.retryAfter) >= 1), 'every 429 says when to come back')
  // the right password from the attacking address is refused too while the limit holds. The burst's holds on
  // (amal, address) are short back-offs that a slow machine can outlast; the address's own bucket (30, then one
  // per 10 s) is emptied for certain by guesses at names never seen (each its own pair)
  for (let k = 0; k < 40; k++) await attempt(server, `nobody-${k}`, 'guess', '203.0.113.7')
  assert.equal((await attempt(server, 'amal', 'amal-demo', '203.0.113.7')).status, 429)
  // the real users sign in from their own addresses
  assert.equal((await attempt(server, 'amal', 'amal-demo', '198.51.100.20')).status, 200)
  assert.equal((await attempt(server, 'kenji', 'kenji-demo', '198.51.100.21')).status, 200)
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
})

test('guesses on one account from many addresses lock new addresses out for a while, never a known one', async () => {
  // the real user has signed in from this address before
  assert.equal((await attempt(server, 'claire', 'claire-demo', '198.51.100.30')).status, 200)
  const statuses = []
  for (let i = 0; i < 120; i++) statuses.push((await attempt(server, 'claire', `guess-${i}`, `203.0.113.${100 + (i % 100)}`)).status)
  assert.ok(statuses.filter(s => s === 401).length <= 60, 'the account limit stopped the distributed guessing')
  assert.ok(statuses.includes(429))
  assert.equal((await attempt(server, 'claire', 'claire-demo', '198.51.100.30')).status, 200, 'known address still signs in')
})

test('back-off per account and address doubles, and expires: the real user is never locked out for good', async () => {
  const quick = await startTestServer({ loginLimits: { freeFailures: 2, baseDelayMs: 1500, maxDelayMs: 3000 } })
  try {
    const from = '203.0.113.50'
    assert.equal((await attempt(quick, 'rita', 'x1', from)).status, 401)
    assert.equal((await attempt(quick, 'rita', 'x2', from)).status, 401)
    assert.equal((await attempt(quick, 'rita', 'x3', from)).status, 401, 'the third failure starts the back-off')
    const locked = await attempt(quick, 'rita', 'rita-demo', from)
    assert.equal(locked.status, 429)
    assert.ok(['1', '2'].includes(locked.retryAfter ?? ''), `Retry-After ${locked.retryAfter}`)
    assert.equal((await attempt(quick, 'rita', 'rita-demo', '198.51.100.40')).status, 200, 'another address is not affected')
    await new Promise(r => setTimeout(r, 1550))
    assert.equal((await attempt(quick, 'rita', 'x4', from)).status, 401, 'one more guess after the delay')
    assert.equal((await attempt(quick, 'rita', 'rita-demo', from)).status, 429, 'the delay doubled')
    await new Promise(r => setTimeout(r, 3050))
    assert.equal((await attempt(quick, 'rita', 'rita-demo', from)).status, 200, 'capped delay expired: the right password works')
    assert.equal((await attempt(quick, 'rita', 'y1', from)).status, 401, 'success resets the back-off')
    assert.equal((await attempt(quick, 'rita', 'y2', from)).status, 401)
  } finally { await quick.close() }
})

test("an account's own password signing in without end is held after a hundred sign-ins (each is a session row and a scrypt); other accounts are not", { timeout: 60_000 }, async () => {
  const own = await startTestServer()
  try {
    const statuses: number[] = []
    // one after another (sign-ins sent together count as failures until they succeed: the guessing limits)
    for (let k = 0; k < 130 && !statuses.includes(429); k++) statuses.push((await attempt(own, 'kenji', 'kenji-demo', '198.51.100.30')).status)
    const refused = statuses.indexOf(429)
    assert.ok(refused >= 0, `${statuses.length} sign-ins of one account all passed`)
    assert.ok(statuses.filter(s => s === 200).length >= 90, `only ${statuses.filter(s => s === 200).length} sign-ins passed: a user's ordinary sign-ins must`)
    const held = await attempt(own, 'kenji', 'kenji-demo', '198.51.100.31')
    assert.equal(held.status, 429, 'from any address')
    assert.ok(Number(held.retryAfter) >= 1)
    assert.equal((await attempt(own, 'amal', 'amal-demo', '198.51.100.30')).status, 200, 'another account signs in')
  } finally { await own.close() }
})
