import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { assemblyDefaults, conferenceFrame, documentReference, formatDateRange, formatDocumentDate, frameLayout, originalLanguageOf } from './conference.js'
import type { Layout } from './layout.js'
import { parseProposalId } from './proposal-id.js'

test('the header block of an English document, with document and addendum taken from the proposal id', () => {
  const f = conferenceFrame('en', { date: '2016-09-29', originalLanguage: 'en' }, parseProposalId('APT/44A13/1'))
  assert.equal(f.assembly, 'World Telecommunication Standardization Assembly (WTSA-16)')
  assert.equal(f.placeAndDates, 'Hammamet, 25 October – 3 November 2016')
  assert.equal(f.meeting, 'PLENARY MEETING')
  assert.deepEqual(f.documentLines, ['Addendum 13 to', 'Document 44-E'])
  assert.equal(f.date, '29 September 2016')
  assert.equal(f.original, 'Original: English')
  assert.equal(f.workLine, 'Proposals for the work of the assembly')
  assert.equal(f.reference, 'WTSA16/44(Add.13)-E')
})

test('in Arabic: Arabic wordings and month names, Western digits, the -A reference', () => {
  const f = conferenceFrame('ar', { date: '2016-09-29', originalLanguage: 'en' }, parseProposalId('APT/44A13/1'))
  assert.equal(f.assembly, 'الجمعية العالمية لتقييس الاتصالات (WTSA-16)')
  assert.equal(f.placeAndDates, 'الحمامات، 25 أكتوبر – 3 نوفمبر 2016')
  assert.equal(f.meeting, 'الجلسة العامة')
  assert.deepEqual(f.documentLines, ['الإضافة 13 إلى', 'الوثيقة \u200e44-A'], 'a left-to-right mark keeps 44-A whole in a right-to-left line')
  assert.equal(f.date, '29 سبتمبر 2016')
  assert.equal(f.original, 'الأصل: بالإنكليزية')
  assert.equal(f.reference, 'WTSA16/44(Add.13)-A')
})

test('options override the defaults: another assembly, a document without addendum, given dates', () => {
  const f = conferenceFrame('en', { assembly: { acronym: 'WTSA-20', place: 'Geneva', opens: '2022-03-01', closes: '2022-03-09' }, addendum: null, documentNumber: 56, meeting: 'COMMITTEE 4', date: '2022-02-01' }, parseProposalId('SEN/56/1'))
  assert.equal(f.assembly, 'World Telecommunication Standardization Assembly (WTSA-20)')
  assert.equal(f.placeAndDates, 'Geneva, 1–9 March 2022')
  assert.deepEqual(f.documentLines, ['Document 56-E'])
  assert.equal(f.meeting, 'COMMITTEE 4')
  assert.equal(f.reference, 'WTSA20/56-E')
  assert.equal(conferenceFrame('en', { assembly: { acronym: 'WTSA-24', dates: '15–24 October 2024', place: 'New Delhi' }, documentNumber: 3 }).placeAndDates, 'New Delhi, 15–24 October 2024')
  assert.equal(conferenceFrame('en', { assembly: { acronym: 'X' }, documentNumber: 3 }).placeAndDates, '', 'no invented place for an unknown assembly')
})

test('bad options are refused with a clear message', () => {
  assert.throws(() => conferenceFrame('en', {}), /document number is needed/)
  assert.throws(() => conferenceFrame('en', { documentNumber: 4, addendum: 0 }), /addendum must be a positive whole number/)
  assert.throws(() => conferenceFrame('en', { documentNumber: 4, date: 'yesterday' }), /not a date/)
  assert.throws(() => formatDateRange('2016-10-25', 'soon', 'en'), /closing date "soon" is not a date/)
})

test('dates and references in every language', () => {
  assert.equal(formatDocumentDate('2016-09-29', 'fr'), '29 septembre 2016')
  assert.equal(formatDateRange('2016-12-28', '2017-01-03', 'en'), '28 December 2016 – 3 January 2017')
  assert.equal(documentReference('WTSA-16', 44, 13, 'ru'), 'WTSA16/44(Add.13)-R')
  for (const lang of ['fr', 'es', 'ru', 'zh'] as const) {
    const f = conferenceFrame(lang, { date: '2016-09-29' }, parseProposalId('EUR/44A7/1'))
    assert.ok(f.assembly && f.meeting && f.workLine && f.documentLines.every(Boolean), lang)
    assert.ok(f.documentLines.join(' ').includes('44-'), lang)
  }
})

test('the framed body: "Original:" moves into the header block, the work line follows the title', () => {
  const layout: Layout = { lang: 'ar', dir: 'rtl', paragraphs: [
    { style: 'Origin', runs: [{ text: 'الأصل: بالإنكليزية' }] },
    { style: 'Source', runs: [{ text: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات' }] },
    { style: 'Title1', runs: [{ text: 'مقترح لتعديل القرار 50' }] },
    { style: 'Normal', runs: [{ text: 'نص' }] }] }
  assert.equal(originalLanguageOf(layout), 'en')
  const f = conferenceFrame('ar', { date: '2016-09-29' }, parseProposalId('APT/44A13/1'))
  assert.deepEqual(frameLayout(layout, f).paragraphs.map(p => p.style), ['Source', 'Title1', 'Title2', 'Normal'])
  assert.equal(frameLayout(layout, f).paragraphs[2]!.runs[0]!.text, 'مقترحات لأعمال الجمعية')
})

test('what empty assembly fields give, in the document\'s language (the export dialog shows them as its placeholders)', () => {
  assert.deepEqual(assemblyDefaults('ar'), { assembly: 'الجمعية العالمية لتقييس الاتصالات (WTSA-16)', place: 'الحمامات', dates: '25 أكتوبر – 3 نوفمبر 2016' })
  assert.deepEqual(assemblyDefaults('en'), { assembly: 'World Telecommunication Standardization Assembly (WTSA-16)', place: 'Hammamet', dates: '25 October – 3 November 2016' })
  // another assembly: its name from the acronym; no place or dates but those given
  assert.deepEqual(assemblyDefaults('en', 'WTSA-24'), { assembly: 'World Telecommunication Standardization Assembly (WTSA-24)', place: '', dates: '' })
  for (const lang of ['en', 'ar', 'fr', 'es', 'ru', 'zh'] as const) {
    const d = assemblyDefaults(lang)
    const f = conferenceFrame(lang, { documentNumber: 44 })
    assert.equal(f.assembly, d.assembly, lang)
    assert.equal(f.placeAndDates, [d.place, d.dates].join(lang === 'ar' ? '، ' : lang === 'zh' ? '，' : ', '), lang)
  }
})

test('a Chinese date range starts with its year, as Chinese writes dates: 2016年10月25日–11月3日', () => {
  // the header block of a Chinese proposal read "哈马马特，10月25日 – 2016年11月3日", the year in the middle of the range
  assert.equal(formatDateRange('2016-10-25', '2016-11-03', 'zh'), '2016年10月25日–11月3日')
  assert.equal(formatDateRange('2016-10-03', '2016-10-14', 'zh'), '2016年10月3日–14日')
  assert.equal(formatDateRange('2016-12-28', '2017-01-03', 'zh'), '2016年12月28日–2017年1月3日')
  assert.equal(assemblyDefaults('zh', 'WTSA-16').dates, '2016年10月25日–11月3日')
  assert.equal(formatDateRange('2016-10-25', '2016-11-03', 'en'), '25 October – 3 November 2016')
})
