import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, configFromEnv, demoAccountsWanted } from './config.js'

test('PORT and the numeric settings must be valid: a bad value is refused, not ignored', () => {
  assert.equal(configFromEnv({ PORT: '0' }).port, 0)
  assert.equal(configFromEnv({ PORT: ' 8081 ' }).port, 8081)
  assert.equal(configFromEnv({}).port, 8080)
  for (const PORT of ['abc', '80.5', '-1', '65536', '1e3', '0x50', '8080abc']) {
    assert.throws(() => configFromEnv({ PORT }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message) && e.message.includes(PORT), PORT)
  }
  assert.throws(() => configFromEnv({ SESSION_TTL_HOURS: 'soon' }), /SESSION_TTL_HOURS/)
  assert.throws(() => configFromEnv({ MAX_MESSAGE_BYTES: '0' }), /MAX_MESSAGE_BYTES/)
  assert.throws(() => configFromEnv({ DEMO_ACCOUNTS: 'maybe' }), /DEMO_ACCOUNTS/)
  assert.equal(configFromEnv({ HEADERS_TIMEOUT_MS: '5000' }).headersTimeoutMs, 5000)
  assert.equal(configFromEnv({}).requestTimeoutMs, undefined, 'unset: the server default')
  assert.throws(() => configFromEnv({ HEADERS_TIMEOUT_MS: '10' }), /HEADERS_TIMEOUT_MS/)
  assert.throws(() => configFromEnv({ REQUEST_TIMEOUT_MS: 'long' }), /REQUEST_TIMEOUT_MS/)
  assert.equal(configFromEnv({ MAX_CONNECTIONS_PER_ADDRESS: '1000' }).maxConnectionsPerAddress, 1000)
  assert.throws(() => configFromEnv({ MAX_CONNECTIONS_PER_ADDRESS: '0' }), /MAX_CONNECTIONS_PER_ADDRESS/)
  assert.equal(configFromEnv({ MAX_CONNECTIONS_PER_USER: '250' }).maxConnectionsPerUser, 250)
  assert.throws(() => configFromEnv({ MAX_CONNECTIONS_PER_USER: 'many' }), /MAX_CONNECTIONS_PER_USER/)
  assert.equal(configFromEnv({ MEMORY_TIGHT_SHARE: '0.8' }).memoryTightShare, 0.8)
  assert.throws(() => configFromEnv({ MEMORY_TIGHT_SHARE: '1.5' }), /MEMORY_TIGHT_SHARE/)
  assert.equal(configFromEnv({ ACCESS_RECHECK_MS: '60000' }).accessRecheckMs, 60_000)
  assert.equal(configFromEnv({ WORK_THREADS: '3' }).work?.size, 3)
  assert.equal(configFromEnv({}).work?.size, undefined, 'unset: the pool default')
  assert.throws(() => configFromEnv({ WORK_THREADS: '0' }), /WORK_THREADS/)
})

test('demo accounts: embedded SQLite by default, PostgreSQL only with DEMO_ACCOUNTS=1, never in production', () => {
  const wanted = (env: NodeJS.ProcessEnv) => demoAccountsWanted(configFromEnv(env))
  assert.equal(wanted({}), true, 'embedded default')
  assert.equal(wanted({ DEMO_ACCOUNTS: '0' }), false)
  assert.equal(wanted({ DATABASE_URL: 'postgres://x/y' }), false, 'PostgreSQL: not by default')
  assert.equal(wanted({ DATABASE_URL: 'postgres://x/y', DEMO_ACCOUNTS: '1' }), true)
  assert.equal(wanted({ NODE_ENV: 'production' }), false)
  assert.equal(wanted({ NODE_ENV: 'production', DEMO_ACCOUNTS: '1' }), false, 'never in production')
})

test('TRUST_PROXY: unset is loopback (the default), none is no proxy, addresses and subnets are read, anything else refused', () => {
  assert.equal(configFromEnv({}).trustProxy, undefined)
  assert.equal(configFromEnv({ TRUST_PROXY: 'none' }).trustProxy, false)
  assert.equal(configFromEnv({ TRUST_PROXY: ' 10.0.0.0/8, loopback ' }).trustProxy, '10.0.0.0/8, loopback')
  for (const TRUST_PROXY of ['nginx', '10.0.0.0/99', '300.1.1.1']) {
    assert.throws(() => configFromEnv({ TRUST_PROXY }), (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message), TRUST_PROXY)
  }
})

test('the demo documents are seeded where the demo accounts are: not in production, not on PostgreSQL unless asked; SEED_DOCUMENTS says otherwise', () => {
  assert.equal(configFromEnv({}).seedDocuments, true, 'the embedded store of a first try')
  assert.equal(configFromEnv({ NODE_ENV: 'production' }).seedDocuments, false, 'no made-up APT proposal on a real assembly\'s server')
  assert.equal(configFromEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }).seedDocuments, false)
  assert.equal(configFromEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/db', DEMO_ACCOUNTS: '1' }).seedDocuments, true)
  assert.equal(configFromEnv({ SEED_DOCUMENTS: '0' }).seedDocuments, false)
  assert.equal(configFromEnv({ NODE_ENV: 'production', SEED_DOCUMENTS: '1' }).seedDocuments, true, 'asked for by name')
  assert.throws(() => configFromEnv({ SEED_DOCUMENTS: 'some' }), /SEED_DOCUMENTS/)
})
