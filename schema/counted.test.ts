import { test } from 'node:test'
import assert from 'node:assert/strict'
import { counted, englishCount, type CountedForms } from './counted.js'

test('an English count takes the singular for one only: 0 warnings, 1 warning, 2 warnings', () => {
  assert.equal(englishCount(0, 'warning'), '0 warnings')
  assert.equal(englishCount(1, 'warning'), '1 warning')
  assert.equal(englishCount(2, 'warning'), '2 warnings')
  assert.equal(englishCount(3, 'text block'), '3 text blocks')
  assert.equal(englishCount(1, 'square bracket'), '1 square bracket')
})

test('an Arabic count takes the form its number calls for: one, two, 3–10, 11–99, hundreds and their tails', () => {
  const places: CountedForms = { one: 'موضع واحد', two: 'موضعين', few: '{n} مواضع', many: '{n} موضعاً', other: '{n} موضع' }
  const cases: [number, string][] = [
    [1, 'موضع واحد'], [2, 'موضعين'], [3, '3 مواضع'], [10, '10 مواضع'], [11, '11 موضعاً'], [99, '99 موضعاً'],
    [100, '100 موضع'], [101, '101 موضع'], [102, '102 موضع'], [103, '103 مواضع'], [111, '111 موضعاً']
  ]
  for (const [n, phrase] of cases) assert.equal(counted(n, 'ar', places), phrase, String(n))
})

test('a category without a form of its own takes the `other` form; English goes by its own two categories', () => {
  const forms: CountedForms = { one: '{n} warning', other: '{n} warnings' }
  assert.equal(counted(0, 'ar', forms), '0 warnings')
  assert.equal(counted(1, 'en', forms), '1 warning')
  assert.equal(counted(2, 'en', forms), '2 warnings')
})
