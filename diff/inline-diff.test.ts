import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { fn, p } from '../schema/builders.js'
import { diffInline, type InlineDiffContext } from './inline-diff.js'
import { sideText } from '../schema/revision.js'

const ctx = (budget?: number): InlineDiffContext => ({ budget, bounded: 0 })

/** The block's content as [kind, text] runs. */
function runs(content: readonly Node[]): [string, string][] {
  return content.map(n => [n.marks.some(m => m.type.name === 'deletion') ? 'del' : n.marks.some(m => m.type.name === 'insertion') ? 'ins' : 'eq', n.isText ? n.text! : `<${n.type.name}>`])
}
const block = (content: readonly Node[]) => p([...content])

test('a place and year read as one replacement, deleted run first', () => {
  const r = diffInline(p('القـرار 50 (المراجَع في دبي، 2012)'), p('القـرار 50 (المراجَع في الحمامات، 2016)'), ctx())
  assert.deepEqual(runs(r.content), [['eq', 'القـرار 50 (المراجَع في '], ['del', 'دبي، 2012'], ['ins', 'الحمامات، 2016'], ['eq', ')']])
  assert.ok(r.changed)
})

test('numbers are replaced whole: 2012 → 2016', () => {
  const r = diffInline(p('Dubai 2012 text'), p('Dubai 2016 text'), ctx())
  assert.deepEqual(runs(r.content), [['eq', 'Dubai '], ['del', '2012'], ['ins', '2016'], ['eq', ' text']])
})

test('a haraka-only edit replaces the whole word, never the mark alone (each run with its own space)', () => {
  const r = diffInline(p('في مجال بناء الثقة'), p('في مجال بِناء الثقة'), ctx())
  assert.deepEqual(runs(r.content), [['eq', 'في مجال'], ['del', ' بناء'], ['ins', ' بِناء'], ['eq', ' الثقة']])
})

test('a replaced word never glues to the word that replaces it: each run carries its own space', () => {
  const r = diffInline(p('في إطار عمله ونفوذه، نشر'), p('في إطار ولايته واختصاصاته، نشر'), ctx())
  assert.deepEqual(runs(r.content), [['eq', 'في إطار'], ['del', ' عمله ونفوذه'], ['ins', ' ولايته واختصاصاته'], ['eq', '، نشر']])
  const flat = r.content.map(n => n.textContent).join('')
  assert.ok(flat.includes('عمله ونفوذه ولايته واختصاصاته'), flat)
  assert.ok(!flat.includes('ونفوذهولايته'))
  // at the start of a block the space after the change is taken
  const start = diffInline(p('alpha beta'), p('gamma beta'), ctx())
  assert.deepEqual(runs(start.content), [['del', 'alpha '], ['ins', 'gamma '], ['eq', 'beta']])
  // a number next to a word stays as ITU prints it (دبي، 2012الحمامات، 2016)
  const date = diffInline(p('(في دبي، 2012)'), p('(في الحمامات، 2016)'), ctx())
  assert.deepEqual(runs(date.content), [['eq', '(في '], ['del', 'دبي، 2012'], ['ins', 'الحمامات، 2016'], ['eq', ')']])
})

test('changes made only of white space keep their marks (exact) but do not count unless asked', () => {
  const nbsp = diffInline(p('في القرار 130'), p('في\u00A0القرار 130'), ctx())
  assert.equal(nbsp.changed, false)
  assert.equal(sideText(block(nbsp.content), 'old'), 'في القرار 130')
  assert.equal(sideText(block(nbsp.content), 'new'), 'في\u00A0القرار 130')
  const doubled = diffInline(p('a  b'), p('a b'), ctx())
  assert.equal(doubled.changed, false)
  assert.equal(diffInline(p('a  b'), p('a b'), { ...ctx(), showWhitespace: true }).changed, true)
  assert.equal(diffInline(p('a  b c'), p('a b d'), ctx()).changed, true, 'a real change next to it still counts')
})

test('footnotes are atoms: equal when their text is equal, else deleted and inserted', () => {
  const same = diffInline(p(['text', fn('note', 'f1')]), p(['text!', fn('note', 'f9')]), ctx())
  const note = same.content.find(n => n.type.name === 'footnote')!
  assert.equal(note.marks.length, 0)
  assert.equal(note.attrs.id, 'f9~old~f1')
  const changed = diffInline(p(['text', fn('note', 'f1')]), p(['text', fn('other note', 'f1')]), ctx())
  assert.deepEqual(runs(changed.content).map(r => r[0]), ['eq', 'del', 'ins'])
})

test('unchanged blocks are reported unchanged and keep their content', () => {
  const r = diffInline(p('same words'), p('same words'), ctx())
  assert.equal(r.changed, false)
  assert.deepEqual(runs(r.content), [['eq', 'same words']])
})

test('a block over the work budget gets a deterministic correct diff, counted', () => {
  const words = Array.from({ length: 6000 }, (_, i) => `w${i}`)
  const shuffled = words.map((w, i) => (i % 3 === 0 ? `x${i}` : w))
  const oldBlock = p(words.join(' '))
  const newBlock = p(shuffled.join(' '))
  const c1 = ctx(1000)
  const first = diffInline(oldBlock, newBlock, c1)
  assert.equal(c1.bounded, 1, 'the budget was exceeded and reported')
  assert.equal(sideText(block(first.content), 'old'), oldBlock.textContent)
  assert.equal(sideText(block(first.content), 'new'), newBlock.textContent)
  assert.ok(first.content.some(n => n.marks.length === 0), 'not a delete-all/insert-all diff')
  const again = diffInline(oldBlock, newBlock, ctx(1000))
  assert.deepEqual(runs(again.content), runs(first.content), 'the fallback is deterministic')
})

test('a block with more distinct words than private characters still gets a correct diff', () => {
  const words = Array.from({ length: 70_000 }, (_, i) => `w${i}`)
  const oldBlock = p(words.join(' '))
  const newBlock = p(['start', ...words.slice(0, 35_000), 'middle', ...words.slice(35_000)].join(' '))
  const c = ctx()
  const r = diffInline(oldBlock, newBlock, c)
  assert.equal(sideText(block(r.content), 'old'), oldBlock.textContent)
  assert.equal(sideText(block(r.content), 'new'), newBlock.textContent)
  assert.equal(c.bounded, 1, 'reported as a coarser diff')
})
