import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isArabicLetter, isolatedForm, joinsForward, separatedAfter } from './arabic-joining.js'
import { closeLabel } from './numbering.js'
import {
  REVISION_STATUSES, deletedFootnoteId, flatLabel, isDeletedFootnoteId, isRenumbered, labelChange, labelOnSide, labelShower,
  restoreDeletedFootnoteId, revisionOf, sharedFootnoteId, sharedFootnoteSide, shownLabel, shownLabelText, statusOnSide,
  type RevisionRecord
} from './revision.js'
import { pre, prov, res } from './builders.js'

test('revisionOf reads a record and nothing else', () => {
  assert.equal(revisionOf({ attrs: { revision: null } }), null)
  assert.equal(revisionOf({ attrs: {} }), null)
  assert.equal(revisionOf({ attrs: { revision: 'modified' } }), null)
  assert.equal(revisionOf({ attrs: { revision: { oldLabel: 'a)' } } }), null, 'a record needs its status')
  assert.deepEqual(revisionOf({ attrs: { revision: { status: 'added', newLabel: 'b)' } } }), { status: 'added', newLabel: 'b)' })
})

test('statusOnSide: which version holds a node of each status', () => {
  const on = Object.fromEntries(REVISION_STATUSES.map(s => [s, [statusOnSide(s, 'old'), statusOnSide(s, 'new')]]))
  assert.deepEqual(on, {
    unchanged: [true, true], modified: [true, true], added: [false, true], suppressed: [true, false], 'moved-from': [true, false], 'moved-to': [false, true]
  })
})

test('shown labels: one per version, inserted or deleted as their unit, renumbered as ITU prints them', () => {
  const r = (status: RevisionRecord['status'], oldLabel: string | null, newLabel: string | null): RevisionRecord => ({ status, oldLabel, newLabel })
  assert.deepEqual(shownLabel(r('unchanged', 'a)', 'a)')), { kind: 'same', label: 'a)' })
  assert.deepEqual(shownLabel(r('added', null, 'c)')), { kind: 'inserted', label: 'c)' })
  assert.deepEqual(shownLabel(r('moved-from', 'b)', null)), { kind: 'deleted', label: 'b)' })
  assert.deepEqual(shownLabel(r('modified', 'د )', 'ب)')), { kind: 'renumbered', oldLabel: 'د )', newLabel: 'ب)', struck: 'د ', inserted: 'ب', shared: ')', separated: 'ب' })
  assert.deepEqual(shownLabel(r('modified', 'د )', 'ب)'), 'old'), { kind: 'same', label: 'د )' })
  assert.deepEqual(shownLabel(r('modified', 'د )', 'ب)'), 'new'), { kind: 'same', label: 'ب)' })
  assert.equal(labelOnSide(r('added', null, 'c)'), 'old'), null)
  assert.ok(isRenumbered(r('modified', '2', '4')) && !isRenumbered(r('moved-to', '2', '4')) && !isRenumbered(r('modified', 'ﻫ )', 'ﻫ)')))
  const doc = res({}, pre('considering', prov('x'), prov('y')))
  const show = labelShower(doc)
  const labels: string[] = []
  doc.descendants(n => { if (n.type.name === 'provision') labels.push(shownLabelText(show(n), 'new')); return true })
  assert.deepEqual(labels, ['a)', 'b)'], 'an ordinary document shows its derived labels')
})

test('a label change is exact: struck + shared is the old label, inserted + shared the new one', () => {
  const pairs: [string, string][] = [['د )', 'ب)'], ['2', '4'], ['10', '11'], ['1', '11'], ['ط)', 'د )'], ['b)bis', 'c)'], ['1.1', '2.1'], ['\uFEEB )', 'و )']]
  for (const [o, n] of pairs) {
    const c = labelChange(o, n)
    assert.equal(c.struck + c.shared, o)
    assert.equal(c.inserted + c.shared, n)
    assert.equal(c.separated.normalize('NFKC'), c.inserted.normalize('NFKC'), 'separating changes only the letter form')
  }
  assert.equal(flatLabel('10', '11'), '1011')
  assert.equal(flatLabel('1', '11'), '111', 'the old label is struck whole, never shared with the new one')
})

test('Arabic joining: one rule for the label space and for the renumbering overlay', () => {
  // the seed: طﺩ ), كﻭ ), جﺩ ) (a joining old letter: isolated new letter); د ب), و ج), ز ي) (a space already separates)
  assert.equal(flatLabel('ط)', 'د )'), 'ط\uFEA9 )')
  assert.equal(flatLabel('ك)', 'و )'), 'ك\uFEED )')
  assert.equal(flatLabel('ج)', 'د )'), 'ج\uFEA9 )')
  assert.equal(flatLabel('د )', 'ب)'), 'د ب)')
  assert.equal(flatLabel('ي)', '\uFEEB )'), 'ي\uFEEB )', 'heh is always its initial form U+FEEB')
  // The heh label without a space (an override such as `ﻫ)`): U+FEEB is a presentation form, which joins nothing,
  // exactly as the space in `ﻫ )` says; so the new letter stays the plain letter.
  assert.equal(flatLabel('\uFEEB)', 'د )'), '\uFEEBد )')
  assert.equal(separatedAfter('\uFEEB', 'د'), 'د')
  assert.equal(closeLabel('\uFEEB', 'ar'), '\uFEEB )')
  assert.equal(closeLabel('د', 'ar'), 'د )')
  assert.equal(closeLabel('ب', 'ar'), 'ب)')
  assert.equal(closeLabel('iv', 'ar'), 'iv)')
  assert.ok(joinsForward('ط') && joinsForward('ـ') && joinsForward('ه') && joinsForward('ئ'))
  assert.ok(!joinsForward('د') && !joinsForward('\uFEEB') && !joinsForward('\uFEA9') && !joinsForward('1') && !joinsForward('ء') && !joinsForward(''))
  assert.ok(isArabicLetter('\uFEEB') && isArabicLetter('ب') && !isArabicLetter('ـ') && !isArabicLetter('a'))
  assert.equal(isolatedForm('د'), '\uFEA9')
  assert.equal(isolatedForm('x'), 'x')
})

test('footnote ids carry the revision of footnotes', () => {
  assert.equal(deletedFootnoteId('fn1'), 'fn1~del')
  assert.ok(isDeletedFootnoteId('fn1~del') && isDeletedFootnoteId('fn1~del2') && !isDeletedFootnoteId('fn1'))
  assert.equal(restoreDeletedFootnoteId('fn1~del2'), 'fn1')
  assert.equal(sharedFootnoteId('a', 'a'), 'a')
  const both = sharedFootnoteId('new', 'old')
  assert.deepEqual([sharedFootnoteSide(both, 'new'), sharedFootnoteSide(both, 'old')], ['new', 'old'])
})
