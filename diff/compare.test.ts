import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Node } from 'prosemirror-model'
import { findProblems } from '../schema/check.js'
import { op, pre, prov, res, resetBuilderIds } from '../schema/builders.js'
import { compare } from './compare.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { revisionOf } from '../schema/revision.js'
import { renderText } from './render-text.js'
import { importText } from '../schema/text/index.js'
import { buildModel, editModel, prng, randomModel } from './test-documents.js'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Offsets inside each version's text of a block where the marks change; each must be a grapheme boundary. */
function assertMarkBoundariesOnGraphemes(rev: Node): void {
  rev.descendants(block => {
    if (!block.isTextblock) return true
    for (const side of ['old', 'new'] as const) {
      const hidden = side === 'new' ? 'deletion' : 'insertion'
      let text = ''
      const cuts: number[] = []
      block.forEach(c => {
        if (!c.isText || c.marks.some(m => m.type.name === hidden)) return
        cuts.push(text.length)
        text += c.text
      })
      const ok = new Set([0, text.length])
      for (const s of graphemes.segment(text)) ok.add(s.index)
      for (const cut of cuts) assert.ok(ok.has(cut), `mark boundary at ${cut} splits a grapheme in ${JSON.stringify(text.slice(Math.max(0, cut - 3), cut + 3))}`)
    }
    return false
  })
}

function assertRoundTrip(a: Node, b: Node, options = {}): Node {
  const { doc } = compare(a, b, options)
  assert.deepEqual(findProblems(doc), [], 'revision document is a valid resolution with unique ids')
  const accepted = acceptAll(doc)
  const rejected = rejectAll(doc)
  if (!accepted.eq(b)) assert.deepEqual(accepted.toJSON(), b.toJSON(), 'acceptAll gives the new version')
  if (!rejected.eq(a)) assert.deepEqual(rejected.toJSON(), a.toJSON(), 'rejectAll gives the old version')
  assertMarkBoundariesOnGraphemes(doc)
  return doc
}

test('acceptAll/rejectAll give back both versions (same lineage: ids shared)', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 12 }), (seed, edits) => {
    const r = prng(seed)
    const base = randomModel(r)
    assertRoundTrip(buildModel(base), buildModel(editModel(r, base, edits)))
  }), { seed: 20260101, numRuns: 150 })
})

test('acceptAll/rejectAll give back both versions (different lineage: aligned by content)', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 12 }), fc.boolean(), (seed, edits, ignoreRenumbering) => {
    const r = prng(seed)
    const base = randomModel(r)
    assertRoundTrip(buildModel(base), buildModel(editModel(r, base, edits, true)), { ignoreRenumbering, moveThreshold: 0.5 })
  }), { seed: 20260102, numRuns: 150 })
})

test('comparing a document with itself changes nothing', () => {
  fc.assert(fc.property(fc.integer(), seed => {
    const doc = buildModel(randomModel(prng(seed)))
    const { doc: rev, summary } = compare(doc, doc)
    assert.equal(summary.counts.MOD + summary.counts.ADD + summary.counts.SUP + summary.counts.moved, 0)
    rev.descendants(n => { assert.ok(!n.marks.some(m => m.type.name === 'insertion' || m.type.name === 'deletion')); return true })
  }), { seed: 7, numRuns: 40 })
})

test('one inserted provision does not turn later provisions into modifications (content alignment)', () => {
  resetBuilderIds()
  const texts = ['first provision on cooperation', 'second provision on standards', 'third provision about reports', 'fourth provision on study groups', 'fifth on the Council']
  const a = res({}, op('resolves', ...texts.map(t => prov(t))))
  const b = res({}, op('resolves', prov('a brand new provision inserted at the top'), ...texts.map(t => prov(t))))
  const { summary, doc } = compare(a, b, { ignoreRenumbering: true })
  assert.deepEqual(summary.counts, { NOC: 5, MOD: 0, ADD: 1, SUP: 0, moved: 0, renumbered: 0 })
  const plain = compare(a, b)
  assert.equal(plain.summary.counts.renumbered, 5)
  assert.equal(plain.summary.counts.MOD, 5, 'renumbered-only provisions are MOD unless renumbering is ignored')
  assertRoundTrip(a, b)
  assert.ok(doc)
})

