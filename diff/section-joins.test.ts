import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Node } from 'prosemirror-model'
import { op, pre, prov, res, resetBuilderIds } from '../schema/builders.js'
import { findProblems } from '../schema/check.js'
import { compare } from './compare.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { revisionOf } from '../schema/revision.js'
import { renderText } from './render-text.js'
import { assertSettlingOneChange, changedIds } from './revision-checks.js'
import { buildModel, editModel, editSections, pick, prng, randomModel } from './test-documents.js'

function joinedSections(doc: Node): Node[] {
  const out: Node[] = []
  doc.forEach(c => { if (revisionOf(c)?.joins) out.push(c) })
  return out
}

test('a deleted heading whose items run on in the section before it: heading struck, items where they stand, renumbered, no moves', () => {
  resetBuilderIds()
  const a = res({}, op('instructs-director', prov('to report to Council every year;'), prov('to keep the roadmap;')),
    op('further-instructs-director', prov('to continue to implement WSIS outcomes on building confidence;'), prov('to cooperate with BDT on any cybersecurity matter under Resolution 45 (Hyderabad, 2010);')))
  const b = res({}, op('instructs-director', prov('to report to Council every year;'), prov('to keep the roadmap;'),
    prov('to continue to implement WSIS outcomes on building confidence;'), prov('to cooperate with BDT on any cybersecurity matter, in particular Resolution 45 (Dubai, 2014);')))
  const { doc, summary } = compare(a, b, { moveThreshold: 0.3 })
  assert.ok(acceptAll(doc).eq(b) && rejectAll(doc).eq(a))
  assert.equal(summary.counts.moved, 0, 'nothing reported as moved')
  const [joined] = joinedSections(doc)
  assert.ok(joined, 'the old section is joined')
  assert.equal(revisionOf(joined)!.joins, 'new')
  const text = renderText(doc)
  assert.match(text, /^SUP\t\[-# further instructs the Director of the Telecommunication Standardization Bureau-\]$/m)
  assert.match(text, /^MOD\t\[-1-\]\{\+3\+\}\tto continue to implement WSIS/m)
  assert.match(text, /^MOD\t\[-2-\]\{\+4\+\}\tto cooperate with BDT on any cybersecurity matter\[-/m)
  assert.equal(text.split('to continue to implement WSIS').length, 2, 'the item is printed once')
})

test('an inserted heading that splits a section: heading inserted, the items after it stay in place', () => {
  resetBuilderIds()
  const a = res({}, op('resolves', prov('to continue this work as a high priority;'), prov('that study groups evaluate existing Recommendations;'), prov('that Study Group 17 continue its work on security;')))
  const b = res({}, op('resolves', prov('to continue this work as a high priority;')),
    op('instructs-study-group-17', prov('that study groups evaluate existing Recommendations;'), prov('that Study Group 17 continue its work on network security;')))
  const { doc, summary } = compare(a, b)
  assert.ok(acceptAll(doc).eq(b) && rejectAll(doc).eq(a))
  assert.equal(summary.counts.moved, 0)
  const [split] = joinedSections(doc)
  assert.equal(revisionOf(split!)!.joins, 'old')
  assert.match(renderText(doc), /^ADD\t\{\+# /m)
  assert.match(renderText(doc), /^MOD\t\[-2-\]\{\+1\+\}\tthat study groups/m)
})

test('a provision taken to another section stays a move', () => {
  resetBuilderIds()
  const a = res({}, pre('considering', prov('alpha beta gamma delta epsilon zeta'), prov('the quick brown fox jumps over the lazy dog')), op('resolves', prov('to continue the work')))
  const b = res({}, pre('considering', prov('alpha beta gamma delta epsilon zeta')), op('resolves', prov('to continue the work'), prov('the quick brown fox jumps over the lazy cat')))
  const { doc, summary } = compare(a, b)
  assert.equal(summary.counts.moved, 1)
  assert.equal(joinedSections(doc).length, 0)
})

test('property: with random section merges and splits (and moves), accept-all = new, reject-all = old, one change settled first too', () => {
  let joins = 0
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 0, max: 6 }), fc.boolean(), (seed, edits, fresh) => {
    const r = prng(seed)
    const base = randomModel(r)
    const edited = editSections(r, editModel(r, base, edits))
    const a = buildModel(base)
    const b = buildModel(fresh ? editModel(r, edited, 0, true) : edited)
    const { doc } = compare(a, b)
    joins += joinedSections(doc).length
    assert.deepEqual(findProblems(doc), [])
    assert.ok(acceptAll(doc).eq(b), 'acceptAll is the new version')
    assert.ok(rejectAll(doc).eq(a), 'rejectAll is the old version')
    const ids = [...joinedSections(doc).map(s => s.attrs.id as string), ...changedIds(doc)]
    if (ids.length === 0) return
    const id = ids[pick(r, Math.min(ids.length, 3))]!
    assertSettlingOneChange(doc, id, a, b)
  }), { seed: 14, numRuns: 200 })
  assert.ok(joins > 40, `merges and splits were recognised (${joins})`)
})
