import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EditorState, TextSelection } from 'prosemirror-state'
import { op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { changedUnits, isTextEdit } from './changed-units.js'

function fixture() {
  resetBuilderIds()
  return res({ lang: 'en', heading: 'RESOLUTION 50', title: 'Cybersecurity' },
    pre('considering', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}
const at = (state: EditorState, text: string) => {
  let found = -1
  state.doc.descendants((n, pos) => { if (found < 0 && n.isText && n.text!.includes(text)) found = pos + n.text!.indexOf(text); return found < 0 })
  return found
}

test('typing in a provision changes that provision only, and is a text edit', () => {
  const state = EditorState.create({ doc: fixture() })
  const tr = state.tr.setSelection(TextSelection.create(state.doc, at(state, 'two'))).insertText('X')
  assert.deepEqual(changedUnits(state.doc, tr.doc), ['p2'])
  assert.equal(isTextEdit(tr), true)
})

test('splitting a provision is a change of structure', () => {
  const state = EditorState.create({ doc: fixture() })
  const tr = state.tr.split(at(state, 'one'), 2)
  assert.equal(changedUnits(state.doc, tr.doc), null)
  assert.equal(isTextEdit(tr), false)
})

test('a change to the title is outside every unit', () => {
  const state = EditorState.create({ doc: fixture() })
  const tr = state.tr.insertText('!', at(state, 'Cybersecurity'))
  assert.equal(changedUnits(state.doc, tr.doc), null)
})

test('replacing the whole document (a remote change through y-prosemirror) is not a text edit, though units still compare by content', () => {
  const state = EditorState.create({ doc: fixture() })
  const edited = state.tr.insertText('Y', at(state, 'act')).doc
  const tr = state.tr.replaceWith(0, state.doc.content.size, edited.content)
  assert.equal(isTextEdit(tr), false)
  assert.deepEqual(changedUnits(state.doc, tr.doc), ['p3'])
})

test('deleting text across two provisions is not a text edit', () => {
  const state = EditorState.create({ doc: fixture() })
  const tr = state.tr.delete(at(state, 'one'), at(state, 'two'))
  assert.equal(isTextEdit(tr), false)
})
