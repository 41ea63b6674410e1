import { strict as assert } from 'node:assert'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fn, op, prov, res, txt, ins, del } from '../schema/builders.js'
import { exportHtml } from './html.js'
import { layoutResolution } from './layout.js'
import { layoutProposal } from './proposal-document.js'
import { parseProposalId } from './proposal-id.js'
import { CHROMIUM_PATH, exportPdf, PdfRenderer } from './pdf.js'
import { sampleRevision } from './sample-revision.js'
import { importText } from '../schema/text/index.js'

const SOURCE = 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات'
const layout = layoutProposal({ firstId: parseProposalId('APT/44A13/1'), units: [{ action: 'MOD', revision: sampleRevision(), reasons: 'تحديث القرار.' }],
  cover: { source: SOURCE, title: 'مقترح لتعديل القرار 50 - الأمن السيبراني', originalLanguage: 'en' } })
const html = exportHtml(layout)

test('HTML: a standalone right-to-left Arabic page with ins/del titled by author', () => {
  assert.match(html, /^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/)
  assert.match(html, /font-family: "Noto Naskh Arabic"/)
  assert.match(html, /@page \{ size: A4;/)
  assert.match(html, /@media print/)
  assert.match(html, /<del datetime="2016-08-01T10:00:00Z" title="Deleted by Yuki Tanaka \(APT\), 2016-08-01T10:00:00Z">غوادالاخارا، 2010<\/del>/)
  assert.match(html, /<ins datetime="2016-08-01T10:00:00Z" title="Inserted by Yuki Tanaka \(APT\)[^"]*">بوسان، 2014<\/ins>/)
  // each stretch between TABs is a bidi isolate, so MOD stands first (rightmost) as in Word, where a TAB separates bidi segments
  assert.match(html, /<p class="Proposal"><span class="seg"><strong>MOD<\/strong><\/span><span class="tab">\t<\/span><span class="seg">APT\/44A13\/1<\/span><\/p>/)
  assert.match(html, /<p class="Normal moved-from">/)
  assert.match(html, /<section class="footnotes"><p id="fn1">.*تشمل أقل البلدان/)
  assert.doesNotMatch(html, /<script/i, 'no script in the page')
})

test('HTML: English is left to right, and text is escaped', () => {
  const doc = res({ heading: 'RESOLUTION 9', title: 'A <b>&amp; "title"' }, op('resolves', prov(['x < y & ', txt('new', ins('Ann', 'EUR')), txt('old', del('Bob'))])))
  const page = exportHtml(layoutResolution(doc))
  assert.match(page, /<html lang="en" dir="ltr">/)
  assert.match(page, /<title>A &lt;b&gt;&amp;amp; &quot;title&quot;<\/title>/)
  assert.match(page, /x &lt; y &amp; <ins title="Inserted by Ann \(EUR\)">new<\/ins><del title="Deleted by Bob">old<\/del>/)
})

let dir = ''
after(async () => { if (dir) await rm(dir, { recursive: true, force: true }) })

const strip = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e]/g, '')

test('PDF through Chromium renders the Arabic right to left', async t => {
  if (!existsSync(CHROMIUM_PATH)) { t.skip('chromium not installed'); return }
  const pdf = await exportPdf(html)
  assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), '%PDF-')
  dir = await mkdtemp(join(tmpdir(), 'resdraft-pdf-'))
  const file = join(dir, 'proposal.pdf')
  await writeFile(file, pdf)
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  assert.ok(pages > 0, 'at least one page')
  // the text comes out in logical order
  const text = strip(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
  assert.ok(text.includes(SOURCE), 'cover source in logical order')
  assert.ok(text.includes('الأمن السيبراني'))
  assert.ok(text.includes('الأسباب:'))
  // and is laid out right to left: the first word of the source line stands to the right of the second
  const bbox = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', '-bbox', file, '-'], { encoding: 'utf8' })
  const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<\/word>/g)].map(m => ({ x: Number(m[1]), y: Number(m[2]), text: strip(m[3]!) }))
  const find = (w: string) => words.find(x => x.text === w || [...x.text].reverse().join('') === w)
  const first = find('إدارات'), second = find('أعضاء')
  assert.ok(first && second, 'both words found on page 1')
  assert.ok(Math.abs(first.y - second.y) < 2, 'same line')
  assert.ok(first.x > second.x, `right to left: ${first.x} > ${second.x}`)
  // a page image for a person to look at (pdftoppm -png -r 60)
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'page')])
    const png = ['page-1.png', 'page-01.png'].map(n => join(dir, n)).find(existsSync)
    assert.ok(png && statSync(png).size > 5000, 'page 1 rendered to PNG')
  }
})

