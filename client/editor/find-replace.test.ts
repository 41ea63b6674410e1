import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EditorState, type Transaction } from 'prosemirror-state'
import { headingGuardPlugin } from './heading-guard.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { findKey, findMatches, findPlugin, replaceAll, replaceCurrent, setSearch } from './find-replace.js'

const arabic = () => res({ lang: 'ar', heading: 'القرار 50 (دبي، 2012)', number: '50', title: 'الأمن السيبراني' },
  pre('recognizing', prov('أن الأمن السيبراني مهم؛', { id: 'p1' }), prov('أن التعاون في الأمن مفيد،', { id: 'p2' }), { id: 's1' }),
  op('resolves', prov('مواصلة العمل في الأمن.', { id: 'p3' }), { id: 's2' }))

test('finds Arabic words in the text only, never in a derived label', () => {
  const doc = arabic()
  assert.equal(findMatches(doc, 'الأمن').length, 4)
  // labels (أ ب ج, 1) are derived, not text: a search for one finds only real text
  assert.equal(findMatches(doc, 'أ )').length, 0)
  assert.equal(findMatches(doc, 'ب )').length, 0)
  for (const m of findMatches(doc, 'الأمن')) assert.equal(doc.textBetween(m.from, m.to), 'الأمن')
})

test('case folding for Latin text, exact with match case', () => {
  const doc = res({ lang: 'en', heading: 'RESOLUTION 1', number: '1', title: 'Rules' }, op('resolves', prov('ITU rules and itu Rules', { id: 'p' }), { id: 's' }))
  assert.equal(findMatches(doc, 'rules').length, 3)
  assert.equal(findMatches(doc, 'rules', true).length, 1)
  assert.equal(findMatches(doc, 'Rules', true).length, 2)
})

test('replace one and replace all in Arabic, and the matches follow the edits', () => {
  let state = EditorState.create({ doc: arabic(), plugins: [findPlugin()] })
  const dispatch = (tr: import('prosemirror-state').Transaction) => { state = state.apply(tr) }
  dispatch(setSearch(state.tr, 'الأمن', false))
  assert.equal(findKey.getState(state)!.matches.length, 4)
  assert.ok(replaceCurrent(state, dispatch, 'الأمان'))
  assert.equal(findKey.getState(state)!.matches.length, 3)
  assert.equal(replaceAll(state, dispatch, 'الأمان'), 3)
  assert.equal(findKey.getState(state)!.matches.length, 0)
  assert.equal(findMatches(state.doc, 'الأمان').length, 4)
  assert.match(state.doc.textContent, /أن التعاون في الأمان مفيد،/)
})

test('replace skips section headings, which change through the heading picker: the text is replaced, the heading stays, and the count says so', () => {
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50', number: '50', title: 'Cybersecurity' },
    op('instructs-director', prov('to report to the Director each year', { id: 'p1' }), { id: 's1' }))
  let state = EditorState.create({ doc, plugins: [findPlugin(), headingGuardPlugin(() => true, () => false)] })
  const dispatch = (tr: Transaction) => { state = state.apply(tr) }
  dispatch(setSearch(state.tr, 'Director', true))
  assert.equal(findKey.getState(state)!.matches.length, 2, 'found in the heading and in the text')
  assert.equal(replaceAll(state, dispatch, 'Head'), 1)
  assert.match(state.doc.textContent, /to report to the Head each year/)
  assert.match(state.doc.textContent, /instructs the Director of the Telecommunication Standardization Bureau/)
  // replace one on the heading's match moves on without changing it
  dispatch(setSearch(state.tr, 'Director', true))
  assert.equal(findKey.getState(state)!.matches.length, 1)
  assert.equal(replaceCurrent(state, dispatch, 'Head'), false)
  assert.match(state.doc.textContent, /instructs the Director of/)
})
