import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fn, op, pre, prov, res, resetBuilderIds } from '../schema/builders.js'
import { compare } from './compare.js'
import { isolatedForm } from '../schema/arabic-joining.js'
import { flatLabel } from '../schema/revision.js'
import { renderFlat } from './render-flat.js'
import { renderHtml } from './render-html.js'
import { renderText } from './render-text.js'
import { coarseBlocksNote, renderSummary } from './summary.js'
import { buildModel, editModel, prng, randomModel } from './test-documents.js'

test('flattened renumbered labels read as in ITU Arabic proposals', () => {
  assert.equal(flatLabel('د )', 'ب)'), 'د ب)')
  assert.equal(flatLabel('ط)', 'د )'), 'طﺩ )')
  assert.equal(flatLabel('ك)', 'و )'), 'كﻭ )')
  assert.equal(flatLabel('ي)', '\uFEEB )'), 'ي\uFEEB )')
  assert.equal(flatLabel('و )', 'ج)'), 'و ج)')
  assert.equal(flatLabel('2', '4'), '24')
  assert.equal(flatLabel('10', '11'), '1011')
  assert.equal(flatLabel('c)', 'b)'), 'cb)')
  assert.equal(isolatedForm('د'), '\uFEA9')
})

function sample() {
  resetBuilderIds()
  const a = res({ lang: 'ar', heading: 'القرار 50 (المراجَع في دبي، 2012)', title: 'الأمن السيبراني' },
    pre('recalling', { lang: 'ar' }, prov('نص أول <باقٍ> & "كما هو"'), prov('نص يحذف كله'), prov(['نص ثالث يبقى', fn('حاشية')])),
    op('resolves', { lang: 'ar' }, prov('أن يستمر العمل')))
  const b = res({ lang: 'ar', heading: 'القرار 50 (المراجَع في الحمامات، 2016)', title: 'الأمن السيبراني' },
    pre('recalling', { lang: 'ar' }, prov('نص أول <باقٍ> & "كما هو"'), prov(['نص ثالث يبقى', fn('حاشية')])),
    op('resolves', { lang: 'ar' }, prov('أن يستمر العمل بأولوية'), prov('بند جديد كليا')))
  return compare(a, b)
}

test('renderText: one provision per line, prefixed by its class, wdiff brackets', () => {
  const { doc } = sample()
  const lines = renderText(doc).trimEnd().split('\n')
  assert.ok(lines.includes('MOD\tالقرار 50 (المراجَع في [-دبي، 2012-]{+الحمامات، 2016+})'))
  assert.ok(lines.includes('SUP\t[-ب)\tنص يحذف كله-]'))
  assert.ok(lines.includes('ADD\t{+2\tبند جديد كليا+}'))
  assert.ok(lines.includes('MOD\t1\tأن يستمر العمل{+ بأولوية+}'))
  assert.ok(lines.some(l => l.startsWith('MOD\t[-ج-]{+ب+})\tنص ثالث يبقى^[حاشية]')))
  for (const l of lines) assert.match(l, /^(NOC|MOD|ADD|SUP|MOVED)[ \t]/)
})

