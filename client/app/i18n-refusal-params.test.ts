import assert from 'node:assert/strict'
import { test } from 'node:test'
import { refusalFromParams } from './i18n-refusal-params.js'

test('a Word file in another language than the version in force: said whole in the interface\'s language, with what to choose, and no API advice', () => {
  const ar = refusalFromParams('language-mismatch', { file: 'ar', inForce: 'en' }, 'ar')
  assert.equal(ar, 'ملف Word بالعربية والنسخة النافذة المختارة بالإنكليزية: اختر نسخة نافذة بالعربية.')
  assert.doesNotMatch(ar!.replace('Word', ''), /[A-Za-z]|lang=/, 'no English but the name Word')
  assert.equal(refusalFromParams('language-mismatch', { file: 'zh', inForce: 'fr' }, 'en'),
    'The Word file is in Chinese and the version in force chosen is in French: choose a version in force in Chinese.')
})

test('values it cannot say, or a refusal without values of its own, give no sentence (the interface falls back to the sentence and the server\'s detail)', () => {
  assert.equal(refusalFromParams('language-mismatch', { file: 'xx', inForce: 'en' }, 'ar'), null)
  assert.equal(refusalFromParams('language-mismatch', { file: 'ar' }, 'ar'), null)
  assert.equal(refusalFromParams('language-mismatch', null, 'en'), null)
  assert.equal(refusalFromParams('language-mismatch', 'ar', 'en'), null)
  assert.equal(refusalFromParams('busy', { file: 'ar', inForce: 'en' }, 'en'), null)
})
