import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { openSqliteStore } from '../store/sqlite.js'
import type { Store } from '../store/types.js'
import { AccountError, addAccount, changeAccount, closeAccount, isClosed, resetPassword } from './accounts.js'
import { verifyPassword } from './passwords.js'

let dir: string
let store: Store
before(() => { dir = mkdtempSync(join(tmpdir(), 'resdraft-accounts-')); store = openSqliteStore(join(dir, 'store.sqlite')) })
after(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }) })

const delegate = { name: 'Hiroshi  Tanaka ', delegation: 'APT', role: 'drafter', uiLang: 'en' } as const

test('an account is added with a generated password that signs in, its fields normalised; a name is taken once', async () => {
  const { user, password } = await addAccount(store, 'h.tanaka', delegate)
  assert.equal(password.length, 16)
  assert.equal(user.name, 'Hiroshi Tanaka')
  const stored = await store.findUser('h.tanaka')
  assert.ok(stored && await verifyPassword(password, stored.passwordHash))
  await assert.rejects(addAccount(store, 'h.tanaka', delegate), /already/)
  const chosen = await addAccount(store, 'fatima', { name: 'فاطمة', delegation: 'ARB', role: 'drafter', uiLang: 'ar' }, 'a long enough passphrase')
  assert.equal(chosen.password, 'a long enough passphrase')
})

test('what the rules refuse is refused with the rule, and nothing is stored', async () => {
  const refused = async (name: string, fields: object, password?: string) =>
    assert.rejects(addAccount(store, name, { ...delegate, ...fields }, password), (e: unknown) => e instanceof AccountError, `${name} ${JSON.stringify(fields)}`)
  await refused('Upper', {})
  await refused('x', {})
  await refused('has space', {})
  await refused('ok-name', { role: 'admin' })
  await refused('ok-name', { uiLang: 'fr' })
  await refused('ok-name', { name: '' })
  await refused('ok-name', { name: 'Evil\u202Eeman' })
  await refused('ok-name', { delegation: 'АРТ' + 'APT' })
  await refused('ok-name', { delegation: 'Secretariat' })
  await refused('ok-name', { role: 'secretariat', delegation: 'APT' })
  await refused('ok-name', {}, 'short')
  assert.equal(await store.findUser('ok-name'), null)
  const sec = await addAccount(store, 'sec2', { name: 'Secretariat desk', delegation: 'secretariat', role: 'secretariat', uiLang: 'en' })
  assert.equal(sec.user.delegation, 'Secretariat')
})

test('an account is changed field by field; a new password ends its sessions; a closed account signs in with nothing until it has a new one', async () => {
  const { user, password } = await addAccount(store, 'claude', { name: 'Claude', delegation: 'CEPT', role: 'reviewer', uiLang: 'en' })
  const changed = await changeAccount(store, 'claude', { role: 'drafter', delegation: 'ARB' })
  assert.deepEqual([changed.name, changed.delegation, changed.role], ['Claude', 'ARB', 'drafter'])
  assert.equal((await store.getUser(user.id))?.role, 'drafter')
  await assert.rejects(changeAccount(store, 'nobody', { role: 'drafter' }), /no account/)
  await assert.rejects(changeAccount(store, 'claude', { role: 'secretariat' }), AccountError)

  await store.createSession({ id: 'c1', userId: user.id, expiresAt: Date.now() + 60_000 })
  const reset = await resetPassword(store, 'claude')
  assert.equal(reset.sessionsEnded, 1)
  assert.equal(await store.getSession('c1'), null)
  let stored = (await store.findUser('claude'))!
  assert.equal(await verifyPassword(password, stored.passwordHash), false, 'the old password no longer signs in')
  assert.ok(await verifyPassword(reset.password, stored.passwordHash))

  await store.createSession({ id: 'c2', userId: user.id, expiresAt: Date.now() + 60_000 })
  assert.equal((await closeAccount(store, 'claude')).sessionsEnded, 1)
  stored = (await store.findUser('claude'))!
  assert.ok(isClosed(stored))
  assert.equal(await verifyPassword(reset.password, stored.passwordHash), false)
  assert.equal(await verifyPassword('closed', stored.passwordHash), false, 'not even the word it is stored as')
  const reopened = await resetPassword(store, 'claude', 'reopened for WTSA-28')
  assert.ok(await verifyPassword(reopened.password, (await store.findUser('claude'))!.passwordHash))
})

test('a close whose sessions could not be ended says the account is closed and to run the command again', async () => {
  await addAccount(store, 'half.done', { name: 'Half', delegation: 'APT', role: 'drafter', uiLang: 'en' })
  const failing: Store = Object.create(store, { endSessionsOf: { value: async () => { throw new Error('database is locked') } } })
  await assert.rejects(closeAccount(failing, 'half.done'), (e: unknown) => e instanceof AccountError && /half\.done is closed, but its sessions could not be ended \(database is locked\): run the command again/.test(e.message))
  assert.ok(isClosed((await store.findUser('half.done'))!))
  await assert.rejects(resetPassword(failing, 'half.done'), /has its new password, but its sessions could not be ended/)
})
