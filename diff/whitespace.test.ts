/** White-space-only changes folded for display (whitespace.ts). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { op, pre, prov, res } from '../schema/builders.js'
import { compare } from './compare.js'
import { foldWhitespaceInDocument } from './whitespace.js'

const doc = (considering: string, resolves: string) => res({ lang: 'en', heading: 'RESOLUTION 1', number: '1', title: 'T' },
  pre('considering', prov(considering, { id: 'c1' }), { id: 's1' }),
  op('resolves', prov(resolves, { id: 'r1' }), { id: 's2' }))

const marked = (d: Node) => {
  const out: string[] = []
  d.descendants(n => { for (const m of n.marks) if (m.type.name === 'insertion' || m.type.name === 'deletion') out.push(`${m.type.name}:${n.text}`); return true })
  return out
}

test('foldWhitespaceInDocument unmarks white-space-only changes everywhere and keeps the new white space and every other mark', () => {
  const { doc: rev } = compare(doc('that the work of the assembly matters', 'to  continue the work now.'), doc('that the work of the\u00a0assembly matters', 'to continue the work today.'))
  assert.ok(marked(rev).includes('deletion: ') && marked(rev).includes('insertion:\u00a0'), 'the comparison itself keeps them marked')
  const shown = foldWhitespaceInDocument(rev)
  assert.deepEqual(marked(shown), ['deletion: now', 'insertion: today'])
  assert.match(shown.textContent, /of the\u00a0assembly matters/)
  assert.match(shown.textContent, /to continue the work/, 'the doubled space of the old version is gone')
  shown.check()
})

test('foldWhitespaceInDocument returns the document itself when there is nothing to fold', () => {
  const { doc: rev } = compare(doc('that a b', 'to work.'), doc('that a c', 'to work.'))
  assert.equal(foldWhitespaceInDocument(rev), rev)
})
