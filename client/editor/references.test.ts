import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EditorState, TextSelection } from 'prosemirror-state'
import { op, pre, prov, res, txt } from '../../schema/builders.js'
import { resolutionSchema as schema } from '../../schema/schema.js'
import { insertReference, mayChangeReferences, referencesPlugin } from './references.js'

const ref = (target: string) => schema.marks.reference!.create({ target, form: 'full' })
const doc = res({ lang: 'en' },
  pre('considering', prov('that one;', { id: 'a' }), prov('that two;', { id: 'b' })),
  op('resolves', prov(['to act under ', txt('considering b)', ref('b')), '.'], { id: 'r1' })))
const at = (text: string, state: EditorState) => { let pos = -1; state.doc.descendants((n, p) => { if (pos < 0 && n.isText && n.text!.includes(text)) pos = p + n.text!.indexOf(text); return pos < 0 }); return pos }

test('plain typing in a provision costs no reference work; structure, headings and references themselves do', () => {
  const state = EditorState.create({ schema, doc, plugins: [referencesPlugin()] })
  assert.equal(mayChangeReferences(state.tr.insertText('x', at('one', state))), false)
  assert.equal(mayChangeReferences(state.tr.insertText('x', at('considering', state) + 3)), true, 'typing inside a reference')
  assert.equal(mayChangeReferences(state.tr.insertText('x', 1 + state.doc.child(0).nodeSize + state.doc.child(1).nodeSize + 2)), true, 'typing in a section heading')
  const p = at('that two', state) - 2
  assert.equal(mayChangeReferences(state.tr.insert(p, prov('new', { id: 'n' }))), true, 'a new provision')
})

test('the plugin rewrites a reference after one inserts a provision before its target, and inserts references', () => {
  let state = EditorState.create({ schema, doc, plugins: [referencesPlugin()] })
  state = state.apply(state.tr.insert(at('that two', state) - 2, prov('new', { id: 'n' })))
  let refs: string[] = []
  state.doc.descendants(n => { if (n.isText && n.marks.some(m => m.type.name === 'reference')) refs.push(n.text!); return true })
  assert.deepEqual(refs, ['considering c)'])
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at('to act', state))))
  insertReference('a')(state, tr => { state = state.apply(tr) })
  refs = []
  state.doc.descendants(n => { if (n.isText && n.marks.some(m => m.type.name === 'reference')) refs.push(n.text!); return true })
  assert.deepEqual(refs, ['considering a)', 'considering c)'])
})
