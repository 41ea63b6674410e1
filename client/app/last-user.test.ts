/**
 * The user last signed in on this browser: her public details only, none
 * once forgotten, an unreadable record is none.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'

// the browser's localStorage, as this module uses it
const store = new Map<string, string>()
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v) }, removeItem: (k: string) => { store.delete(k) } }
})
const { forgetUser, rememberUser, rememberedUser } = await import('./last-user.js')

const amal = { id: 'u-amal', username: 'amal', name: 'Amal', delegation: 'APT', role: 'drafter' as const, uiLang: 'ar' as const }

test('the user signed in is remembered with her public details only, and forgotten', () => {
  rememberUser({ ...amal, token: 'secret-token', password: 'amal-demo' } as typeof amal)
  assert.deepEqual(rememberedUser(), amal)
  assert.ok(![...store.values()].some(v => v.includes('secret-token') || v.includes('amal-demo')))
  forgetUser()
  assert.equal(rememberedUser(), null)
  assert.equal(store.size, 0)
})

test('an unreadable or incomplete record is none', () => {
  rememberUser(amal)
  for (const [key] of store) store.set(key, '{not json')
  assert.equal(rememberedUser(), null)
  for (const [key] of store) store.set(key, JSON.stringify({ ...amal, role: 'admin' }))
  assert.equal(rememberedUser(), null)
  for (const [key] of store) store.set(key, JSON.stringify({ ...amal, id: '' }))
  assert.equal(rememberedUser(), null)
  forgetUser()
})
