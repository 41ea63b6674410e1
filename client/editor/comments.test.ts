import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { addComment, readComments, replyTo, setResolved } from './comments.js'

const amal = { name: 'Amal', delegation: 'APT' }
const pierre = { name: 'Pierre', delegation: 'CEPT' }

/** Two peers holding the same comment list, kept apart until `sync()`. */
function peers() {
  const a = new Y.Doc(), b = new Y.Doc()
  const sync = () => { Y.applyUpdate(b, Y.encodeStateAsUpdate(a)); Y.applyUpdate(a, Y.encodeStateAsUpdate(b)) }
  return { a: a.getArray<unknown>('comments'), b: b.getArray<unknown>('comments'), sync }
}

test('replies made at the same moment on two peers are both kept, once, on both', () => {
  const { a, b, sync } = peers()
  const c = addComment(a, { provisionId: 'p1' }, 'why?', amal)
  sync()
  replyTo(a, c.id, 'because', amal)
  replyTo(b, c.id, 'agreed', pierre)
  sync()
  for (const list of [a, b]) {
    const all = readComments(list)
    assert.equal(all.length, 1)
    assert.deepEqual(all[0]!.replies.map(r => r.text).sort(), ['agreed', 'because'])
  }
  assert.deepEqual(readComments(a), readComments(b))
  // the next change folds the two entries back into one
  setResolved(a, c.id, true)
  sync()
  assert.equal(a.length, 1)
  assert.equal(readComments(b)[0]!.resolved, true)
  assert.equal(readComments(b)[0]!.replies.length, 2)
})

test('malformed entries are skipped', () => {
  const { a } = peers()
  a.push([{ text: 'no id' }, null])
  addComment(a, { provisionId: 'p1', quote: 'security' }, 'note', amal)
  assert.equal(readComments(a).length, 1)
})
