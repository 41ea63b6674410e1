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
import { MAX_REMEMBERED, MAX_REMEMBERED_IN_ALL, identityOf, rememberIdentities, rememberedIds } from './presence-identities.js'

const user = { name: 'Amal', delegation: 'APT', role: 'drafter', color: '#1565c0' }

/** States for client ids `from` to `from + count - 1`, then the same ids gone (their sockets dropped). */
function comeAndGo(awareness: Awareness, from: number, count: number): void {
  for (const state of [{ user }, null]) {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, count)
    for (let id = from; id < from + count; id++) {
      encoding.writeVarUint(e, id)
      encoding.writeVarUint(e, state ? 1 : 2)
      encoding.writeVarString(e, JSON.stringify(state))
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
    assert.deepEqual(identityOf(`soak-doc-${last}`, awarenesses[last]!, 1000 + last * MAX_REMEMBERED), user, 'the latest document keeps its ids')
    assert.equal(identityOf('soak-doc-0', awarenesses[0]!, 1000), undefined, 'the oldest id of the document used least lately is forgotten')
  } finally { for (const a of awarenesses) a.destroy() }
})
