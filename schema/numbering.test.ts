import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { ARABIC_ABJAD, computeLabels, letterLabel, normaliseLabel, romanNumeral, sequenceLetter } from './index.js'
import { item, op, part, pre, prov, res, fn, resetBuilderIds } from './builders.js'

test('Latin letters continue bijectively past z', () => {
  assert.equal(sequenceLetter(0, 'en'), 'a')
  assert.equal(sequenceLetter(25, 'en'), 'z')
  assert.equal(sequenceLetter(26, 'en'), 'aa')
  assert.equal(sequenceLetter(27, 'en'), 'ab')
  assert.equal(sequenceLetter(26 + 26, 'en'), 'ba')
  assert.equal(sequenceLetter(26 + 26 * 26, 'en'), 'aaa')
  const seen = new Set<string>()
  for (let i = 0; i < 2000; i++) seen.add(sequenceLetter(i, 'fr'))
  assert.equal(seen.size, 2000, 'labels never repeat')
})

test('Arabic follows the abjad order with the ITU forms', () => {
  assert.equal(ARABIC_ABJAD.length, 28)
  assert.equal(ARABIC_ABJAD.join(' '), 'أ ب ج د \uFEEB و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ')
  assert.equal(letterLabel(0, 'ar'), 'أ )')   // non-joining: space before )
  assert.equal(letterLabel(1, 'ar'), 'ب)')
  assert.equal(letterLabel(3, 'ar'), 'د )')
  assert.equal(letterLabel(4, 'ar'), '\uFEEB )')
  assert.equal(letterLabel(9, 'ar'), 'ي)')
  assert.equal(sequenceLetter(27, 'ar'), 'غ')
  assert.equal(sequenceLetter(28, 'ar'), 'أأ')
  assert.equal(sequenceLetter(29, 'ar'), 'أب')
})

test('roman numerals', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 9, 14, 40, 1994].map(romanNumeral), ['i', 'ii', 'iii', 'iv', 'v', 'ix', 'xiv', 'xl', 'mcmxciv'])
  assert.throws(() => romanNumeral(0))
})

test('labels are derived from position in sections, sub-provisions, items and parts', () => {
  resetBuilderIds()
  const doc = res({ lang: 'en' },
    pre('considering', prov('x', { id: 'a' }), prov('y', { id: 'b' }), prov('y2', { id: 'bbis', labelOverride: 'b)bis' }), prov('z', { id: 'c' })),
    op('resolves', prov('one', { id: 'o1' }), prov('two', { id: 'o2' },
      item('letter', 'first', { id: 'i1' }, item('roman', 'deep', { id: 'r1' }), item('roman', 'deeper', { id: 'r2' })),
      item('letter', 'second', { id: 'i2' }),
      prov('sub', { id: 'o21' }), prov('sub2', { id: 'o22' }))),
    part('World Telecommunication Standardization Assembly', { id: 'p1' }, prov('text', { id: 'p11' }, prov('deeper', { id: 'p111' }))),
    part('Documentation', { id: 'p1bis', labelOverride: '1bis' }, prov('t', { id: 'pb1' })),
    part('Study groups', { id: 'p2' }, prov('t', { id: 'p21' })))
  const { byId } = computeLabels(doc)
  assert.deepEqual(['a', 'b', 'bbis', 'c'].map(id => byId.get(id)), ['a)', 'b)', 'b)bis', 'c)'])
  assert.deepEqual(['o1', 'o2', 'o21', 'o22'].map(id => byId.get(id)), ['1', '2', '2.1', '2.2'])
  assert.deepEqual(['i1', 'r1', 'r2', 'i2'].map(id => byId.get(id)), ['a)', 'i)', 'ii)', 'b)'])
  assert.deepEqual(['p1', 'p11', 'p111', 'p1bis', 'pb1', 'p2', 'p21'].map(id => byId.get(id)), ['1', '1.1', '1.1.1', '1bis', '1bis.1', '2', '2.1'])
})

test('labels follow inserts, deletes and moves; more than 28 items in Arabic and English', () => {
  for (const lang of ['ar', 'en'] as const) {
    const provs = Array.from({ length: 60 }, (_, i) => prov(`item ${i}`, { id: `p${i}` }))
    const doc = res({ lang }, pre('considering', ...provs))
    const labels = computeLabels(doc).byId
    provs.forEach((_, i) => assert.equal(labels.get(`p${i}`), letterLabel(i, lang)))
    // delete the third, move the last to the front, insert a new one second
    const edited = [provs[59]!, prov('new', { id: 'new' }), ...provs.slice(0, 2), ...provs.slice(3, 59)]
    const after = computeLabels(res({ lang }, pre('considering', ...edited))).byId
    edited.forEach((node, i) => assert.equal(after.get(node.attrs.id), letterLabel(i, lang)))
    assert.equal(after.get('p59'), lang === 'ar' ? 'أ )' : 'a)')
    assert.equal(after.get('p3'), letterLabel(4, lang))
  }
})

