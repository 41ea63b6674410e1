/**
 * The caret after a collaborator's move, as y-prosemirror sends it: the two
 * shared provisions rewritten in place, the caret left at its old place.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'
import { op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { caretKeepsProvisionPlugin } from './caret-keeps-provision.js'

function doc(): Node {
  resetBuilderIds()
  return res({ lang: 'en', title: 'Cybersecurity' },
    pre('recalling', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}

const textPos = (d: Node, text: string) => { let pos = -1; d.descendants((n, p) => { if (pos < 0 && n.isText && n.text!.includes(text)) pos = p + n.text!.indexOf(text); return pos < 0 }); return pos }
const remote = (tr: Transaction) => tr.setMeta(ySyncPluginKey, { isChangeOrigin: true })

/** A state with the plugin and the caret `offset` characters into `text`. */
function stateAt(d: Node, text: string, offset: number): EditorState {
  return EditorState.create({ doc: d, plugins: [caretKeepsProvisionPlugin()], selection: TextSelection.create(d, textPos(d, text) + offset) })
}

/** The two provisions of 'recalling' swapped by rewriting each in place with the other (as the binding does). */
function swappedInPlace(state: EditorState): Transaction {
  const section = state.doc.child(state.doc.childCount - 2)
  let sectionPos = 0
  state.doc.forEach((n, o) => { if (n === section) sectionPos = o })
  const [heading, first, second] = [section.child(0), section.child(1), section.child(2)]
  const start = sectionPos + 1 + heading.nodeSize
  // the same sizes are replaced in place: the caret's position maps into whatever stands there now
  return state.tr.replaceWith(start, start + first.nodeSize + second.nodeSize, [second, first])
}

const provisionIdAtCaret = (s: EditorState) => s.selection.$from.node(s.selection.$from.depth - 1).attrs.id

test("after a collaborator's move, the caret is back in its own provision, at the same place", () => {
  const state = stateAt(doc(), 'that two', 6)
  const tr = remote(swappedInPlace(state))
  // what y-prosemirror does: the caret kept by its place in the shared text, now the other provision's
  tr.setSelection(TextSelection.create(tr.doc, state.selection.from))
  const after = state.apply(tr)
  assert.equal(provisionIdAtCaret(after), 'p2')
  assert.equal(after.selection.from, textPos(after.doc, 'that two') + 6)
})

test('a selection within a paragraph keeps its words; a change of this page, or an edit of the paragraph, is left alone', () => {
  const d = doc()
  const selected = EditorState.create({ doc: d, plugins: [caretKeepsProvisionPlugin()], selection: TextSelection.create(d, textPos(d, 'that two') + 5, textPos(d, 'that two') + 8) })
  const moved = remote(swappedInPlace(selected))
  moved.setSelection(TextSelection.create(moved.doc, selected.selection.anchor, selected.selection.head))
  const after = selected.apply(moved)
  assert.equal(after.doc.textBetween(after.selection.from, after.selection.to), 'two')
  // the same swap made on this page: the page's own selection stands
  const state = stateAt(d, 'that two', 6)
  const local = swappedInPlace(state)
  local.setSelection(TextSelection.create(local.doc, state.selection.from))
  assert.equal(provisionIdAtCaret(state.apply(local)), 'p1')
  // the paragraph changed under the caret as well: no place to be sure of
  const edited = remote(swappedInPlace(state))
  edited.insertText('!', textPos(edited.doc, 'that two'))
  edited.setSelection(TextSelection.create(edited.doc, state.selection.from))
  assert.equal(provisionIdAtCaret(state.apply(edited)), 'p1')
})

test('a caret whose provision is gone stays where the change left it', () => {
  const state = stateAt(doc(), 'that two', 2)
  const section = state.doc.child(state.doc.childCount - 2)
  let sectionPos = 0
  state.doc.forEach((n, o) => { if (n === section) sectionPos = o })
  const secondAt = sectionPos + 1 + section.child(0).nodeSize + section.child(1).nodeSize
  const tr = remote(state.tr.delete(secondAt, secondAt + section.child(2).nodeSize))
  const after = state.apply(tr)
  assert.equal(after.selection.from, tr.selection.from)
})

test('words the drafter typed that come back in a later transaction of the batch bring the caret back with them', () => {
  // The drafter typed ' new' into 'that two' (offline): a collaborator's move arrives without them, and the caret,
  // kept by its place among them, lands in the other provision; the page then carries the words back (moved-words.ts),
  // in a transaction of its own: the caret goes back with them, unless the drafter has acted in between.
  const start = stateAt(doc(), 'that two', 8)
  const typed = start.apply(start.tr.insertText(' new'))
  /** The move without the words: the caret left in the other provision. */
  const moveWithout = (s: EditorState) => {
    const tr = remote(swappedInPlace(s))
    const at = textPos(tr.doc, 'that two new')
    tr.delete(at + 8, at + 12).setSelection(TextSelection.create(tr.doc, textPos(tr.doc, 'that one') + 2))
    return tr
  }
  const carryBack = (s: EditorState) => remote(s.tr.insertText(' new', textPos(s.doc, 'that two') + 8))
  const moved = typed.apply(moveWithout(typed))
  assert.equal(provisionIdAtCaret(moved), 'p1')
  const carried = moved.apply(carryBack(moved))
  assert.equal(provisionIdAtCaret(carried), 'p2')
  assert.equal(carried.doc.textBetween(textPos(carried.doc, 'that two'), carried.selection.from), 'that two new')
  // the drafter clicked elsewhere before the words came back: the caret stays where they put it
  const again = typed.apply(moveWithout(typed))
  const clicked = again.apply(again.tr.setSelection(TextSelection.create(again.doc, textPos(again.doc, 'to act') + 1)))
  assert.equal(provisionIdAtCaret(clicked.apply(carryBack(clicked))), 'p3')
})

test('a caret left in its own provision, away from the words still to come back, goes back among them', () => {
  // (a provision moved to another section and on: the caret, its shared paragraph deleted, came to the start of the
  // provision's new copy, which lacks the drafter's words until they are carried back)
  const start = stateAt(doc(), 'that two', 8)
  const typed = start.apply(start.tr.insertText(' new'))
  const tr = remote(typed.tr)
  const at = textPos(tr.doc, 'that two new')
  tr.delete(at + 8, at + 12).setSelection(TextSelection.create(tr.doc, at))
  const moved = typed.apply(tr)
  assert.equal(moved.selection.from, textPos(moved.doc, 'that two'))
  const carried = moved.apply(remote(moved.tr.insertText(' new', textPos(moved.doc, 'that two') + 8)))
  assert.equal(carried.doc.textBetween(textPos(carried.doc, 'that two'), carried.selection.from), 'that two new')
})
