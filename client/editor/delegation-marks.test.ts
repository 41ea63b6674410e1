/**
 * Telling delegations apart in the amendment view: sources read from the
 * marks of a revision document, decoration attributes, colours (distinct,
 * independent of the order met) and the filter's style sheet.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { del, ins, op, prov, res, txt } from '../../schema/index.js'
import { delegationAttrs, delegationColours, delegationsIn, firstDelegation, legendCss, PALETTE, sourceNames } from './delegation-marks.js'

const revision = () => res({ lang: 'en', title: 'Cybersecurity' },
  op('resolves',
    prov(['to ', txt('take', del(null, 'APT, ARB')), txt('adopt', ins(null, 'APT, ARB')), ' measures']),
    prov([txt('to report', ins(null, 'EUR'))]),
    prov(['to act', txt(' now', ins())])))

test('the sources of a mark: names and attributes for CSS', () => {
  assert.deepEqual(sourceNames(' APT, ARB ,'), ['APT', 'ARB'])
  assert.deepEqual(delegationAttrs('APT, ARB'), { 'data-delegation': 'APT, ARB', 'data-sources': 'APT ARB' })
  assert.deepEqual(delegationAttrs('  '), {})
})

test('the delegations of a revision, each once, in document order; an unattributed mark names none', () => {
  const doc = revision()
  assert.deepEqual(delegationsIn(doc), ['APT, ARB', 'EUR'])
  const provisions: import('prosemirror-model').Node[] = []
  doc.descendants(n => { if (n.type.name === 'provision') provisions.push(n); return true })
  assert.deepEqual(provisions.map(firstDelegation), ['APT, ARB', 'EUR', ''])
})

test('colours: one per delegation, distinct, whatever order the delegations come in', () => {
  const a = delegationColours(['EUR', 'APT, ARB', 'AFCP'])
  const b = delegationColours(['AFCP', 'EUR', 'APT, ARB'])
  assert.deepEqual([...a].sort(), [...b].sort())
  assert.equal(new Set(a.values()).size, 3)
  for (const c of a.values()) assert.ok(PALETTE.includes(c))
})

test('the style sheet: a colour per delegation; with a filter, the others’ marks are unmarked or hidden', () => {
  const colours = delegationColours(['APT, ARB', 'EUR'])
  const all = legendCss(colours, '')
  assert.ok(all.includes('[data-delegation="APT, ARB"]') && all.includes('[data-delegation="EUR"]'))
  assert.ok(!all.includes(':not('), 'no filter, nothing hidden')
  const only = legendCss(colours, 'ARB')
  for (const kind of ['amend-ins', 'amend-del', 'amend-suppressed']) assert.ok(only.includes(`.${kind}:not([data-sources~="ARB"])`), kind)
  assert.ok(legendCss(new Map([['A"B', '#000']]), 'A"B').includes('[data-sources~="A\\"B"]'), 'names are quoted')
})