test('an extended label (bis, ter, Arabic مكرراً) follows the unit it extends when that unit is renumbered', () => {
  // a new provision before b): b) becomes c), and b)bis, which extends it, c)bis (not "a) b) c) b)bis d)")
  const edited = res({ lang: 'en' }, pre('considering', prov('x', { id: 'a' }), prov('new', { id: 'n' }), prov('y', { id: 'b' }),
    prov('y2', { id: 'bbis', labelOverride: 'b)bis' }), prov('y3', { id: 'bter', labelOverride: 'b)ter' }), prov('z', { id: 'c' })))
  assert.deepEqual(['a', 'n', 'b', 'bbis', 'bter', 'c'].map(id => computeLabels(edited).byId.get(id)), ['a)', 'b)', 'c)', 'c)bis', 'c)ter', 'd)'])
  // operative provisions and parts: 1bis after a new first provision is 2bis; a part 1bis after a new first part is 2bis, and numbers its provisions so
  const operative = res({ lang: 'en' }, op('resolves', prov('new', { id: 'n' }), prov('one', { id: 'o1' }), prov('one bis', { id: 'o1bis', labelOverride: '1bis' }), prov('two', { id: 'o2' })),
    part('New part', { id: 'p0' }), part('First', { id: 'p1' }), part('Documentation', { id: 'p1bis', labelOverride: '1bis' }, prov('t', { id: 'pb1' })))
  const ops = computeLabels(operative).byId
  assert.deepEqual(['n', 'o1', 'o1bis', 'o2'].map(id => ops.get(id)), ['1', '2', '2bis', '3'])
  assert.deepEqual(['p0', 'p1', 'p1bis', 'pb1'].map(id => ops.get(id)), ['1', '2', '2bis', '2bis.1'])
  // Arabic: the extension word keeps its space
  const arabic = res({ lang: 'ar' }, pre('considering', prov('جديد', { id: 'n' }), prov('س', { id: 'a' }), prov('ص', { id: 'abis', labelOverride: 'أ) مكرراً' })))
  assert.deepEqual(['n', 'a', 'abis'].map(id => computeLabels(arabic).byId.get(id)), ['أ )', 'ب)', 'ب) مكرراً'])
  // an extended label with nothing before it to extend, and any other override, stay as written
  const first = res({ lang: 'en' }, pre('considering', prov('y2', { id: 'bbis', labelOverride: 'b)bis' }), prov('x', { id: 'x', labelOverride: '5' }), prov('z', { id: 'z' })))
  assert.deepEqual(['bbis', 'x', 'z'].map(id => computeLabels(first).byId.get(id)), ['b)bis', '5', 'a)'])
})

test('footnotes are numbered in document order', () => {
  const doc = res({}, pre('recalling', prov(['a', fn('first')]), prov(['b', fn('second'), 'c', fn('third')])))
  assert.deepEqual([...computeLabels(doc).footnotes.values()], [1, 2, 3])
})

test('normaliseLabel folds presentation forms and spaces', () => {
  assert.equal(normaliseLabel('ﻫ )'), normaliseLabel('ه)'))
  assert.equal(normaliseLabel('أ )'), 'أ)')
})

test('alternatives of a provision-level bracket share one label; their sub-provisions number under it; other brackets count on', () => {
  const doc = res({ lang: 'en' },
    pre('considering', prov('a', { id: 'a' }), prov('b1', { id: 'b1', bracket: 'B', sources: 'APT' }), prov('b2', { id: 'b2', bracket: 'B', sources: 'EUR' }),
      prov('c', { id: 'c', bracket: 'C', sources: 'RCC' }), prov('d', { id: 'd', labelOverride: 'c)bis' }), prov('e', { id: 'e' })),
    op('resolves', prov('x', { id: 'x1', bracket: 'X', sources: 'APT' }, prov('x.1', { id: 'x11' })), prov('y', { id: 'x2', bracket: 'X', sources: '' }, prov('y.1', { id: 'x21' })), prov('z', { id: 'z' })))
  const labels = computeLabels(doc).byId
  assert.deepEqual(['a', 'b1', 'b2', 'c', 'd', 'e'].map(id => labels.get(id)), ['a)', 'b)', 'b)', 'c)', 'c)bis', 'd)'])
  assert.deepEqual(['x1', 'x11', 'x2', 'x21', 'z'].map(id => labels.get(id)), ['1', '1.1', '1', '1.1', '2'])
})
