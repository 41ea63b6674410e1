import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { LANGUAGES, SECTION_KINDS, defaultHeading, matchSectionHeading, normaliseHeading } from './index.js'

test('Arabic headings of the APT seed map to kinds, tolerant of tatweel and the leading waw', () => {
  const cases: [string, string][] = [
    ['إذ تشير إلى', 'recalling'],
    ['وإذ تضع في اعتبارها', 'considering'],
    ['وإذ تضع في اعتبارها كذلك', 'considering-further'],
    ['وإذ تدرك', 'recognizing'],
    ['وإذ تقر', 'acknowledging'],
    ['وإذ تقر كذلك', 'acknowledging-further'],
    ['وإذ تلاحظ', 'noting'],
    ['تقـرر', 'resolves'],
    ['تكلف مدير مكتب تقييس الاتصالات', 'instructs-director'],
    ['تكلف مدير مكتب تقييس الاتصالات كذلك', 'further-instructs-director'],
    ['تدعو الدول الأعضاء وأعضاء القطاع والمنتسبين إليه والهيئات الأكاديمية، حسب الاقتضاء', 'invites-member-states']
  ]
  for (const [text, kind] of cases) assert.equal(matchSectionHeading(text, 'ar')?.kind, kind, text)
})

test('English headings: case, spacing, trailing punctuation, addressee after a known heading', () => {
  assert.equal(matchSectionHeading('  Considering  Further, ', 'en')?.kind, 'considering-further')
  assert.equal(matchSectionHeading('resolves', 'en')?.part, 'operative')
  assert.equal(matchSectionHeading('instructs Study Group 17', 'en')?.kind, 'instructs-study-groups')
  assert.equal(matchSectionHeading('instructs Study Group 17', 'en')?.how, 'prefix')
  assert.equal(matchSectionHeading('that the functions, duties and organization of ITU-T are defined', 'en'), null)
  assert.equal(matchSectionHeading('invites the participants in the long list of entities that are named here one after another, and so on, to do things', 'en'), null)
})

test('every kind has a heading in each of the six languages, and they round-trip', () => {
  for (const info of SECTION_KINDS) {
    for (const lang of LANGUAGES) {
      const heading = defaultHeading(info.kind, lang)
      assert.ok(info.headings[lang]?.length, `${info.kind} has no ${lang} heading`)
      assert.equal(matchSectionHeading(heading, lang)?.kind, info.kind, `${lang} ${heading}`)
    }
  }
})

test('normaliseHeading removes tatweel, harakat and the leading waw only before idh', () => {
  assert.equal(normaliseHeading('تقـرر'), 'تقرر')
  assert.equal(normaliseHeading('وإذ تُدرك:'), 'إذ تدرك')
  assert.equal(normaliseHeading('وضع'), 'وضع')
})
