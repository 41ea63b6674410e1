import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state'
import { chainCommands, deleteSelection, joinBackward, selectNodeBackward } from 'prosemirror-commands'
import { op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { proposalGuardPlugin } from './proposal-guard.js'

/** A proposal: cover, MOD line, then a short resolution. */
function proposal(): Node {
  resetBuilderIds()
  const d = res({ title: 'Cybersecurity' }, pre('considering', prov('that one')), op('resolves', prov('to act')))
  const s = d.type.schema
  const cover = s.nodes.proposalHeader!.create(null, [s.nodes.coverParagraph!.create({ role: 'source' }, s.text('Asia-Pacific'))])
  const kids: Node[] = [cover, s.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/44A13/1' })]
  d.forEach(c => kids.push(c))
  return d.type.create(d.attrs, kids)
}

const REMOTE = 'remote'
const isRemote = (tr: Transaction) => tr.getMeta(REMOTE) === true
const stateOf = (doc: Node) => EditorState.create({ doc, plugins: [proposalGuardPlugin(isRemote)] })
const tops = (doc: Node) => { const out: string[] = []; doc.forEach(n => out.push(n.type.name)); return out }
const headingStart = (doc: Node) => { let pos = -1; doc.forEach((n, offset) => { if (n.type.name === 'resolutionHeading') pos = offset + 1 }); return pos }

/** Backspace as the base keymap runs it. */
const backspace = chainCommands(deleteSelection, joinBackward, selectNodeBackward)

test('the MOD line deleted by keys (two Backspaces at the start of the heading) comes back as it was', () => {
  const pressTwice = (start: EditorState) => {
    let state = start.apply(start.tr.setSelection(TextSelection.create(start.doc, headingStart(start.doc))))
    for (let k = 0; k < 2; k++) backspace(state, tr => { state = state.apply(tr) })
    return state
  }
  // without the guard the two keys delete it (the first selects it, the second deletes it)
  assert.deepEqual(tops(pressTwice(EditorState.create({ doc: proposal() })).doc).slice(0, 2), ['proposalHeader', 'resolutionHeading'])
  const state = pressTwice(stateOf(proposal()))
  const marker = state.doc.child(1)
  assert.equal(marker.type.name, 'proposalMarker')
  assert.deepEqual({ action: marker.attrs.action, proposalId: marker.attrs.proposalId }, { action: 'MOD', proposalId: 'APT/44A13/1' })
  state.doc.check()
})

test('a selection across the cover, the MOD line and the text, deleted: the text goes, the cover and the MOD line stay', () => {
  const deleteAcross = (start: EditorState) => {
    let state = start.apply(start.tr.setSelection(TextSelection.between(start.doc.resolve(2), TextSelection.atEnd(start.doc).$head)))
    deleteSelection(state, tr => { state = state.apply(tr) })
    return state
  }
  assert.equal(tops(deleteAcross(EditorState.create({ doc: proposal() })).doc).includes('proposalMarker'), false, 'without the guard both go')
  const state = deleteAcross(stateOf(proposal()))
  assert.deepEqual(tops(state.doc).slice(0, 2), ['proposalHeader', 'proposalMarker'])
  assert.equal(state.doc.child(0).textContent, 'Asia-Pacific')
  assert.equal(state.doc.textContent.includes('to act'), false)
  state.doc.check()
})

test("a collaborator's change (or undo through the shared document) that removes the MOD line is left as it is", () => {
  let state = stateOf(proposal())
  const tr = state.tr.delete(state.doc.child(0).nodeSize, state.doc.child(0).nodeSize + 1).setMeta(REMOTE, true)
  state = state.apply(tr)
  assert.deepEqual(tops(state.doc).slice(0, 2), ['proposalHeader', 'resolutionHeading'])
})

test('a resolution without a cover or MOD line is not given one', () => {
  resetBuilderIds()
  let state = stateOf(res({ title: 'T' }, op('resolves', prov('to act'))))
  state = state.apply(state.tr.insertText('x', 2))
  assert.deepEqual(tops(state.doc).slice(0, 2), ['resolutionHeading', 'resolutionTitle'])
})
