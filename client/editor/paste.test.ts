import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Fragment, Slice } from 'prosemirror-model'
import { EditorState, TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { op, p, prov, res, resolutionSchema as schema } from '../../schema/index.js'
import { cleanPastedHTML, pasteTooLarge, transformPasted } from './paste.js'
import { DEFAULT_MAX_MESSAGE_BYTES, MAX_PASTE_CHARACTERS } from '../../protocol/refusal.js'

test('items of a list that numbers them itself are marked as labelled', () => {
  const html = cleanPastedHTML('<ol type="a"><li class="x"><p class="P">one</p></li><li>two</li></ol>')
  assert.equal(html, '<ol type="a"><li class="x"><p class="P">\u2063\tone</p></li><li>\u2063\ttwo</li></ol>')
})

test('Word conditional blocks go; a downlevel-revealed list number is kept as the label marker', () => {
  const html = cleanPastedHTML(`<!--[if gte vml 1]><v:shape>x</v:shape><![endif]--><p><!--[if !supportLists]--><span style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><!--[endif]-->text</p>`)
  assert.equal(html, '<p>\u2063\ttext</p>')
})

test('labelled paragraphs pasted into a provision become provisions, continuation paragraphs stay with theirs', () => {
  const doc = res({ lang: 'en' }, op('resolves', prov('to act', { id: 'p1' }), { id: 's1' }))
  let at = -1
  doc.descendants((n, pos) => { if (n.isText && n.text === 'to act') at = pos + 6; return at < 0 })
  const state = EditorState.create({ doc, selection: TextSelection.create(doc, at) })
  const view = { state } as unknown as EditorView
  const slice = new Slice(Fragment.fromArray([p('\u2063 one'), p('more of one'), p('b)\ttwo')]), 1, 1)
  const out = transformPasted(slice, view)
  assert.equal(out.content.childCount, 2)
  out.content.forEach(n => assert.equal(n.type, schema.nodes.provision))
  assert.deepEqual(out.content.child(0).content.content.map(c => c.textContent), ['one', 'more of one'])
  assert.equal(out.content.child(1).textContent, 'two')
})

test('a paste over MAX_PASTE_CHARACTERS is too large, one at it is not; that many Arabic characters fit in one message', () => {
  const slice = (n: number) => new Slice(Fragment.from(schema.nodes.paragraph!.create(null, schema.text('ب'.repeat(n)))), 0, 0)
  assert.equal(pasteTooLarge(slice(MAX_PASTE_CHARACTERS)), null)
  assert.equal(pasteTooLarge(slice(MAX_PASTE_CHARACTERS + 1)), MAX_PASTE_CHARACTERS + 1)
  assert.ok(new TextEncoder().encode('ب'.repeat(MAX_PASTE_CHARACTERS)).length < DEFAULT_MAX_MESSAGE_BYTES * 0.5, 'the text takes under half a message')
})
