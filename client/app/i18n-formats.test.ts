import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EXPORT_FORMATS } from '../../export/formats.js'
import { exportFormatName } from './i18n-formats.js'

const arabicLetter = /[\u0600-\u06FF]/

test('every export format has a name of its own in each interface language; the Word ones never their bare ids', () => {
  for (const lang of ['en', 'ar'] as const) {
    const names = EXPORT_FORMATS.map(f => exportFormatName(f, lang))
    assert.equal(new Set(names).size, names.length, `two formats share a name in ${lang}: ${names.join(' | ')}`)
    for (const f of ['docx', 'docx-static'] as const) assert.doesNotMatch(exportFormatName(f, lang), /^docx/i, `${lang} names ${f} by its id`)
  }
})

test('the two Word exports say in Arabic what they hold (tracked changes, revision formatting), not in English', () => {
  for (const f of ['docx', 'docx-static'] as const) {
    const ar = exportFormatName(f, 'ar')
    assert.match(ar, arabicLetter, `${f}: ${ar}`)
    assert.doesNotMatch(ar, /tracked|revision|formatting/i, `${f}: ${ar}`)
  }
  assert.equal(exportFormatName('docx', 'en'), 'Word — tracked changes')
  assert.equal(exportFormatName('docx-static', 'en'), 'Word — revision formatting')
})
