import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { COMMENTS } from '../../protocol/shared-doc.js'
import { addCommentChange, ceilingProblem, CommentBytes, commentRoomFor, delegationRoomProblem, entryBytes, noCommentChange, NO_ROOM, TOMBSTONE_BYTES, type CommentChange } from './comment-room.js'

const entry = (id: string, text = 'please check') => ({ id, anchor: { provisionId: 'c1' }, author: 'Rita', delegation: 'Reviewer', text, createdAt: '2026-11-23T09:00:00Z', replies: [], resolved: false })

/** A page (a Yjs client of its own) and what each of its transactions did to the comments. */
function page(clientID: number): { doc: Y.Doc; last: () => CommentChange } {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const comments = doc.getArray(COMMENTS)
  let last = noCommentChange()
  doc.on('afterTransaction', (tr: Y.Transaction) => { last = noCommentChange(); addCommentChange(last, tr, comments) })
  return { doc, last: () => last }
}

test('an entry inserted counts its bytes for its writer; deleted, a tombstone', () => {
  const { doc, last } = page(7)
  const comments = doc.getArray(COMMENTS)
  const e = entry('a', 'ع'.repeat(100))
  comments.push([e])
  assert.deepEqual([...last().byClient], [[7, entryBytes(e)]])
  assert.equal(last().inserted, 1)
  assert.ok(entryBytes(e) > 200, 'UTF-8 bytes, not characters')
  comments.delete(0, 1)
  assert.deepEqual([...last().byClient], [[7, TOMBSTONE_BYTES - entryBytes(e)]])
  assert.equal(last().inserted, 0)
})

test('an entry inserted and deleted in one change leaves its tombstone counted', () => {
  const { doc, last } = page(7)
  doc.transact(() => { doc.getArray(COMMENTS).push([entry('a')]); doc.getArray(COMMENTS).delete(0, 1) })
  assert.deepEqual([...last().byClient], [[7, TOMBSTONE_BYTES]])
  assert.equal(last().inserted, 1)
})

test("a reply written as a copy of another's comment is the replier's; the replaced entry no longer counts for its writer", () => {
  const a = page(1), b = page(2)
  const e = entry('a', 'x'.repeat(1000))
  a.doc.getArray(COMMENTS).push([e])
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
  const copy = { ...e, replies: [{ id: 'r', author: 'Amal', delegation: 'APT', text: 'agreed', createdAt: '2026-11-23T10:00:00Z' }] }
  b.doc.transact(() => { const list = b.doc.getArray(COMMENTS); list.delete(0, 1); list.insert(0, [copy]) })
  assert.equal(b.last().byClient.get(2), entryBytes(copy))
  assert.equal(b.last().byClient.get(1), TOMBSTONE_BYTES - entryBytes(e))
})

test('only the changed entries are read: an entry split by a deletion counts the part deleted', () => {
  const { doc, last } = page(3)
  const list = [entry('a'), entry('b', 'longer words'), entry('c')]
  doc.getArray(COMMENTS).push(list)   // one item holding three entries
  doc.getArray(COMMENTS).delete(1, 1)
  assert.deepEqual([...last().byClient], [[3, TOMBSTONE_BYTES - entryBytes(list[1])]])
})

test("a live document's count follows its changes, and a count read afresh agrees on what is held", () => {
  const live = new Y.Doc()
  const bytes = new CommentBytes(live)
  const a = page(11), b = page(12)
  for (let i = 0; i < 20; i++) {
    const p = i % 3 ? a : b
    Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(live))
    const sv = Y.encodeStateVector(p.doc)
    p.doc.getArray(COMMENTS).push([entry(`e${i}`, 'y'.repeat(i * 10))])
    Y.applyUpdate(live, Y.encodeStateAsUpdate(p.doc, sv))
  }
  const fresh = new CommentBytes(live)
  for (const client of [11, 12]) assert.equal(bytes.heldBy(c => c === client), fresh.heldBy(c => c === client))
  assert.equal(bytes.heldBy(() => true), live.getArray(COMMENTS).toArray().reduce((n: number, e) => n + entryBytes(e), 0))
  // the first page deletes its own: what it holds is its tombstones
  const fromFirst = (e: unknown) => Number((e as { id: string }).id.slice(1)) % 3 !== 0
  live.transact(() => { const list = live.getArray(COMMENTS); for (let i = list.length - 1; i >= 0; i--) if (fromFirst(list.get(i))) list.delete(i, 1) })
  assert.equal(bytes.heldBy(c => c === 11), 13 * TOMBSTONE_BYTES)
})

test('the rules: a delegation past its share, comments past the ceiling; shrinking is always let through', () => {
  const room = commentRoomFor(8 * 1024 * 1024)
  assert.deepEqual(room, { ceiling: 6 * 1024 * 1024, perDelegation: 1024 * 1024 })
  const grows = (n: number): CommentChange => ({ byClient: new Map([[5, n]]), inserted: 1 })
  assert.equal(delegationRoomProblem(room, 'APT', room.perDelegation - 100, grows(100), () => true), null)
  assert.match(delegationRoomProblem(room, 'APT', room.perDelegation - 100, grows(101), () => true) ?? '', new RegExp(`^${NO_ROOM}the comments of APT`))
  assert.equal(delegationRoomProblem(room, 'APT', room.perDelegation * 2, grows(-10), () => true), null, 'a delegation past its share may still shrink')
  assert.equal(delegationRoomProblem(room, 'APT', room.perDelegation, grows(100), () => false), null, "another's growth is not the writer's")
  assert.equal(ceilingProblem(room, room.ceiling), null)
  assert.match(ceilingProblem(room, room.ceiling + 1) ?? '', /kept for the text/)
})
