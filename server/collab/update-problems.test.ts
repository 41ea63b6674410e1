import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import type { CommentWriter } from './comment-authorship.js'
import { updateFromJSON } from './content.js'
import { sampleJSON } from '../test/helpers.js'
import { firstText, provisionC2, updatesOf } from '../test/sample-edits.js'
import { isPlainTyping, problemsAfter } from './update-problems.js'

/** A mirror and a client doc holding the sample document; `edit` changes the client; returns the problems of its update (sent by `writer`). */
function check(edit: (d: Y.Doc) => void, writer?: CommentWriter): string[] {
  const initial = updateFromJSON(sampleJSON())
  const mirror = new Y.Doc(), client = new Y.Doc()
  Y.applyUpdate(mirror, initial)
  Y.applyUpdate(client, initial)
  const updates: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => updates.push(u))
  edit(client)
  return updates.flatMap(u => problemsAfter(mirror, u, writer))
}

test('typing, deleting and known marks are accepted', () => {
  assert.deepEqual(check(d => firstText(d).insert(0, 'مرحبا ')), [])
  assert.deepEqual(check(d => firstText(d).delete(0, 4)), [])
  assert.deepEqual(check(d => firstText(d).format(0, 4, { insertion: { author: 'Amal', delegation: 'APT' } })), [])
})

test('an unknown mark is refused', () => {
  assert.match(check(d => firstText(d).format(0, 4, { blink: {} })).join(), /unknown mark "blink"/)
})

test('a duplicated or missing id is accepted (the server repairs it, extensions/id-repair.ts); an id that is not a string is refused', () => {
  assert.deepEqual(check(d => provisionC2(d).setAttribute('id', 'c1')), [])
  assert.deepEqual(check(d => provisionC2(d).removeAttribute('id')), [])
  assert.match(check(d => provisionC2(d).setAttribute('id', 7 as unknown as string)).join(), /attribute "id" of provision must be a string/)
  assert.match(check(d => { provisionC2(d).setAttribute('id', 'c1'); d.getXmlFragment('prosemirror').delete(1, 1) }).join(), /Invalid content/)
})

test('deleting a required node is refused; deleting a provision is accepted', () => {
  assert.match(check(d => d.getXmlFragment('prosemirror').delete(1, 1)).join(), /Invalid content/)
  assert.deepEqual(check(d => (d.getXmlFragment('prosemirror').get(2) as Y.XmlElement).delete(2, 1)), [])
})

test('an embed in text and garbage bytes are refused', () => {
  assert.match(check(d => firstText(d).insertEmbed(0, { image: 'x' })).join(), /embedded object/)
  const mirror = new Y.Doc()
  assert.match(problemsAfter(mirror, new Uint8Array([1, 200, 3, 255, 255, 9])).join(), /not a Yjs update/)
})

test('plain typing is recognised without a copy; structure and formatting are not', () => {
  const initial = updateFromJSON(sampleJSON())
  const live = new Y.Doc()
  Y.applyUpdate(live, initial)
  const kind = (edit: (d: Y.Doc) => void) => {
    const client = new Y.Doc()
    Y.applyUpdate(client, initial)
    const updates: Uint8Array[] = []
    client.on('update', (u: Uint8Array) => updates.push(u))
    edit(client)
    return updates.map(u => isPlainTyping(live, Y.decodeUpdate(u)))
  }
  assert.deepEqual(kind(d => firstText(d).insert(3, 'abc')), [true])
  assert.deepEqual(kind(d => firstText(d).delete(0, 5)), [true])
  assert.deepEqual(kind(d => { firstText(d).insert(0, 'a'); firstText(d).insert(1, 'b') }), [true, false], 'the second depends on the first, which the live document does not have yet')
  assert.deepEqual(kind(d => firstText(d).format(0, 2, { em: {} })), [false])
  assert.deepEqual(kind(d => provisionC2(d).delete(0, 1)), [false])
  assert.deepEqual(kind(d => d.getArray('comments').push([{}])), [false])
  assert.deepEqual(kind(d => d.getText('other').insert(0, 'x')), [false], 'a string in a new root type')
})

test('a comment in another delegate\'s name is refused; in one\'s own it is accepted', () => {
  const post = (author: string, delegation: string) => (d: Y.Doc) => d.getArray('comments').push([{ id: 'x', anchor: { provisionId: 'c1' }, author, delegation, text: 'why?', createdAt: '2026-11-23T09:00:00Z', replies: [], resolved: false }])
  const amal = { name: 'Amal', delegation: 'APT', role: 'drafter' }
  assert.match(check(post('Pierre', 'CEPT'), amal).join(), /own name/)
  assert.deepEqual(check(post('Amal', 'APT'), amal), [])
})
