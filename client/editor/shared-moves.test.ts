/**
 * A move in two changes on a view stand-in (state and dispatch): where the
 * provision goes, where the caret goes, and that a move that cannot be made
 * loses nothing.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { EditorState, Plugin, TextSelection, type Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { unitAt } from './commands.js'
import { moveInTwoChanges } from './shared-moves.js'

function doc(): Node {
  resetBuilderIds()
  return res({ lang: 'en', title: 'Cybersecurity' },
    pre('recalling', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}

/** What a view does with a transaction, without a DOM; counts the changes dispatched. */
function standIn(state: EditorState): EditorView & { changes: number } {
  const view = {
    state, changes: 0,
    dispatch(tr: Transaction) { view.changes++; view.state = view.state.apply(tr) }
  }
  return view as unknown as EditorView & { changes: number }
}

const after = (d: Node, text: string) => { let pos = -1; d.descendants((n, p) => { if (pos < 0 && n.isText && n.text!.includes(text)) pos = p + n.text!.indexOf(text) + text.length; return pos < 0 }); return pos }
const outline = (d: Node) => { const out: string[] = []; d.descendants(n => { if (n.type.name === 'provision') out.push(n.textContent); return n.type.name !== 'provision' }); return out.join('|') }
const endOfSection = (id: string) => (d: Node) => { let at: number | null = null; d.forEach((s, o) => { if (s.attrs.id === id) at = o + s.nodeSize - 1 }); return at }

test('a provision moved in two changes: deleted, then inserted where the target says, the caret inside it', () => {
  const d = doc()
  const view = standIn(EditorState.create({ doc: d, selection: TextSelection.create(d, after(d, 'that o')) }))
  moveInTwoChanges(view, unitAt(view.state.selection.$from, ['provision'])!, endOfSection('s2'), true)
  assert.equal(view.changes, 2)
  assert.equal(outline(view.state.doc), 'that two|to act|that one')
  assert.equal(view.state.selection.from, after(view.state.doc, 'that o'), 'the caret where it was in the provision')
})

test('a move whose place is not found after the deletion puts the provision back where it was', () => {
  const d = doc()
  const view = standIn(EditorState.create({ doc: d, selection: TextSelection.create(d, after(d, 'that t')) }))
  moveInTwoChanges(view, unitAt(view.state.selection.$from, ['provision'])!, () => null, false)
  assert.equal(outline(view.state.doc), 'that one|that two|to act')
  assert.ok(view.state.doc.eq(d))
})

test('a move whose deletion is refused (a plugin filters it) changes nothing', () => {
  const d = doc()
  const refuse = new Plugin({ filterTransaction: tr => !tr.docChanged })
  const view = standIn(EditorState.create({ doc: d, plugins: [refuse], selection: TextSelection.create(d, after(d, 'that t')) }))
  moveInTwoChanges(view, unitAt(view.state.selection.$from, ['provision'])!, endOfSection('s2'), true)
  assert.equal(view.state.doc, d)
})
