import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { EditorState } from 'prosemirror-state'
import { Slice, Fragment } from 'prosemirror-model'
import { duplicateIds, idFixes, newId, withUniqueIds, checkResolution } from './index.js'
import { op, pre, prov, res } from './builders.js'

const doc = () => res({ lang: 'en' },
  pre('considering', prov('alpha', { id: 'a' }), prov('beta', { id: 'b' })),
  op('resolves', prov('one', { id: 'o1' })))

function posOfText(d: ReturnType<typeof doc>, text: string): number {
  let found = -1
  d.descendants((n, pos) => { if (found < 0 && n.isText && n.text!.includes(text)) found = pos + n.text!.indexOf(text); return found < 0 })
  return found
}

test('newId gives distinct ids', () => {
  const ids = new Set(Array.from({ length: 10000 }, newId))
  assert.equal(ids.size, 10000)
})

test('splitting a provision duplicates its id; idFixes gives the second half a fresh one', () => {
  const d = doc()
  const state = EditorState.create({ doc: d })
  const pos = posOfText(d, 'beta') + 2
  const tr = state.tr.split(pos, 2) // split paragraph and provision
  assert.deepEqual(duplicateIds(tr.doc), ['b'])
  const fixes = idFixes(tr.doc)
  assert.equal(fixes.length, 1)
  for (const f of fixes) tr.setNodeAttribute(f.pos, 'id', f.id)
  assert.deepEqual(duplicateIds(tr.doc), [])
  checkResolution(tr.doc)
  // The first holder keeps the id: the provision that starts with "be" is still "b".
  const ids: string[] = []
  tr.doc.descendants(n => { if (n.type.name === 'provision') ids.push(n.attrs.id); return true })
  assert.equal(ids[1], 'b')
  assert.notEqual(ids[2], 'b')
})

test('pasting a copy of a provision is repaired by withUniqueIds', () => {
  const d = doc()
  const copy = d.child(3).child(1) // the provision "one" in the operative section
  assert.equal(copy.attrs.id, 'o1')
  const state = EditorState.create({ doc: d })
  const end = d.content.size - 1 // inside the operative section, after its last provision
  const tr = state.tr.replace(end, end, new Slice(Fragment.from([copy, copy]), 0, 0))
  assert.ok(duplicateIds(tr.doc).includes('o1'))
  const fixed = withUniqueIds(tr.doc)
  assert.deepEqual(duplicateIds(fixed), [])
  checkResolution(fixed)
  assert.equal(withUniqueIds(fixed), fixed, 'a document with unique ids is returned as is')
})

test('missing ids are filled', () => {
  const d = res({}, pre('recalling', prov('x', { id: '' })))
  assert.deepEqual(duplicateIds(d), [''])
  assert.deepEqual(duplicateIds(withUniqueIds(d)), [])
})
