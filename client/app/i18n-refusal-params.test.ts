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

test('a file the reader cannot take: what is wrong with it and what to do, in the interface\'s language, for the problems a person can mend', () => {
  for (const problem of ['encrypted', 'corrupt', 'not-zip', 'missing-part', 'binary', 'not-utf8', 'empty', 'no-heading']) {
    const en = refusalFromParams('unreadable-file', { problem }, 'en')
    const ar = refusalFromParams('unreadable-file', { problem }, 'ar')
    assert.ok(en && ar, problem)
    assert.doesNotMatch(ar.replace(/Word|UTF-8|\.docx?/g, ''), /[A-Za-z]/, `${problem}: no English in the Arabic sentence but names of formats`)
  }
  assert.equal(refusalFromParams('unreadable-file', { problem: 'encrypted' }, 'ar'),
    'الملف مستند Word قديم (\u200e.doc) أو محمي بكلمة مرور: احفظه في Word بصيغة \u200e.docx دون كلمة مرور، ثم اختره من جديد.')
  assert.equal(refusalFromParams('unreadable-file', { problem: 'encrypted' }, 'en'),
    'The file is an old Word document (.doc) or is protected by a password: save it in Word as a .docx document without a password, and choose it again.')
  // a hostile file's problems keep the sentence and the server's detail
  for (const problem of ['zip-bomb', 'unsafe-xml', 'too-large', 'something new']) assert.equal(refusalFromParams('unreadable-file', { problem }, 'ar'), null, problem)
})

test('a Word file with no resolution heading: what it holds, counted as each language counts, and what it lacks', () => {
  assert.equal(refusalFromParams('unreadable-file', { problem: 'no-heading', paragraphs: 2, revisions: 1 }, 'ar'),
    'في ملف Word فقرتان وتعديل واحد متعقَّب، ولا عنوان قرار فيه (سطر مثل «القرار 50 (المراجَع في دبي، 2012)»): هل هو مقترح على قرار؟')
  assert.equal(refusalFromParams('unreadable-file', { problem: 'no-heading', paragraphs: 14, revisions: 0 }, 'ar'),
    'في ملف Word 14 فقرة ولا تعديلات متعقَّبة، ولا عنوان قرار فيه (سطر مثل «القرار 50 (المراجَع في دبي، 2012)»): هل هو مقترح على قرار؟')
  assert.equal(refusalFromParams('unreadable-file', { problem: 'no-heading', paragraphs: 1, revisions: 3 }, 'en'),
    'The Word file holds 1 paragraph and 3 tracked revisions, but no resolution heading (a line such as "RESOLUTION 50 (Rev. Dubai, 2012)"): is it a proposal on a resolution?')
  // counts that are not counts: the sentence without them
  assert.equal(refusalFromParams('unreadable-file', { problem: 'no-heading', paragraphs: -1, revisions: 'x' }, 'en'), refusalFromParams('unreadable-file', { problem: 'no-heading' }, 'en'))
})

test('a text chosen that does not exist (or may not be read): which one, in the words of the page it was chosen on', () => {
  assert.equal(refusalFromParams('no-version', { side: 'old' }, 'en'), 'The text chosen as Old does not exist, or you may not read it: choose another.')
  assert.equal(refusalFromParams('no-document', { side: 'new' }, 'en'), 'The text chosen as New does not exist, or you may not read it: choose another.')
  assert.equal(refusalFromParams('no-version', { side: 'base' }, 'en'), 'The text in force chosen does not exist, or you may not read it: choose another.')
  assert.equal(refusalFromParams('no-document', { side: 'proposal' }, 'en'), 'One of the proposals chosen does not exist, or you may not read it: leave it out.')
  assert.equal(refusalFromParams('no-version', { side: 'old' }, 'ar'), 'النص المختار «القديم» غير موجود، أو لا يحق لك الاطلاع عليه: اختر غيره.')
  for (const side of ['old', 'new', 'base', 'proposal']) assert.doesNotMatch(refusalFromParams('no-document', { side }, 'ar')!, /[A-Za-z]/)
  assert.equal(refusalFromParams('no-version', { side: 'elsewhere' }, 'en'), null)
  assert.equal(refusalFromParams('no-version', null, 'en'), null)
})
