import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { compare } from '../diff/index.js'
import { resolutionSchema as schema, type RevisionRecord } from '../schema/index.js'
import { op, pre, prov, res, txt, ins, del } from '../schema/builders.js'
import { checkBase, discrepanciesOf, formatBaseCheck, resolutionPart } from './base-check.js'

const withRev = (n: Node, revision: Partial<RevisionRecord>) => n.type.create({ ...n.attrs, revision: { status: 'modified', oldLabel: null, newLabel: null, ...revision } }, n.content)

test('every difference of a revision document is listed with its place and its words', () => {
  const rev = res({ heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' },
    pre('considering',
      withRev(prov(['that ', txt('2008', del()), txt('2010', ins()), ' matters;']), { oldLabel: 'a)', newLabel: 'a)' }),
      withRev(prov(txt('that gone,', del())), { status: 'suppressed', oldLabel: 'b)' }),
      withRev(prov('that same,'), { status: 'unchanged', oldLabel: 'c)', newLabel: 'b)' })),
    op('resolves', withRev(prov(txt('to add', ins())), { status: 'added', newLabel: '1' })))
  const found = discrepanciesOf(rev)
  assert.deepEqual(found.map(d => [d.where, d.kind, d.missing, d.extra]), [
    ['considering › a)', 'different-text', ['2008'], ['2010']],
    ['considering › b)', 'missing-from-base', ['that gone,'], []],
    ['considering › b)', 'renumbered', ['c)'], ['b)']],
    ['resolves › 1', 'not-in-force', [], ['to add']]
  ])
  // the same places in parts, for an interface to say in its own words (the section's words and labels as the document has them)
  assert.deepEqual(found.map(d => d.place), [
    { section: 'considering', label: 'a)', part: null },
    { section: 'considering', label: 'b)', part: null },
    { section: 'considering', label: 'b)', part: null },
    { section: 'resolves', label: '1', part: null }
  ])
  assert.match(formatBaseCheck({ ok: false, discrepancies: found }), /4 places[\s\S]*in force, not in the base: «2008»/)
  assert.match(formatBaseCheck({ ok: true, discrepancies: [] }), /no discrepancy/)
})

test('cover, marker and reasons of a proposal are not compared with the version in force', () => {
  const body = res({ heading: 'RESOLUTION 1', title: 'T' }, op('resolves', prov('to do')))
  const children: Node[] = [schema.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/1/1' })]
  body.forEach(c => { children.push(c) })
  children.push(schema.nodes.reasons!.create(null, schema.text('Reasons: x')))
  const proposal = schema.nodes.resolution!.create({ lang: 'en' }, children)
  assert.equal(resolutionPart(proposal).childCount, body.childCount)
  assert.deepEqual(checkBase(proposal, body, (a, b) => compare(a, b).doc), { ok: true, discrepancies: [] })
})

test('with the diff engine: a base with an outdated date in the heading and one changed word', () => {
  const inForce = res({ heading: 'RESOLUTION 50 (Rev. Hammamet, 2016)', title: 'Cybersecurity' }, op('resolves', prov('to continue giving high priority'), prov('to cooperate with all')))
  const base = res({ heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' }, op('resolves', prov('to continue giving priority'), prov('to cooperate with all')))
  const check = checkBase(base, inForce, (a, b) => compare(a, b).doc)
  assert.equal(check.ok, false)
  assert.ok(check.discrepancies.some(d => d.where === 'heading' && d.missing.join(' ').includes('Hammamet') && d.extra.join(' ').includes('Dubai')))
  assert.deepEqual(check.discrepancies.find(d => d.where === 'heading')!.place, { section: '', label: '', part: 'heading' })
  assert.ok(check.discrepancies.some(d => d.where.startsWith('resolves › 1') && d.missing.some(w => w.includes('high'))))
  assert.ok(!check.discrepancies.some(d => d.where.includes('› 2')), 'the unchanged provision is not reported')
})
