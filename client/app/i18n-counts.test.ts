import assert from 'node:assert/strict'
import { test } from 'node:test'
import { COUNTED_THINGS, countPhrase } from './i18n-counts.js'

test('English counts say the singular for one, the plural otherwise, never "(s)"', () => {
  assert.equal(countPhrase('revisions', 1, 'en'), '1 tracked revision')
  assert.equal(countPhrase('revisions', 2, 'en'), '2 tracked revisions')
  assert.equal(countPhrase('warnings', 1, 'en'), '1 warning — read it before you store:')
  assert.equal(countPhrase('warnings', 4, 'en'), '4 warnings — read them before you store:')
  assert.equal(countPhrase('places', 3, 'en'), '3 places')
  assert.equal(countPhrase('missing', 1, 'en'), '1 proposed change missing from the draft')
})

test('Arabic counts take the form of their number: one and two without a digit, 3–10 plural, 11–99 singular accusative, 100 singular', () => {
  assert.equal(countPhrase('revisions', 1, 'ar'), 'تعديل واحد متعقَّب')
  assert.equal(countPhrase('revisions', 2, 'ar'), 'تعديلان متعقَّبان')
  assert.equal(countPhrase('revisions', 5, 'ar'), '5 تعديلات متعقَّبة')
  assert.equal(countPhrase('revisions', 12, 'ar'), '12 تعديلاً متعقَّباً')
  assert.equal(countPhrase('revisions', 100, 'ar'), '100 تعديل متعقَّب')
  assert.equal(countPhrase('places', 2, 'ar'), 'موضعين')
  assert.equal(countPhrase('warnings', 2, 'ar'), 'تحذيران — اقرأهما قبل الحفظ:')
  assert.equal(countPhrase('missing', 3, 'ar'), '3 تغييرات مقترحة مفقودة من المشروع')
  assert.equal(countPhrase('sections', 2, 'ar'), 'قسمان')
  assert.equal(countPhrase('provisions', 14, 'ar'), '14 فقرة')
  assert.equal(countPhrase('sections', 1, 'en'), '1 section')
})

test('every counted thing has a form for each plural category of each interface language, and shows its number where the form needs one', () => {
  const categories = { en: ['one', 'other'], ar: ['one', 'two', 'few', 'many', 'other'] } as const
  for (const lang of ['en', 'ar'] as const) {
    for (const thing of COUNTED_THINGS) {
      for (const c of categories[lang]) assert.ok(countPhrase(thing, { one: 1, two: 2, few: 3, many: 11, other: 100 }[c], lang), `${thing} ${lang} ${c}`)
      for (let n = 0; n <= 120; n++) {
        const phrase = countPhrase(thing, n, lang)
        assert.ok(!phrase.includes('{n}') && !phrase.includes('('), phrase)
        const saysNumber = phrase.includes(String(n))
        const wordOnly = lang === 'ar' && (n === 1 || n === 2 || (n === 0 && ['revisions', 'sections', 'provisions', 'paragraphs'].includes(thing)))
        assert.equal(saysNumber, !wordOnly, `${thing} ${lang} ${n}: ${phrase}`)
      }
    }
  }
})
