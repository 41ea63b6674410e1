import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { COMMENTS, FRAGMENT } from '../../protocol/shared-doc.js'
import { prng } from '../../diff/test-documents.js'
import { entriesUpdate } from '../hostile/raw-socket.js'
import { sampleJSON } from '../test/helpers.js'
import { firstText } from '../test/sample-edits.js'
import type { CommentWriter } from './comment-authorship.js'
import { acceptableCommenting, commentingOf } from './commenting.js'
import { noCommentChange } from './comment-room.js'
import { updateFromJSON } from './content.js'
import { problemsAfter } from './update-problems.js'

const sample = updateFromJSON(sampleJSON())

const WRITERS: CommentWriter[] = [
  { name: 'Amal', delegation: 'APT', role: 'drafter' },
  { name: 'Rita', delegation: 'Reviewer', role: 'reviewer' },
  { name: 'Sec', delegation: 'TSB', role: 'secretariat' }
]

type Entry = { id: string; author: string; delegation: string; text: string; createdAt: string; anchor: unknown; replies: unknown[]; resolved: boolean; [k: string]: unknown }

let ids = 0
const comment = (by: CommentWriter, over: Partial<Entry> = {}): Entry =>
  ({ id: `c${++ids}`, anchor: { provisionId: 'c1' }, author: by.name, delegation: by.delegation, text: 'please check', createdAt: '2026-11-23T09:00:00Z', replies: [], resolved: false, ...over })

/** The update a page's change makes, from the live document's state. */
function changeOn(live: Y.Doc, clientID: number, change: (comments: Y.Array<unknown>, page: Y.Doc) => void): Uint8Array {
  const page = new Y.Doc()
  page.clientID = clientID
  Y.applyUpdate(page, Y.encodeStateAsUpdate(live))
  const sv = Y.encodeStateVector(page)
  page.transact(() => change(page.getArray(COMMENTS), page))
  return Y.encodeStateAsUpdate(page, sv)
}

/** The full check's answer on a copy of `live`: its problems and what it counted of the comments. */
function fullCheck(live: Y.Doc, update: Uint8Array, writer: CommentWriter) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  const change = noCommentChange()
  const problems = problemsAfter(copy, update, writer, [], change)
  copy.destroy()
  return { problems, change }
}

/** A random change of the comments, honest or not, by `by`. */
function randomCommenting(r: () => number, comments: Y.Array<unknown>, by: CommentWriter): void {
  const all = comments.toArray() as Entry[]
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  const kind = Math.floor(r() * 11)
  const at = all.length ? Math.floor(r() * all.length) : -1
  const replace = (next: (e: Entry) => Entry) => { const e = all[at]!; comments.delete(at, 1); comments.insert(at, [next(e)]) }
  if (kind === 0 || at < 0) comments.push([comment(by)])
  else if (kind === 1) comments.push([comment(by), comment(by, { text: 'and this' })])   // one item of two entries
  else if (kind === 2) replace(e => ({ ...e, replies: [...e.replies, { id: `r${++ids}`, author: by.name, delegation: by.delegation, text: 'agreed', createdAt: '2026-11-23T10:00:00Z' }] }))
  else if (kind === 3) replace(e => ({ ...e, resolved: !e.resolved }))
  else if (kind === 4) comments.delete(at, 1)   // someone's comment removed: allowed to its author and the secretariat
  else if (kind === 5) comments.push([comment(pick(WRITERS))])   // perhaps in another's name
  else if (kind === 6) comments.push([comment(by, { createdAt: '2099-01-01T00:00:00Z' })])   // dated in the future
  else if (kind === 7) comments.push([{ ...comment(by), colour: 'red' }])   // an unknown field
  else if (kind === 8) replace(e => ({ ...e, text: 'rewritten' }))
  else if (kind === 9) replace(e => ({ ...e, replies: [] }))   // replies taken away
  else comments.insert(Math.floor(r() * (all.length + 1)), [comment(by)])   // in the middle
}

test('commenting read off the live comments is taken only where the full check on a copy takes it, and counts the same', () => {
  const r = prng(5)
  const live = new Y.Doc()
  Y.applyUpdate(live, sample)
  let recognised = 0, taken = 0, refused = 0
  for (let step = 0; step < 400; step++) {
    const by = WRITERS[Math.floor(r() * WRITERS.length)]!
    const update = changeOn(live, 1000 + step, comments => randomCommenting(r, comments, by))
    const commenting = commentingOf(live, update)
    const full = fullCheck(live, update, by)
    // a change of the comments only is commenting, unless an entry it writes is of the wrong shape
    if (!commenting) { assert.match(full.problems.join(), /comment \d+/, `step ${step}: not commenting, and refused in full`); refused++; continue }
    recognised++
    if (acceptableCommenting(live, commenting, by)) {
      taken++
      assert.deepEqual(full.problems, [], `step ${step}: taken by the commenting path, refused in full`)
      assert.deepEqual([...commenting.change.byClient].sort(), [...full.change.byClient].sort(), `step ${step}: bytes per client`)
      assert.equal(commenting.change.inserted, full.change.inserted)
      Y.applyUpdate(live, update)
    } else {
      refused++
      assert.notDeepEqual(full.problems, [], `step ${step}: left to the full check, which takes it`)
    }
  }
  assert.ok(taken > 150 && refused > 80 && recognised > 250, `recognised ${recognised}, taken ${taken}, left to the full check ${refused}`)
})

