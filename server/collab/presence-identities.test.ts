/**
 * The identities of client ids are remembered per document (the last
 * 10,000 ids of each of the last 1,000 documents), and over all documents
 * at most MAX_REMEMBERED_IN_ALL: every opening of a document by a page is
 * a client id of its own, and the two bounds alone allowed ten million,
 * about a gigabyte (soak probe).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as encoding from 'lib0/encoding'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MAX_REMEMBERED, MAX_REMEMBERED_IN_ALL, MAX_REMEMBERED_PER_IDENTITY, identityOf, rememberIdentities, rememberedIds } from './presence-identities.js'

const user = { name: 'Amal', delegation: 'APT', role: 'drafter', color: '#1565c0' }

/** A participant of its own for each id (one identity's ids are bounded apart). */
const userOf = (id: number) => ({ name: `User ${id}`, delegation: 'APT', role: 'drafter', color: '#1565c0' })

/** States of `who(id)` for client ids `from` to `from + count - 1`, then the same ids gone (their sockets dropped). */
function comeAndGo(awareness: Awareness, from: number, count: number, who: (id: number) => unknown = userOf): void {
  for (const present of [true, false]) {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, count)
    for (let id = from; id < from + count; id++) {
      encoding.writeVarUint(e, id)
      encoding.writeVarUint(e, present ? 1 : 2)
      encoding.writeVarString(e, JSON.stringify(present ? { user: who(id) } : null))
    }
    applyAwarenessUpdate(awareness, encoding.toUint8Array(e), 'peer')
  }
}

test('over all documents, at most MAX_REMEMBERED_IN_ALL ids are remembered: the oldest of the documents used least lately go first', () => {
  const documents = Math.ceil(MAX_REMEMBERED_IN_ALL / MAX_REMEMBERED) + 1
  const awarenesses: Awareness[] = []
  try {
    for (let d = 0; d < documents; d++) {
      const awareness = new Awareness(new Y.Doc())
      awarenesses.push(awareness)
      rememberIdentities(`soak-doc-${d}`, awareness)
      comeAndGo(awareness, 1000 + d * MAX_REMEMBERED, MAX_REMEMBERED)
    }
    assert.ok(rememberedIds() <= MAX_REMEMBERED_IN_ALL, `${rememberedIds()} ids remembered`)
    const last = documents - 1
    assert.deepEqual(identityOf(`soak-doc-${last}`, awarenesses[last]!, 1000 + last * MAX_REMEMBERED), userOf(1000 + last * MAX_REMEMBERED), 'the latest document keeps its ids')
    assert.equal(identityOf('soak-doc-0', awarenesses[0]!, 1000), undefined, 'the oldest id of the document used least lately is forgotten')
  } finally { for (const a of awarenesses) a.destroy() }
})

test('one participant announcing fresh ids without end forgets her own oldest, not another participant\'s', () => {
  // one account opening a document again and again made it forget an offline participant's id, which it could then
  // write with (a fuzzing helper: 12,400 fresh ids in 20 s)
  const awareness = new Awareness(new Y.Doc())
  try {
    rememberIdentities('evict-doc', awareness)
    comeAndGo(awareness, 7, 1, () => user)
    comeAndGo(awareness, 100_000, MAX_REMEMBERED + 500, () => ({ ...user, name: 'Kenji' }))
    assert.deepEqual(identityOf('evict-doc', awareness, 7), user, 'the offline participant\'s id is still hers')
    assert.deepEqual(identityOf('evict-doc', awareness, 100_000 + MAX_REMEMBERED + 499), { ...user, name: 'Kenji' }, 'the latest of the other\'s ids is remembered')
    assert.equal(identityOf('evict-doc', awareness, 100_000 + MAX_REMEMBERED + 499 - MAX_REMEMBERED_PER_IDENTITY), undefined, 'past MAX_REMEMBERED_PER_IDENTITY, his own oldest are forgotten')
  } finally { awareness.destroy() }
})
