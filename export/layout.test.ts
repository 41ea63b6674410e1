import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { item, note, op, part, pre, prov, res, txt, del, ins, fn } from '../schema/builders.js'
import { shownLabel, type RevisionStatus } from '../schema/revision.js'
import { labelRuns, layoutLines, layoutResolution, paragraphText, type RevisionMark } from './layout.js'
import { sampleRevision } from './sample-revision.js'
import { importText } from '../schema/text/index.js'

const mark = (kind: 'insertion' | 'deletion'): RevisionMark => ({ kind, author: 'A', delegation: 'APT', date: null })

const runsOf = (oldLabel: string | null, newLabel: string | null, status: RevisionStatus = 'modified') =>
  labelRuns(shownLabel({ status, oldLabel, newLabel }), mark).map(r => [r.text, r.revision?.kind ?? 'plain'])

test('a changed label shows old struck then new inserted, the closing parenthesis written once', () => {
  assert.deepEqual(runsOf('د )', 'ب)'), [['د ', 'deletion'], ['ب', 'insertion'], [')', 'plain']])
  assert.deepEqual(runsOf('2', '4'), [['2', 'deletion'], ['4', 'insertion']])
  assert.deepEqual(runsOf('10', '11'), [['10', 'deletion'], ['11', 'insertion']], 'as the seed prints it: 1011')
  assert.deepEqual(runsOf('b)', 'b)'), [['b)', 'plain']])
  assert.deepEqual(runsOf(null, 'c)', 'added'), [['c)', 'insertion']])
  assert.deepEqual(runsOf('c)', null, 'suppressed'), [['c)', 'deletion']])
})

test('Arabic: the layout writes the one rule of schema/arabic-joining.ts', () => {
  assert.equal(runsOf('ط)', 'د )').map(r => r[0]).join(''), 'ط\uFEA9 )', 'as in the seed: طﺩ )')
  assert.equal(runsOf('\uFEEB)', 'د )').map(r => r[0]).join(''), '\uFEEBد )', 'a struck heh (a presentation form) joins nothing: plain dal')
})

test('labels come from the revision attrs in a revision document, from numbering otherwise', () => {
  const plain = layoutResolution(res({ heading: 'RESOLUTION 1', title: 'T' }, pre('considering', prov('that x;'), prov('that y,')), op('resolves', prov('to do'), prov('to act', item('letter', 'first')))))
  const texts = plain.paragraphs.map(p => paragraphText(p, 'new'))
  assert.deepEqual(texts, ['RESOLUTION 1', 'T', 'considering', 'a)\tthat x;', 'b)\tthat y,', 'resolves', '1\tto do', '2\tto act', 'a)\tfirst'])
  assert.deepEqual(plain.paragraphs.map(p => p.style), ['ResNo', 'Restitle', 'Call', 'Normal', 'Normal', 'Call', 'Normal', 'Normal', 'enumlev1'])
  assert.equal(plain.dir, 'ltr')
  const rev = layoutResolution(sampleRevision())
  assert.equal(rev.dir, 'rtl')
  const lines = { old: layoutLines(rev, 'old'), new: layoutLines(rev, 'new') }
  assert.ok(lines.old.some(l => l.startsWith('د )\tالقرار 181')) && lines.new.some(l => l.startsWith('ب)\tالقرار 181')))
})

test('whole provisions added, suppressed or moved carry a paragraph mark, and their TAB shares it', () => {
  const rev = layoutResolution(sampleRevision())
  const added = rev.paragraphs.find(p => paragraphText(p, 'new').includes('القرار 45'))!
  assert.equal(added.mark?.kind, 'insertion')
  assert.ok(added.runs.every(r => r.revision?.kind === 'insertion'), 'label, TAB and text are all inserted')
  const moves = rev.paragraphs.filter(p => p.move)
  assert.deepEqual(moves.map(p => p.move!.side), ['from', 'to'])
  assert.equal(moves[0]!.move!.id, moves[1]!.move!.id)
  // a whole paragraph inserted is absent from the old view, a whole one deleted from the new view
  assert.ok(!layoutLines(rev, 'old').some(l => l.includes('القرار 45')))
  assert.ok(!layoutLines(rev, 'new').some(l => l.includes('القرار 174')))
})