test('entries put anywhere but the comments, a change of anything else, or clocks the document holds are not commenting', () => {
  const live = new Y.Doc()
  Y.applyUpdate(live, sample)
  const amal = WRITERS[0]!
  Y.applyUpdate(live, changeOn(live, 50, comments => comments.push([comment(amal)])))
  const first = (live.getArray(COMMENTS) as unknown as { _start: Y.Item })._start
  const text = (firstText(live) as unknown as { _start: Y.Item })._start
  const element = (firstText(live) as unknown as { _item: Y.Item })._item
  const fresh = [comment(amal)]
  const of = (u: Uint8Array) => commentingOf(live, u)

  assert.ok(of(entriesUpdate({ client: 60, clock: 0, entries: fresh, root: COMMENTS })), 'at the start of the comments (made by hand)')
  assert.ok(of(entriesUpdate({ client: 60, clock: 0, entries: fresh, origin: first.id })), 'after a comment (made by hand)')
  assert.equal(of(entriesUpdate({ client: 61, clock: 0, entries: fresh, origin: text.id })), null, 'after a character of the text')
  assert.equal(of(entriesUpdate({ client: 62, clock: 0, entries: fresh, origin: first.id, rightOrigin: text.id })), null, 'before a character of the text')
  assert.equal(of(entriesUpdate({ client: 63, clock: 0, entries: fresh, root: FRAGMENT })), null, 'in the document fragment')
  assert.equal(of(entriesUpdate({ client: 64, clock: 0, entries: fresh, root: 'evil' })), null, 'in another root')
  assert.equal(of(entriesUpdate({ client: 65, clock: 0, entries: fresh, parent: element.id })), null, 'in an element of the text')
  assert.equal(of(entriesUpdate({ client: 66, clock: 0, entries: fresh, root: COMMENTS, parentSub: 'x' })), null, 'as an entry of the comments root')
  assert.equal(of(entriesUpdate({ client: 67, clock: 0, entries: fresh, root: COMMENTS }, [[text.id.client, text.id.clock, 1]])), null, 'with a character of the text deleted')
  assert.equal(of(entriesUpdate({ client: 50, clock: 0, entries: fresh, root: COMMENTS })), null, 'over clocks the document holds')
  assert.equal(of(entriesUpdate({ client: 50, clock: 9, entries: fresh, root: COMMENTS })), null, 'after a gap in its clocks')
  assert.equal(of(entriesUpdate({ client: 68, clock: 0, entries: fresh, origin: Y.createID(69, 0) })), null, 'after an item the document does not hold')
  assert.equal(of(changeOn(live, 70, (comments, page) => { comments.push([comment(amal)]); firstText(page).insert(0, 'x') })), null, 'a comment typed with text')
  assert.equal(of(changeOn(live, 71, (_, page) => { firstText(page).insert(0, 'x') })), null, 'typing alone')
  assert.ok(of(changeOn(live, 72, comments => comments.delete(0, 1))), 'a comment deleted')
})

test('forms found by fuzzing are not commenting: ranges of length 0, a client listed twice, entries JSON cannot write, comments written otherwise than as entries', () => {
  const live = new Y.Doc()
  Y.applyUpdate(live, sample)
  const rita = WRITERS[1]!
  const of = (u: Uint8Array) => commentingOf(live, u)
  const entry = comment(rita)
  assert.ok(of(entriesUpdate({ client: 80, clock: 0, entries: [entry], root: COMMENTS })), 'a comment')
  assert.equal(of(entriesUpdate({ client: 81, clock: 0, entries: [], root: COMMENTS })), null, 'an item of no entry')
  assert.equal(of(entriesUpdate({ client: 82, clock: 0, entries: [entry], root: COMMENTS }, [[82, 0, 0]])), null, 'with a deletion of length 0')
  assert.doesNotThrow(() => assert.equal(of(entriesUpdate({ client: 83, clock: 0, entries: [{ ...entry, resolved: 1n }], root: COMMENTS })), null), 'an entry holding a BigInt')

  // client 84 listed twice, the second time with no struct: Yjs keeps only the second listing, so its comment never comes
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 84); encoding.writeVarUint(e, 0)
  encoding.writeUint8(e, 8); encoding.writeVarUint(e, 1); encoding.writeVarString(e, COMMENTS); encoding.writeVarUint(e, 1); encoding.writeAny(e, entry as never)
  encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 84); encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, 0)
  assert.equal(of(encoding.toUint8Array(e)), null, 'a client listed twice')

  // a comment written as a JSON item (ContentJSON, which no page writes): the comments are then checked in full
  const j = encoding.createEncoder()
  encoding.writeVarUint(j, 1); encoding.writeVarUint(j, 1); encoding.writeVarUint(j, 85); encoding.writeVarUint(j, 0)
  encoding.writeUint8(j, 2); encoding.writeVarUint(j, 1); encoding.writeVarString(j, COMMENTS)
  encoding.writeVarUint(j, 1); encoding.writeVarString(j, JSON.stringify(comment(WRITERS[0]!)))
  encoding.writeVarUint(j, 0)
  Y.applyUpdate(live, encoding.toUint8Array(j))
  assert.equal(of(changeOn(live, 86, comments => comments.delete(0, 1))), null, 'the JSON comment deleted')
  assert.equal(of(changeOn(live, 87, comments => comments.push([comment(rita)]))), null, 'a comment beside it')
})
