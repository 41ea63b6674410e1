import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EditorState, TextSelection } from 'prosemirror-state'
import { Fragment, Slice } from 'prosemirror-model'
import { duplicateIds, op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { uniqueIdsPlugin } from './unique-ids.js'

function fixture() {
  resetBuilderIds()
  return res({ lang: 'en', heading: 'RESOLUTION 50', title: 'Cybersecurity' },
    pre('considering', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}

let n = 0
const makeId = () => `fresh${++n}`

function posOfText(state: EditorState, text: string): number {
  let found = -1
  state.doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text)
  })
  assert.ok(found >= 0, `text ${text} not found`)
  return found
}

const ids = (state: EditorState) => {
  const out: string[] = []
  state.doc.descendants(node => { if (node.type.name === 'provision') out.push(node.attrs.id); return true })
  return out
}

test('splitting a provision gives the new half a fresh id and leaves the first its own', () => {
  const state = EditorState.create({ doc: fixture(), plugins: [uniqueIdsPlugin({ makeId })] })
  const at = posOfText(state, 'one') // split "that |one" into two provisions
  const { state: next } = state.applyTransaction(state.tr.split(at, 2))
  assert.deepEqual(duplicateIds(next.doc), [])
  const list = ids(next)
  assert.equal(list.length, 4)
  assert.equal(list[0], 'p1')
  assert.match(list[1]!, /^fresh/)
  assert.deepEqual(list.slice(2), ['p2', 'p3'])
})

test('pasting a copy of a provision gives the copy a fresh id', () => {
  const state = EditorState.create({ doc: fixture(), plugins: [uniqueIdsPlugin({ makeId })] })
  let provisionPos = -1
  state.doc.descendants((node, pos) => { if (node.attrs.id === 'p2') provisionPos = pos; return provisionPos < 0 })
  const provision = state.doc.nodeAt(provisionPos)!
  const after = provisionPos + provision.nodeSize
  const { state: next } = state.applyTransaction(state.tr.replace(after, after, new Slice(Fragment.from(provision), 0, 0)))
  assert.deepEqual(duplicateIds(next.doc), [])
  assert.deepEqual(ids(next).slice(0, 2), ['p1', 'p2'])
  assert.equal(ids(next).length, 4)
})

test('transactions chosen to be skipped are left alone', () => {
  const state = EditorState.create({ doc: fixture(), plugins: [uniqueIdsPlugin({ makeId, skip: tr => tr.getMeta('remote') === true })] })
  const at = posOfText(state, 'one')
  const { state: next } = state.applyTransaction(state.tr.split(at, 2).setMeta('remote', true))
  assert.deepEqual(duplicateIds(next.doc), ['p1'])
})

test('typing inside a provision changes no id', () => {
  const state = EditorState.create({ doc: fixture(), plugins: [uniqueIdsPlugin({ makeId })] })
  const at = posOfText(state, 'two')
  const tr = state.tr.setSelection(TextSelection.create(state.doc, at)).insertText('X')
  const { state: next, transactions } = state.applyTransaction(tr)
  assert.equal(transactions.length, 1)
  assert.deepEqual(ids(next), ['p1', 'p2', 'p3'])
})

test('the id fix stays in the undo history of the change that needed it', () => {
  // y-prosemirror's UndoManager skips every synchronised change whose transactions say addToHistory: false.
  const state = EditorState.create({ doc: fixture(), plugins: [uniqueIdsPlugin({ makeId })] })
  const at = posOfText(state, 'one')
  const { transactions } = state.applyTransaction(state.tr.split(at, 2))
  assert.equal(transactions.length, 2, 'the split and the id fix')
  for (const tr of transactions) assert.notEqual(tr.getMeta('addToHistory'), false)
})
