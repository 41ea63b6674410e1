/** The two copies of a moved paragraph, cut by the edits made on the way (docx-moves.ts). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { LayoutParagraph, RevisionMark } from './layout.js'
import { movedRuns, pairMovedParagraphs } from './docx-moves.js'

const mark = (kind: 'insertion' | 'deletion'): RevisionMark => ({ kind, author: 'A', delegation: null, date: null })
const from: LayoutParagraph = { style: 'Normal', move: { id: 'm', side: 'from' }, mark: mark('deletion'), runs: [{ text: 'c)\tto keep\u00a0the  old words', revision: mark('deletion') }] }
const to: LayoutParagraph = {
  style: 'Normal', move: { id: 'm', side: 'to' }, mark: mark('insertion'),
  runs: [{ text: 'e)\t', revision: mark('insertion') }, { text: 'to keep the' }, { text: ' old', revision: mark('deletion') }, { text: ' new', revision: mark('insertion') }, { text: ' words' }]
}
const parts = (runs: ReturnType<typeof movedRuns>) => runs.map(r => `${r.part}:${r.run.text}`)

test('pairs the copies of a move both ways', () => {
  const pairs = pairMovedParagraphs([from, { style: 'Normal', runs: [{ text: 'x' }] }, to])
  assert.equal(pairs.get(from), to)
  assert.equal(pairs.get(to), from)
  assert.equal(pairMovedParagraphs([from]).size, 0, 'a copy alone is not paired')
})

test('the moved-to copy: carried, added and dropped words; the moved-from copy cut the same way, in its own white space', () => {
  assert.deepEqual(parts(movedRuns(to, from)), ['inserted:e)\t', 'carried:to keep the', 'deleted: old', 'inserted: new', 'carried: words'])
  const old = movedRuns(from, to)
  assert.deepEqual(parts(old), ['carried:c)\t', 'carried:to keep\u00a0the', 'deleted:  old', 'carried: words'])
  assert.equal(old.map(r => r.run.text).join(''), from.runs[0]!.text, 'the old text whole')
  assert.equal(old[2]!.run.revision, to.runs[2]!.revision, 'a dropped word keeps its revision')
})

test('copies that do not line up (a moved-to text marked inserted whole, other words) are carried whole', () => {
  const whole: LayoutParagraph = { ...to, runs: [{ text: 'e)\tto keep the new words', revision: mark('insertion') }] }
  assert.deepEqual(parts(movedRuns(whole, from)), ['carried:e)\tto keep the new words'])
  assert.deepEqual(parts(movedRuns(from, whole)), ['carried:c)\tto keep\u00a0the  old words'])
  const other: LayoutParagraph = { ...to, runs: [{ text: 'to keep other' }, { text: ' old', revision: mark('deletion') }] }
  assert.deepEqual(parts(movedRuns(other, from)), ['carried:to keep other', 'deleted: old'], 'dropped words left for the writer to leave out')
  assert.deepEqual(parts(movedRuns(from, other)), ['carried:c)\tto keep\u00a0the  old words'])
})
