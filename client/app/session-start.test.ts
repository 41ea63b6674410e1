/**
 * Who the app starts as: the server's word (remembered, or forgotten when
 * nobody is signed in); with the server out of reach, the user last signed
 * in on this browser, unconfirmed, until the server answers.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'

// the browser's localStorage and window, as these modules use them
const store = new Map<string, string>()
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v) }, removeItem: (k: string) => { store.delete(k) } }
})
Object.defineProperty(globalThis, 'window', { configurable: true, value: new EventTarget() })
const { ApiError, serverOutOfReach } = await import('./api.js')
const { rememberedUser } = await import('./last-user.js')
const { sessionWhenReachable, startSession } = await import('./session-start.js')

const amal = { id: 'u-amal', username: 'amal', name: 'Amal', delegation: 'APT', role: 'drafter' as const, uiLang: 'ar' as const }
const unreachable = () => Promise.reject(new ApiError(0, 'the server could not be reached'))

test('the server\'s word: the user it names is remembered, and forgotten once it says nobody is signed in', async () => {
  assert.deepEqual(await startSession(async () => amal), { user: amal, confirmed: true })
  assert.deepEqual(rememberedUser(), amal)
  assert.deepEqual(await startSession(async () => null), { user: null, confirmed: true })
  assert.equal(rememberedUser(), null)
})

test('the server out of reach: the user last signed in here, unconfirmed; nobody when none was', async () => {
  await startSession(async () => amal)
  assert.deepEqual(await startSession(unreachable), { user: amal, confirmed: false })
  assert.deepEqual(await startSession(() => Promise.reject(new ApiError(502, 'Bad Gateway'))), { user: amal, confirmed: false })
  // another refusal (a page out of date) starts nobody, as ever, and forgets nothing
  assert.deepEqual(await startSession(() => Promise.reject(new ApiError(409, 'outdated'))), { user: null, confirmed: false })
  assert.deepEqual(rememberedUser(), amal)
  await startSession(async () => null)
  assert.deepEqual(await startSession(unreachable), { user: null, confirmed: false })
})

test('a proxy\'s answers count as out of reach; the server\'s own busy answer does not', () => {
  assert.equal(serverOutOfReach(new ApiError(0, '')), true)
  assert.equal(serverOutOfReach(new ApiError(504, '')), true)
  assert.equal(serverOutOfReach(new ApiError(503, '')), true)
  assert.equal(serverOutOfReach(new ApiError(503, 'busy', 'busy')), false)
  assert.equal(serverOutOfReach(new ApiError(401, '')), false)
  assert.equal(serverOutOfReach(new Error('x')), false)
})

test('the session is asked for again when the browser comes online, until the server answers', async () => {
  let asked = 0
  const answers = [unreachable, async () => amal]
  const answer = sessionWhenReachable(() => answers[asked++]!())
  window.dispatchEvent(new Event('online'))
  await new Promise(resolve => setTimeout(resolve, 10))
  assert.equal(asked, 1)
  window.dispatchEvent(new Event('online'))
  assert.deepEqual(await answer, amal)
  assert.equal(asked, 2)
  assert.deepEqual(rememberedUser(), amal)
  // a refusal of another kind ends the asking
  const refused = sessionWhenReachable(() => Promise.reject(new ApiError(409, 'outdated')))
  window.dispatchEvent(new Event('online'))
  assert.equal(await refused, 'refused')
})