test('renderFlat: deleted run then inserted run, no brackets', () => {
  const flat = renderFlat(sample().doc).split('\n')
  assert.ok(flat.includes('القرار 50 (المراجَع في دبي، 2012الحمامات، 2016)'))
  assert.ok(flat.includes('جﺏ)\tنص ثالث يبقى[footnoteRef:1] [1:  \tحاشية]'), 'the footnote as Word flattens it')
  assert.ok(!flat.some(l => /\[-|\{\+/.test(l)))
})

test('renderHtml: standalone RTL page, del/ins, renumbering, escaped text, summary on top', () => {
  const { doc, summary } = sample()
  const html = renderHtml(doc, { title: 'Res 50 <test>', summary })
  assert.match(html, /^<!DOCTYPE html>/)
  assert.match(html, /<html lang="ar" dir="rtl">/)
  assert.match(html, /<del[^>]*>دبي، 2012<\/del><ins[^>]*>الحمامات، 2016<\/ins>/)
  assert.match(html, /<del class="renumbered">ج<\/del><ins class="renumbered">ﺏ<\/ins>\)/)
  assert.ok(html.includes('&lt;باقٍ&gt; &amp; &quot;كما هو&quot;'))
  assert.ok(html.includes('Res 50 &lt;test&gt;'))
  assert.ok(html.indexOf('class="summary"') < html.indexOf('class="heading'))
  assert.match(html, /text-decoration: line-through/)
  const en = renderHtml(compare(res({}, op('resolves', prov('a'))), res({}, op('resolves', prov('b')))).doc)
  assert.match(en, /<html lang="en" dir="ltr">/)
})

test('renderSummary lists every section and the totals', () => {
  const { summary } = sample()
  const text = renderSummary(summary)
  assert.equal(text.trimEnd().split('\n').length, 2 + summary.sections.length)
  assert.match(text, /^total\s+1\s+2\s+1\s+1\s+0\s+1$/m)
})

test('renderers cover every provision of random comparisons', () => {
  for (let s = 0; s < 30; s++) {
    const r = prng(s)
    const base = randomModel(r)
    const { doc } = compare(buildModel(base), buildModel(editModel(r, base, 5)))
    let provisions = 0
    doc.descendants(n => { if (n.type.name === 'provision') provisions++; return true })
    const text = renderText(doc).trimEnd().split('\n').filter(l => /^(NOC|MOD|ADD|SUP|MOVED)[^\t]*\t\s*[^#\s]/.test(l))
    const labelled = text.filter(l => l.split('\t').length >= 3)
    assert.ok(labelled.length >= provisions, `seed ${s}: ${labelled.length} provision lines for ${provisions} provisions`)
    assert.ok(renderFlat(doc).length > 0)
    assert.ok(renderHtml(doc).includes('</html>'))
  }
})

test('moves show as MOVED at both ends, linked by their move id', () => {
  resetBuilderIds()
  const a = res({}, pre('considering', prov('alpha beta gamma delta epsilon'), prov('the quick brown fox jumps over the lazy dog')), op('resolves', prov('to continue the work')))
  const b = res({}, pre('considering', prov('alpha beta gamma delta epsilon')), op('resolves', prov('to continue the work'), prov('the quick brown fox jumps over the lazy cat')))
  const { doc } = compare(a, b)
  const moved = renderText(doc).split('\n').filter(l => l.startsWith('MOVED'))
  assert.equal(moved.length, 2)
  const [from, to] = moved as [string, string]
  assert.match(from, /^MOVED \(to (move-\d+)\)\t\[-b\)\tthe quick brown fox jumps over the lazy dog-\]$/)
  assert.match(to, /^MOVED \(from b\), (move-\d+)\)\t\{\+2\tthe quick brown fox jumps over the lazy\[- dog-\] cat\+\}$/, 'each run with its own space')
  assert.equal(/move-\d+/.exec(from)![0], /move-\d+/.exec(to)![0])
  const html = renderHtml(doc)
  assert.equal((html.match(/class="provision moved" data-move="move-1"/g) ?? []).length, 2)
})

test('the note on blocks compared more coarsely counts them as English does, in every output', () => {
  assert.equal(coarseBlocksNote(1), '1 text block was too large for an exact word diff and was compared more coarsely')
  assert.equal(coarseBlocksNote(3), '3 text blocks were too large for an exact word diff and were compared more coarsely')
  const a = res({ lang: 'en' }, op('resolves', { lang: 'en' }, prov('one two three four five six')))
  const b = res({ lang: 'en' }, op('resolves', { lang: 'en' }, prov('one two three seven five six')))
  const c = compare(a, b, { diffBudget: 1 })
  assert.equal(c.summary.bounded, 1)
  assert.ok(renderSummary(c.summary).includes(coarseBlocksNote(1)))
  assert.ok(renderHtml(c.doc, { summary: c.summary }).includes(coarseBlocksNote(1)))
})