test('PDF through Chromium draws Chinese: a font with CJK glyphs is embedded for the Chinese text', async t => {
  if (!existsSync(CHROMIUM_PATH)) { t.skip('chromium not installed'); return }
  const doc = res({ lang: 'zh', heading: '第1号决议草案', title: '促进网络安全' }, op('resolves', prov('加强合作。')))
  const pdf = await exportPdf(exportHtml(layoutResolution(doc)))
  if (!dir) dir = await mkdtemp(join(tmpdir(), 'resdraft-pdf-'))
  const file = join(dir, 'zh.pdf')
  await writeFile(file, pdf)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  assert.ok(text.includes('促进网络安全') && text.includes('加强合作'), `the text is there: ${text}`)
  // without a CJK font Chromium embeds only Latin ones and the Chinese glyphs are drawn as nothing
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).map(l => l.split(/\s+/)[0]!).filter(Boolean)
  assert.ok(fonts.some(f => /Ming|Song|Sun|CJK|Hei|Kai|Fang/i.test(f)), `a CJK font is embedded (install one, e.g. Debian's fonts-arphic-uming); embedded: ${fonts.join(', ')}`)
})

test('PDF and HTML: adjacent footnote references read as two ("1, 2"; «1، 2» in Arabic), as the editor shows them, not as "12"', async t => {
  if (!existsSync(CHROMIUM_PATH)) { t.skip('chromium not installed'); return }
  if (!dir) dir = await mkdtemp(join(tmpdir(), 'resdraft-pdf-'))
  for (const [lang, separator] of [['en', ','], ['ar', '،']] as const) {
    const doc = res({ lang, heading: lang === 'en' ? 'RESOLUTION 1' : 'القرار 1', title: lang === 'en' ? 'Rules' : 'قواعد' }, op('resolves', prov(['Hammamet 2016', fn('First note.'), fn('Second note.'), ' and more'])))
    const file = join(dir, `notes-${lang}.pdf`)
    await writeFile(file, await exportPdf(exportHtml(layoutResolution(doc))))
    const text = strip(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
    assert.match(text, new RegExp(`2016\\s*1\\s*${separator}\\s*2`), `${lang}: ${text.slice(0, 300)}`)
  }
})

test('PDF: no page of Resolution 1 ends with a numbered title whose text is on the next page', async t => {
  // "1bis.7.1 Definition" and "9.8.2 Deletion of Recommendations between WTSAs" stood alone at the foot of their pages
  if (!existsSync(CHROMIUM_PATH)) { t.skip('chromium not installed'); return }
  if (!dir) dir = await mkdtemp(join(tmpdir(), 'resdraft-pdf-'))
  const res1 = readFileSync(new URL('../fixtures/res1-2016-en.txt', import.meta.url), 'utf8')
  const file = join(dir, 'res1.pdf')
  await writeFile(file, await exportPdf(exportHtml(layoutResolution(importText(res1).doc))))
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  assert.ok(pages > 10, `${pages} pages`)
  // the titles: a numbered line of a few words, without the punctuation that ends a provision's text
  const titles = new Set(res1.split('\n').filter(l => /^\d+(bis)?(\.\d+)+\t[^.;:,]{1,70}$/.test(l)).map(l => l.replace('\t', ' ')))
  assert.ok(titles.has('9.8.2 Deletion of Recommendations between WTSAs'))
  const orphans: string[] = []
  for (let page = 1; page < pages; page++) {
    const lines = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).split('\n').map(l => l.replace(/\s+/g, ' ').trim()).filter(Boolean)
    const last = lines[lines.length - 1]!
    if (titles.has(last)) orphans.push(`page ${page}: ${last}`)
  }
  assert.deepEqual(orphans, [])
})

test('PDF: the Reasons follow the text they justify, never alone at the top of a page', async t => {
  // a Chinese proposal of 34 provisions printed «理由：» alone on its last page (UX audit); with a few provision
  // counts around it one of them ends its text at the foot of a page, whatever the fonts' exact metrics
  if (!existsSync(CHROMIUM_PATH)) { t.skip('chromium not installed'); return }
  if (!dir) dir = await mkdtemp(join(tmpdir(), 'resdraft-pdf-'))
  const line = '信息通信技术的安全对于社会经济发展至关重要，各国应加强合作。'
  const renderer = await PdfRenderer.launch()
  const alone: string[] = []
  try {
    for (let n = 28; n <= 40; n++) {
      const doc = res({ lang: 'zh', heading: '第50号决议', title: '网络安全' }, op('resolves', ...Array.from({ length: n }, (_, k) => prov(line.repeat(1 + k % 3)))))
      const file = join(dir, `zh-reasons-${n}.pdf`)
      await writeFile(file, await renderer.render(exportHtml(layoutProposal({ firstId: parseProposalId('CHN/44A1/1'), units: [{ action: 'ADD', doc, reasons: '加强网络安全合作。' }] }))))
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
      for (let page = 2; page <= pages; page++) {
        const first = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).split('\n').map(l => l.trim()).find(Boolean)
        if (first?.startsWith('理由：')) alone.push(`${n} provisions, page ${page}: ${first}`)
      }
    }
  } finally { await renderer.close() }
  assert.deepEqual(alone, [])
})
