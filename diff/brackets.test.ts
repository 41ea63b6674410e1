/**
 * Documents holding square brackets (committee drafts, schema/brackets.ts) go
 * through the diff engine like any other: an inline bracket is one atom token
 * (like a footnote), a bracketed provision an ordinary provision. Comparing
 * the base with a draft, or two drafts, gives each version back on accepting
 * and rejecting everything, and the renderers and compilation take them.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { Transform } from 'prosemirror-transform'
import { buildCommitteeDraft } from '../compile/committee-draft.js'
import { defaultChoices } from '../compile/row-choices.js'
import { compile } from '../compile/compile.js'
import { res50Compilation } from '../compile/draft-testing.js'
import { agreeProvisionOption, findBrackets } from '../schema/brackets.js'
import { brk, op, opt, pre, prov, res } from '../schema/builders.js'
import { findProblems } from '../schema/check.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { compare } from './compare.js'
import { renderFlat } from './render-flat.js'
import { renderHtml } from './render-html.js'
import { renderText } from './render-text.js'
import { buildModel, editModel, pick, prng, randomModel } from './test-documents.js'

const base = () => res({ lang: 'en', heading: 'RESOLUTION 50', title: 'Cybersecurity' },
  pre('considering', { id: 's1' }, prov('that threats grow', { id: 'c1' })),
  op('resolves', { id: 's2' }, prov('to take measures to protect networks', { id: 'r1' }), prov('to report annually', { id: 'r2' })))

const draft = () => res({ lang: 'en', heading: 'RESOLUTION 50', title: 'Cybersecurity' },
  pre('considering', { id: 's1' }, prov('that threats grow', { id: 'c1' }), prov('that threats evolve quickly', { id: 'c2', bracket: 'B2', sources: 'ARB' })),
  op('resolves', { id: 's2' },
    prov(['to ', brk(opt('take measures', 'APT, ARB'), opt('take all measures', 'EUR'), { id: 'k1' }), ' to protect networks'], { id: 'r1' }),
    prov('to report annually', { id: 'r2', bracket: 'B1', sources: 'APT' }),
    prov('to report every two years', { id: 'r2b', bracket: 'B1', sources: 'RCC' })))

test('base against a draft with brackets: accepting gives the draft, rejecting the base; renderers take it', () => {
  assert.deepEqual(findProblems(draft()), [])
  const { doc, summary } = compare(base(), draft())
  assert.deepEqual(findProblems(doc), [])
  assert.ok(acceptAll(doc).eq(draft()), 'accept all = the draft')
  assert.ok(rejectAll(doc).eq(base()), 'reject all = the base')
  assert.ok(summary.counts.ADD >= 2 && summary.counts.MOD >= 1, JSON.stringify(summary.counts))
  const text = renderText(doc)
  assert.ok(text.includes('take all measures'), text)
  assert.ok(renderFlat(doc).includes('to report every two years'))
  assert.ok(renderHtml(doc).includes('take all measures'))
})

test('agreeing changes a bracket into its text: comparing the two drafts accepts and rejects exactly', () => {
  const before = draft()
  const tr = new Transform(before)
  const b = findBrackets(before).find(x => x.kind === 'provision' && x.id === 'B1')!
  assert.ok(agreeProvisionOption(tr, b.options[1]!.pos))
  const { doc } = compare(before, tr.doc)
  assert.ok(acceptAll(doc).eq(tr.doc))
  assert.ok(rejectAll(doc).eq(before))
})

test('a compilation takes a draft with brackets as a proposal', () => {
  const c = compile(base(), [{ name: 'DRAFT', doc: draft() }])
  assert.ok(c.rows.some(r => r.cls === 'single'))
  assert.ok(c.rows.some(r => !r.base && r.cells[0]!.unit!.node.attrs.bracket === 'B2'))
})

test('Resolution 50: base against the default committee draft, and back', () => {
  const c = res50Compilation()
  const d = buildCommitteeDraft(c).doc
  const { doc } = compare(c.base, d)
  assert.ok(acceptAll(doc).eq(d))
  assert.ok(rejectAll(doc).eq(c.base))
})

test('random committee drafts: accept all and reject all give each version back', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 2, max: 4 }), (seed, n) => {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const baseDoc = buildModel(model)
    const c = compile(baseDoc, Array.from({ length: n }, (_, i) => ({ name: `S${i}`, doc: buildModel(editModel(r, model, 1 + pick(r, 6))) })))
    const d = buildCommitteeDraft(c, defaultChoices(c)).doc
    const { doc } = compare(baseDoc, d)
    assert.deepEqual(findProblems(doc), [])
    assert.ok(acceptAll(doc).eq(d), 'accept all = the draft')
    assert.ok(rejectAll(doc).eq(baseDoc), 'reject all = the base')
  }), { seed: 20261215, numRuns: 30 })
})