test('marks, footnotes and notes are laid out; plain drops every mark', () => {
  const doc = res({ heading: 'RESOLUTION 2', title: 'T' }, op('resolves', prov(['to ', txt('old', del('X', 'EUR')), txt('new', ins('Y', null)), ' text', fn('a note')]), note('NOTE – n')))
  const lay = layoutResolution(doc, { author: 'Fallback' })
  const p = lay.paragraphs.find(x => paragraphText(x, 'new').startsWith('1'))!
  assert.deepEqual(p.runs.filter(r => r.revision).map(r => [r.text, r.revision!.kind, r.revision!.author, r.revision!.delegation]), [['old', 'deletion', 'X', 'EUR'], ['new', 'insertion', 'Y', null]])
  assert.equal(p.runs.find(r => r.footnote)?.footnote, 'a note')
  assert.equal(p.runs.find(r => r.footnote)?.text, '1')
  assert.ok(lay.paragraphs.some(x => x.style === 'Note'))
  const plain = layoutResolution(doc, { plain: true })
  assert.ok(plain.paragraphs.every(x => x.runs.every(r => !r.revision)))
})

test('a part suppressed as a whole: its SECTION line is deleted too, so no stray word is left in the new view', () => {
  const suppressed = part('Old part', prov(txt('to go', del())))
  const rev = res({ heading: 'RESOLUTION 3', title: 'T' }, suppressed.type.create({ ...suppressed.attrs, revision: { status: 'suppressed', oldLabel: '1', newLabel: null } }, suppressed.content))
  const lay = layoutResolution(rev)
  const sectionNo = lay.paragraphs.find(p => p.style === 'SectionNo')!
  assert.deepEqual(sectionNo.runs.map(r => [r.text, r.revision?.kind]), [['SECTION 1', 'deletion']])
  assert.equal(sectionNo.mark?.kind, 'deletion')
  const partParagraphs = lay.paragraphs.slice(lay.paragraphs.indexOf(sectionNo))
  assert.deepEqual(partParagraphs.map(p => p.style), ['SectionNo', 'Sectiontitle', 'Normal'])
  assert.ok(partParagraphs.every(p => p.mark?.kind === 'deletion'), 'every paragraph of the part is deleted as a whole')
  assert.ok(!layoutLines(lay, 'new').some(l => l.includes('SECTION')))
})

test('a list directly in an annex is laid out as enumlev1 paragraphs with their labels', () => {
  const text = ['RESOLUTION 1', 'T', 'resolves', '1\tto do it.', 'Appendix I (to Resolution 1)', 'Information to submit', '•\tSource', '–\tRecommendations', 'Guidelines.'].join('\n')
  const { paragraphs } = layoutResolution(importText(text).doc, {})
  assert.deepEqual(paragraphs.slice(-3).map(p => [p.style, paragraphText(p, 'new')]), [['enumlev1', '•\tSource'], ['enumlev1', '–\tRecommendations'], ['Normal', 'Guidelines.']])
})

test('an empty history line (a draft new resolution before adoption) lays out no paragraph; one with text, or with a change, does', () => {
  const withHistory = (history: Node[]) => {
    const doc = res({ heading: 'DRAFT NEW RESOLUTION [APT-1]', title: 'T', formula: 'The assembly,' }, op('resolves', prov('to do')))
    const kids: Node[] = []
    doc.forEach((c, _, k) => { kids.push(c); if (k === 1) kids.push(doc.type.schema.nodes.historyLine!.create(null, history)) })
    return layoutResolution(doc.type.create(doc.attrs, kids)).paragraphs.filter(p => p.style === 'Resref')
  }
  const schema = res({}).type.schema
  assert.deepEqual(withHistory([]), [])
  assert.equal(withHistory([schema.text('(Geneva, 2024)')]).length, 1)
  assert.equal(withHistory([txt('(Geneva, 2024)', del())]).length, 1, 'a deleted history line is shown struck')
})

test('a short provision that titles the sub-provisions after it is kept with them on the page; others are not', () => {
  // Resolution 1's "9.8.2 Deletion of Recommendations between WTSAs" stood alone at the foot of a PDF page, its text on the next
  const doc = res({ heading: 'RESOLUTION 1', title: 'Rules' }, op('resolves',
    prov('Deletion of Recommendations between WTSAs', prov('At a study group meeting it may be agreed to delete a Recommendation.'), prov('Notification of the result shall be included in another circular.')),
    prov('A provision with no sub-provision.'),
    prov('Introduction to a list:', item('letter', 'first;'), item('letter', 'second.'))))
  const keep = layoutResolution(doc).paragraphs.filter(p => p.keepWithNext).map(p => paragraphText(p, 'new').split('\t').pop())
  assert.deepEqual(keep, ['Deletion of Recommendations between WTSAs', 'Introduction to a list:'])
  // a long paragraph before its sub-provisions is left to break as it falls
  const long = res({ heading: 'RESOLUTION 1', title: 'Rules' }, op('resolves', prov('word '.repeat(60), prov('sub'))))
  assert.equal(layoutResolution(long).paragraphs.filter(p => p.keepWithNext).length, 0)
})
