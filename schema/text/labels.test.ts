import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { hasExtension, labelShape, sameLabel, splitLabel } from './labels.js'

test('label shapes: numbers, letters (Arabic overlays too), roman numerals, dashes, bullets', () => {
  const kind = (s: string) => labelShape(s)?.kind ?? null
  assert.deepEqual(['1', '24', '1011', '1.1', '1.1.2', '1bis', '4.3bis', '1bis.1'].map(kind), Array(8).fill('number'))
  assert.deepEqual(labelShape('1.1.2'), { kind: 'number', parts: ['1', '1', '2'], extension: false })
  assert.deepEqual(labelShape('1bis.1'), { kind: 'number', parts: ['1bis', '1'], extension: false })
  assert.deepEqual(['a)', 'aa)', 'b)bis', 'أ )', 'ب)', 'د ب)', 'طﺩ )', 'و ز )', 'ﻫ )', '\u200fب)'].map(kind), Array(10).fill('letter'))
  assert.deepEqual(['ii)', 'iv)', 'xii)'].map(kind), ['roman', 'roman', 'roman'])
  assert.equal(labelShape('i)')?.kind, 'letter')
  assert.equal((labelShape('i)') as { roman: boolean }).roman, true, 'i) may be either')
  assert.equal((labelShape('b)') as { roman: boolean }).roman, false)
  assert.deepEqual(['–', '-', '—', '•', '·'].map(kind), ['dash', 'dash', 'dash', 'bullet', 'bullet'])
  assert.deepEqual(['Figure 9.1', 'ITU‑T', '', '(see)', 'x'.repeat(30) + ')', '1)'].map(kind), Array(6).fill(null))
})

test('bis, ter, quater mark an inserted label', () => {
  assert.deepEqual(['b)bis', '1bis', '1bis.1', '4.3ter', 'Section 2quater', 'ب) مكرراً'].map(hasExtension), Array(6).fill(true))
  assert.deepEqual(['b)', '24', 'د ب)'].map(hasExtension), [false, false, false])
})

test('splitting label and text: TAB, or spaces for short labels (numbers only when allowed)', () => {
  assert.deepEqual(splitLabel('د ب)\tالقرار 181', false), { label: 'د ب)', shape: labelShape('د ب)'), text: 'القرار 181', tab: true })
  assert.equal(splitLabel('a) that x', false)?.text, 'that x')
  assert.equal(splitLabel('– a dash item', false)?.shape.kind, 'dash')
  assert.equal(splitLabel('1.1 a sub-provision', false), null)
  assert.equal(splitLabel('1.1 a sub-provision', true)?.label, '1.1')
  assert.equal(splitLabel('2012 was a year', true), null, 'a year is not a provision number')
  assert.equal(splitLabel('The) odd', false), null, 'long words are not labels')
  assert.equal(splitLabel('plain text with\ta tab', true), null)
})

test('a found label agrees with the derived one after NFKC and without spaces; any dash is a dash', () => {
  assert.ok(sameLabel('ﻫ )', '\uFEEB )'))
  assert.ok(sameLabel('أ)', 'أ )'))
  assert.ok(sameLabel('-', '–'))
  assert.ok(!sameLabel('د ب)', 'د )'))
  assert.ok(!sameLabel('24', '4'))
})
