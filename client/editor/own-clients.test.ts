/**
 * Which pages answer for which client ids, with a stand-in for the browser's
 * localStorage and Web Locks (an exclusive lock per name, `ifAvailable`).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { claimOwnClients, clientsRecordKey, REMEMBERED_CLIENTS, type OwnClientsEnvironment } from './own-clients.js'

/** localStorage and Web Locks as one browser has them (shared by its pages). */
function browser(): OwnClientsEnvironment & { store: Map<string, string> } {
  const store = new Map<string, string>()
  const held = new Set<string>()
  const locks = {
    async request(name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown) {
      if (held.has(name)) return callback(null)
      held.add(name)
      try { return await callback({ name, mode: 'exclusive' }) } finally { held.delete(name) }
    }
  } as unknown as Pick<LockManager, 'request'>
  return { store, storage: { getItem: k => store.get(k) ?? null, setItem: (k, v) => { store.set(k, v) } }, locks }
}

test("a page answers for its own id, and for an earlier page's once that page has closed, never for an open page's", async () => {
  const b = browser()
  const first = claimOwnClients('amal', 'doc', 1, b)
  await first.ready
  const second = claimOwnClients('amal', 'doc', 2, b)
  await second.ready
  assert.deepEqual([first.has(1), first.has(2), second.has(1), second.has(2)], [true, false, false, true])
  first.release()
  await new Promise(r => setImmediate(r))
  const third = claimOwnClients('amal', 'doc', 3, b)
  await third.ready
  assert.deepEqual([third.has(1), third.has(2), third.has(3)], [true, false, true])
  // another document's pages are not this one's
  const elsewhere = claimOwnClients('amal', 'other', 4, b)
  await elsewhere.ready
  assert.equal(elsewhere.has(1), false)
})

test('without Web Locks a page answers for its own id alone; the record keeps the last ids, and an unreadable record is none', async () => {
  const b = browser()
  const plain = claimOwnClients('amal', 'doc', 1, { storage: b.storage, locks: null })
  await plain.ready
  plain.release()
  const next = claimOwnClients('amal', 'doc', 2, { storage: b.storage, locks: null })
  await next.ready
  assert.deepEqual([next.has(1), next.has(2)], [false, true])
  for (let id = 10; id < 10 + REMEMBERED_CLIENTS + 5; id++) claimOwnClients('amal', 'doc', id, { storage: b.storage, locks: null })
  const ids = JSON.parse(b.store.get(clientsRecordKey('amal', 'doc'))!) as number[]
  assert.equal(ids.length, REMEMBERED_CLIENTS)
  assert.equal(ids.at(-1), 10 + REMEMBERED_CLIENTS + 4)
  b.store.set(clientsRecordKey('amal', 'doc'), '{not json')
  const after = claimOwnClients('amal', 'doc', 99, b)
  await after.ready
  assert.deepEqual(JSON.parse(b.store.get(clientsRecordKey('amal', 'doc'))!), [99])
})

test("one browser shared by two users: a page of one never answers for the ids of the other's earlier pages", async () => {
  const b = browser()
  const amal = claimOwnClients('amal', 'doc', 1, b)
  await amal.ready
  amal.release()
  await new Promise(r => setImmediate(r))
  // Salma signs in on the same browser: Amal's words are not hers to carry (nor in her copy)
  const salma = claimOwnClients('salma', 'doc', 2, b)
  await salma.ready
  assert.deepEqual([salma.has(1), salma.has(2)], [false, true])
  salma.release()
  await new Promise(r => setImmediate(r))
  // Amal's next page on the browser answers for her earlier page's id, not for Salma's
  const again = claimOwnClients('amal', 'doc', 3, b)
  await again.ready
  assert.deepEqual([again.has(1), again.has(2), again.has(3)], [true, false, true])
})