test('a provision moved to another section is a move with one moveId, content alignment', () => {
  resetBuilderIds()
  const a = res({}, pre('considering', prov('alpha beta gamma delta epsilon'), prov('the quick brown fox jumps over the lazy dog')),
    op('resolves', prov('to continue the work')))
  const b = res({}, pre('considering', prov('alpha beta gamma delta epsilon')),
    op('resolves', prov('to continue the work'), prov('the quick brown fox jumps over the lazy cat')))
  const { doc, summary } = compare(a, b)
  const moved: { status: string; moveId: string }[] = []
  doc.descendants(n => { const rev = revisionOf(n); if (rev?.moveId) moved.push({ status: rev.status, moveId: rev.moveId }); return true })
  assert.equal(moved.length, 2)
  assert.deepEqual(moved.map(m => m.status).sort(), ['moved-from', 'moved-to'])
  assert.equal(moved[0]!.moveId, moved[1]!.moveId)
  assert.equal(summary.counts.moved, 1)
  assert.equal(summary.counts.SUP + summary.counts.ADD, 0)
  assertRoundTrip(a, b)
})

test('a moved provision that shares its id with its origin gets a distinct id in the revision document', () => {
  const a = res({}, pre('considering', prov('one', { id: 'x' }), prov('two', { id: 'y' }), prov('three', { id: 'z' })))
  const b = res({}, pre('considering', prov('three', { id: 'z' }), prov('one', { id: 'x' }), prov('two', { id: 'y' })))
  const doc = assertRoundTrip(a, b)
  assert.equal(compare(a, b).summary.counts.moved, 1)
  assert.ok(doc)
})

test('below the move threshold a deletion and an insertion stay SUP and ADD', () => {
  resetBuilderIds()
  const a = res({}, pre('considering', prov('entirely different words here'), prov('kept')), op('resolves', prov('stay')))
  const b = res({}, pre('considering', prov('kept')), op('resolves', prov('stay'), prov('nothing in common at all')))
  const { summary } = compare(a, b)
  assert.equal(summary.counts.moved, 0)
  assert.equal(summary.counts.SUP, 1)
  assert.equal(summary.counts.ADD, 1)
})

test('a diff bounded by the work budget is reported in the summary and stays exact', async () => {
  const { createIncrementalComparer } = await import('./incremental.js')
  const words = Array.from({ length: 6000 }, (_, i) => `w${i}`)
  const a = res({}, op('resolves', prov(words.join(' '), { id: 'long' })))
  const b = res({}, op('resolves', prov(words.map((w, i) => (i % 3 === 0 ? `x${i}` : w)).join(' '), { id: 'long' })))
  const { doc, summary } = compare(a, b, { diffBudget: 1000 })
  assert.equal(summary.bounded, 1)
  assert.ok(acceptAll(doc).eq(b) && rejectAll(doc).eq(a))
  const live = createIncrementalComparer(a)
  live.update(b, { diffBudget: 1000 })
  assert.equal(live.update(b, { diffBudget: 1000 }).summary.bounded, 1, 'still reported when the diff comes from the cache')
})

test('a list directly in an annex is compared item by item, with word marks, and both versions come back', () => {
  const text = (items: string[]) => ['RESOLUTION 1', 'T', 'resolves', '1\tto do it.', 'Appendix I (to Resolution 1)', 'Information to submit',
    ...items, 'Guidelines are on the website.'].join('\n')
  const a = importText(text(['•\tSource', '•\tShort title', '–\tRecommendations'])).doc
  const b = importText(text(['•\tSource', '•\tFull title', '•\tUrgency', '–\tRecommendations'])).doc
  const doc = assertRoundTrip(a, b)
  const lines = renderText(doc).split('\n')
  assert.ok(lines.some(l => /Full/.test(l) && /\[-Short -\]/.test(l) && /\{\+Full \+\}/.test(l)), lines.join('\n'))
  assert.ok(lines.some(l => /^ADD/.test(l) && /Urgency/.test(l)), lines.join('\n'))
  assert.ok(lines.some(l => /^NOC/.test(l) && /Source/.test(l)), lines.join('\n'))
})

test('a pair compared again gives the same revision document, and the author of each comparison is its own', () => {
  const a = res({}, pre('considering', prov('that the  security of networks is essential', { id: 'p1' })))
  const b = res({}, pre('considering', prov('that the\u00a0security of all networks is vital', { id: 'p1' })))
  const authors = (doc: Node) => {
    const out = new Set<string>()
    doc.descendants(n => { for (const m of n.marks) if (m.type.name === 'insertion' || m.type.name === 'deletion') out.add(String(m.attrs.author)); return true })
    return [...out]
  }
  const first = compare(a, b, { author: { author: 'APT', delegation: 'APT', date: null } })
  const again = compare(a, b, { author: { author: 'APT', delegation: 'APT', date: null } })
  assert.ok(first.doc.eq(again.doc))
  assert.deepEqual(authors(again.doc), ['APT'])
  assert.deepEqual(authors(compare(a, b, { author: { author: 'ARB', delegation: 'ARB', date: null } }).doc), ['ARB'])
  assert.deepEqual(authors(compare(a, b).doc), ['null'], 'no author when none is given')
})
