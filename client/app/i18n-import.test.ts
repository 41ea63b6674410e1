import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readResolutionFile } from '../../export/resolution-file.js'
import { ENGLISH_IMPORT_WARNINGS, importNote, isImportWarningCode, type ImportWarningCode } from '../../schema/text/warnings.js'
import { importWarningText } from './i18n-import.js'

const text = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n')
const isolated = (value: string) => `\u2068${value}\u2069`

test('an import\'s warnings are said in Arabic in the Arabic interface, with the values they name isolated; in English as the server wrote them', () => {
  const file = readResolutionFile(text([
    'RESOLUTION 99 (Geneva, 2024)',
    'A test resolution',
    'considering',
    'c)\tthat this item is lettered c) where a) is its place[footnoteRef:1];',
    'resolves',
    '1\tto refer to considering f),'
  ]))
  const byCode = new Map(file.warnings.map(w => [w.code, w]))
  assert.deepEqual([...byCode.keys()].sort(), ['footnote-undefined', 'label-not-derived', 'unresolved-reference'])
  const ar = (code: ImportWarningCode) => importWarningText(byCode.get(code)!, 'ar')
  assert.equal(ar('label-not-derived'), `الترقيم «${isolated('c)')}» ليس الترقيم المشتق من موضعه «${isolated('a)')}»؛ أُبقي ترقيماً مفروضاً`)
  assert.equal(ar('unresolved-reference'), `لا فقرة ${isolated('f)')} في قسم «${isolated('considering')}»؛ أُبقيت الإحالة «${isolated('considering f)')}» نصاً عادياً`)
  assert.match(ar('footnote-undefined'), /^أُحيل إلى الحاشية \u20681\u2069/)
  for (const w of file.warnings) assert.equal(importWarningText(w, 'en'), w.message)
})

test('every kind of warning has an Arabic sentence of its own, naming every value it carries', () => {
  const samples: { [C in ImportWarningCode]: Parameters<(typeof ENGLISH_IMPORT_WARNINGS)[C]>[0] } = {
    'text-before-heading': {}, 'part-without-title': {}, 'text-after-reasons': {},
    'unknown-section-kind': { kind: 'welcoming', part: 'operative' }, 'section-heading-in-annex': {}, 'second-reasons': {}, 'missing-title': {},
    'unresolved-reference': { reference: 'considering f)', label: 'f)', heading: 'considering' },
    'nested-too-deep': { label: 'iii)' }, 'label-not-derived': { found: 'c)', derived: 'a)', keptAs: 'sourceLabel' },
    'footnote-defined-twice': { key: '2' }, 'footnote-unclosed': { key: '3' }, 'footnote-undefined': { key: '4' },
    'label-without-provision': { label: 'b)' }, 'label-outside-section': { label: '7' }, 'text-outside-section': {},
    'more-warnings': { count: 12 }, 'left-out-cover': { paragraphs: 31 }, 'left-out-drawings': { drawings: 2, captions: 'Figure 1, Figure 2' },
    'unknown-styles': { styles: 'Tabletext, Headingb' }, 'other-script': { chosen: 'en', detected: 'ar' }
  }
  const sentences = new Set<string>()
  for (const code of Object.keys(samples) as ImportWarningCode[]) {
    const params = samples[code]
    const note = { line: 1, ...importNote(code, params as never) }
    const arabic = importWarningText(note, 'ar')
    assert.notEqual(arabic, note.message, code)
    assert.match(arabic, /[\u0621-\u064a]/, code)
    for (const [key, value] of Object.entries(params)) {
      if (key === 'part' || key === 'keptAs' || key === 'chosen' || key === 'detected') continue   // said in words
      assert.ok(arabic.includes(isolated(String(value))), `${code}: ${key}`)
    }
    sentences.add(arabic)
  }
  assert.equal(sentences.size, Object.keys(samples).length)
  assert.equal(importWarningText({ line: null, ...importNote('other-script', { chosen: 'en', detected: 'ar' }) }, 'ar'),
    'النص مكتوب بالعربية لا بالإنكليزية كما اختير، فلا تُقرأ عناوينه وترقيمه على وجهها؛ اختر العربية أو دع اللغة تُكتشف من النص')
  assert.ok(Object.keys(ENGLISH_IMPORT_WARNINGS).every(isImportWarningCode))
})

test('a warning whose code or values this interface cannot say shows the server\'s English sentence', () => {
  const note = { line: 4, ...importNote('footnote-undefined', { key: '1' }) }
  assert.equal(importWarningText({ ...note, code: 'from-a-newer-server' }, 'ar'), note.message)
  assert.equal(importWarningText({ ...note, code: undefined }, 'ar'), note.message)
  assert.equal(importWarningText({ ...note, params: {} }, 'ar'), note.message)
  assert.equal(importWarningText({ ...note, params: { key: '2' } }, 'ar'), note.message)
  assert.equal(importWarningText({ ...note, code: 'toString' }, 'ar'), note.message)
})
