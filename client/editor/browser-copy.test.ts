/**
 * Copies of a document kept in this browser: their names per user, and what
 * a copy adds to the document as the server has it (words, deletions, or
 * nothing), with the client ids that wrote it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import { browserCopyName, clientsAdding, unkeyedCopyName, whatCopyAdds } from './browser-copy.js'

/** A document as the server has it, and a copy of it made by a page (another client). */
function serverAndCopy() {
  const server = new Y.Doc()
  server.getText('t').insert(0, 'the text in force')
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
  return { server, copy }
}

test('copies are named per user and document, apart from the un-keyed copies kept before', () => {
  assert.notEqual(browserCopyName('u-amal', 'd1'), browserCopyName('u-salma', 'd1'))
  assert.notEqual(browserCopyName('u-amal', 'd1'), browserCopyName('u-amal', 'd2'))
  assert.equal(unkeyedCopyName('d1'), 'resdraft:d1')
  assert.notEqual(browserCopyName('u-amal', 'd1'), unkeyedCopyName('d1'))
  // a user id with the separator in it cannot pass for another user's and document's name
  assert.notEqual(browserCopyName('a:b', 'c'), browserCopyName('a', 'b:c'))
})

test('a copy holding words the server lacks adds them, written by its page', () => {
  const { server, copy } = serverAndCopy()
  copy.getText('t').insert(3, ' offline')
  const merged = whatCopyAdds([Y.encodeStateAsUpdate(copy)], server)
  assert.equal(merged?.getText('t').toString(), 'the offline text in force')
  assert.deepEqual(clientsAdding([Y.encodeStateAsUpdate(copy)], server), [copy.clientID])
})

test('a copy holding a deletion the server lacks adds it (no client id wrote anything new)', () => {
  const { server, copy } = serverAndCopy()
  copy.getText('t').delete(0, 4)
  const merged = whatCopyAdds([Y.encodeStateAsUpdate(copy)], server)
  assert.equal(merged?.getText('t').toString(), 'text in force')
  assert.deepEqual(clientsAdding([Y.encodeStateAsUpdate(copy)], server), [])
})

test('a copy whose words the server has already adds nothing', () => {
  const { server, copy } = serverAndCopy()
  copy.getText('t').insert(3, ' sent')
  copy.getText('t').delete(0, 1)
  Y.applyUpdate(server, Y.encodeStateAsUpdate(copy))
  server.getText('t').insert(0, 'later ')
  assert.equal(whatCopyAdds([Y.encodeStateAsUpdate(copy)], server), null)
  assert.equal(whatCopyAdds([], server), null)
  assert.deepEqual(clientsAdding([Y.encodeStateAsUpdate(copy)], server), [])
})

test('what a copy holds that cannot be put in yet (its start missing on the server) counts as added, not thrown away', () => {
  const { server, copy } = serverAndCopy()
  copy.getText('t').insert(0, 'a')
  const first = Y.encodeStateAsUpdate(copy)
  const before = Y.encodeStateVector(copy)
  copy.getText('t').insert(1, 'b')
  const second = Y.encodeStateAsUpdate(copy, before)
  assert.notEqual(whatCopyAdds([second], server), null)
  assert.notEqual(first.length, 0)
})
