import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EditorState, TextSelection } from 'prosemirror-state'
import { op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { setSectionHeading, splitProvision } from './commands.js'
import { headingGuardPlugin } from './heading-guard.js'

function state(lang: 'en' | 'ar' = 'en', remote = false) {
  resetBuilderIds()
  const doc = res({ lang }, pre('recalling', prov('that one', { id: 'p1' }), { id: 's1' }), pre('considering', prov('that two', { id: 'p2' }), { id: 's2' }), op('resolves', prov('to act', { id: 'p3' }), { id: 's3' }))
  let opened = 0
  const plugin = headingGuardPlugin(() => { opened++; return true }, () => remote)
  const s = EditorState.create({ doc, plugins: [plugin] })
  let heading = -1
  s.doc.descendants((n, pos) => { if (heading < 0 && n.type.name === 'sectionHeading' && n.textContent === 'considering') heading = pos + 1; return heading < 0 })
  return { s, heading, opened: () => opened }
}
const headingTexts = (s: EditorState) => { const out: string[] = []; s.doc.descendants(n => { if (n.type.name === 'sectionHeading') out.push(n.textContent); return n.type.name !== 'sectionHeading' }); return out }

test('typing, deleting or merging into a section heading is refused', () => {
  const { s, heading } = state()
  assert.deepEqual(headingTexts(s.apply(s.tr.insertText('x', heading + 3))), ['recalling', 'considering', 'resolves'])
  assert.deepEqual(headingTexts(s.apply(s.tr.delete(heading, heading + 4))), ['recalling', 'considering', 'resolves'])
  // Backspace at the start of the section's first provision would join its paragraph into the heading.
  const end = heading + 'considering'.length
  const merge = s.tr.delete(end, end + 3)
  assert.equal(s.applyTransaction(merge).state.doc.eq(s.doc), true)
})

test('a whole section can go; Enter in a heading starts the first provision; the picker and collaborators change headings', () => {
  const { s, heading } = state()
  const $h = s.doc.resolve(heading)
  const gone = s.apply(s.tr.delete($h.before(1), $h.after(1)))
  assert.deepEqual(headingTexts(gone), ['recalling', 'resolves'])
  let next = s
  splitProvision(s.apply(s.tr.setSelection(TextSelection.create(s.doc, heading + 3))), tr => { next = s.apply(tr) })
  assert.notEqual(next, s)
  const picked = s.apply(s.tr.setSelection(TextSelection.create(s.doc, heading + 3)))
  let renamed = picked
  assert.ok(setSectionHeading('noting')(picked, tr => { renamed = picked.apply(tr) }))
  assert.deepEqual(headingTexts(renamed), ['recalling', 'noting', 'resolves'])
  assert.equal(renamed.doc.child(3).attrs.kind, 'noting')
  let other = picked
  assert.ok(setSectionHeading('other', ' considering especially ')(picked, tr => { other = picked.apply(tr) }))
  assert.deepEqual(headingTexts(other), ['recalling', 'considering especially', 'resolves'])
  assert.equal(setSectionHeading('other', '  ')(picked), false, 'an empty free text is no heading')
  const remote = state('en', true)
  assert.deepEqual(headingTexts(remote.s.apply(remote.s.tr.insertText('x', remote.heading))), ['recalling', 'xconsidering', 'resolves'])
})

test('Arabic: the picked heading opens with «و» after the first preambular section', () => {
  const { s, heading } = state('ar')
  const at = s.apply(s.tr.setSelection(TextSelection.create(s.doc, heading + 3)))
  let next = at
  setSectionHeading('noting')(at, tr => { next = at.apply(tr) })
  assert.equal(headingTexts(next)[1], 'وإذ تلاحظ')
})
