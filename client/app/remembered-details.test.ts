/**
 * The details of documents remembered per user for opening them offline:
 * the content is left out, another user's are not hers, an unreadable
 * record is none.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'

// the browser's localStorage, as this module (and api.ts, which it imports) uses it
const store = new Map<string, string>()
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: {
    getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v) }, removeItem: (k: string) => { store.delete(k) },
    get length() { return store.size }, key: (i: number) => [...store.keys()][i] ?? null
  }
})
const { keptDocuments, rememberDetails, rememberedDetails } = await import('./remembered-details.js')

const proposal = {
  id: 'd1', title: 'APT proposal on Resolution 50', lang: 'ar', kind: 'proposal' as const, baseVersionId: 'v1', baseDocumentId: 'r50',
  delegations: ['APT', 'ARB'], invitedCosponsors: [], shared: true, createdAt: '2026-12-01', updatedAt: '2026-12-02', updatedBy: null
}

test('a document\'s details are remembered for the user who opened it, without its content', () => {
  rememberDetails('u-amal', { ...proposal, json: { type: 'resolution', content: ['a large text'] } })
  assert.deepEqual(rememberedDetails('u-amal', 'd1'), proposal)
  assert.ok(![...store.values()].some(v => v.includes('a large text')))
  assert.equal(rememberedDetails('u-salma', 'd1'), null)
  assert.equal(rememberedDetails('u-amal', 'd2'), null)
})

test('an unreadable or foreign record is none', () => {
  rememberDetails('u-rita', { ...proposal, json: null })
  for (const [key] of store) if (key.includes('u-rita')) store.set(key, '{not json')
  assert.equal(rememberedDetails('u-rita', 'd1'), null)
  for (const [key] of store) if (key.includes('u-rita')) store.set(key, JSON.stringify({ ...proposal, id: 'd9' }))
  assert.equal(rememberedDetails('u-rita', 'd1'), null)
})

test('offline, the list is the user\'s documents whose copy the browser holds, the last changed first', async () => {
  rememberDetails('u-sara', { ...proposal, id: 'a', title: 'A', updatedAt: '2026-12-01', json: null })
  rememberDetails('u-sara', { ...proposal, id: 'b', title: 'B', updatedAt: '2026-12-03', json: null })
  rememberDetails('u-sara', { ...proposal, id: 'c', title: 'C (copy gone)', updatedAt: '2026-12-04', json: null })
  rememberDetails('u-other', { ...proposal, id: 'd', title: 'D', json: null })
  const held = async (name: string) => !name.endsWith(':c')
  assert.deepEqual((await keptDocuments('u-sara', held)).map(d => d.title), ['B', 'A'])
  assert.deepEqual(await keptDocuments('u-nobody', held), [])
})
