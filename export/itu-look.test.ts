import { strict as assert } from 'node:assert'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { compare } from '../diff/index.js'
import { importText } from '../schema/text/index.js'
import { readFileSync } from 'node:fs'
import { exportProposal } from './export-proposal.js'
import { convertWithLibreOffice, sofficePath } from './libreoffice.js'
import { CHROMIUM_PATH } from './pdf.js'
import { aptProposalPair } from './sample-proposal.js'

/**
 * Our DOCX of the Resolution 50 proposal as LibreOffice lays it out: the
 * header block on page 1, the page header ("- N -", the reference) and
 * footer (reference, page number) on every later page, the MOD line.
 */
const who = { author: 'Yuki Tanaka', delegation: 'APT', date: '2016-08-01T10:00:00Z' }
const cmp = (a: Node, b: Node) => compare(a, b, { author: who }).doc
const { base, draft } = aptProposalPair()
const haveTools = !!sofficePath() && existsSync('/usr/bin/pdftotext')
let dir = ''
before(async () => { dir = await mkdtemp(join(tmpdir(), 'resdraft-itu-look-')) })
after(async () => { if (dir) await rm(dir, { recursive: true, force: true }) })

const clean = (s: string) => s.normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[ \t]+/g, ' ')
/** For finding Arabic in extracted text: letters and digits only (pdftotext may give a lam-alef ligature back as alef-lam, and moves brackets, commas and spaces at direction changes). */
const loose = (s: string) => clean(s).replace(/[^\p{L}\p{N}]/gu, '').replace(/[اأإآل]/g, '')
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
const pageText = (file: string, page: number) => clean(execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }))
interface Word { x: number; y: number; text: string }
const pageWords = (file: string, page: number): Word[] => [...execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), '-bbox', file, '-'], { encoding: 'utf8' })
  .matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<\/word>/g)].map(m => ({ x: Number(m[1]), y: Number(m[2]), text: clean(m[3]!) }))

async function render(bytes: Uint8Array, name: string): Promise<string> {
  const file = join(dir, `${name}.docx`)
  await writeFile(file, bytes)
  const [pdf] = await convertWithLibreOffice([file], 'pdf', dir)
  return pdf!
}

/** The MOD line as laid out: MOD and the id on one line, MOD first in reading order (rightmost in Arabic). */
function checkMarkerLine(pdf: string, rtl: boolean): void {
  for (let page = 1; page <= pdfPages(pdf); page++) {
    const words = pageWords(pdf, page)
    const mod = words.find(w => w.text === 'MOD')
    if (!mod) continue
    const id = words.find(w => w.text === 'APT/44A13/1' || w.text === 'EUR/44A7/1')
    assert.ok(id, `the proposal id stands on page ${page} with MOD`)
    assert.ok(Math.abs(mod.y - id.y) < 3, 'MOD and the id on one line')
    assert.ok(rtl ? mod.x > id.x : mod.x < id.x, `MOD comes first in reading order (${mod.x} vs ${id.x})`)
    return
  }
  assert.fail('no MOD line found')
}

test('LibreOffice: our Arabic DOCX of the Res 50 proposal has ITU\'s header block, page header and footer with page numbers, and the MOD line', { skip: !haveTools && 'soffice or poppler-utils not installed' }, async () => {
  const pdf = await render(await exportProposal([{ base, draft }], cmp, { format: 'docx', date: '2016-09-29', author: who.author, revisionDate: who.date }), 'res50-ar')
  const pages = pdfPages(pdf)
  assert.ok(pages >= 3, `${pages} pages`)
  const first = pageText(pdf, 1)
  for (const expected of ['الجمعية العالمية لتقييس الاتصالات (WTSA-16)', 'الحمامات، 25 أكتوبر – 3 نوفمبر 2016', 'الجلسة العامة', 'الإضافة 13 إلى', 'الوثيقة 44-A',
    '29 سبتمبر 2016', 'الأصل: بالإنكليزية', 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', 'مقترحات لأعمال الجمعية']) {
    assert.ok(loose(first).includes(loose(expected)), `page 1 shows «${expected}»:\n${first.slice(0, 600)}`)
  }
  assert.ok(!first.includes('WTSA16/44(Add.13)-A'), 'no page header or footer on page 1')
  // the header block is a table: the meeting and the addendum stand side by side, on the same line
  const w1 = pageWords(pdf, 1)
  // pdftotext gives Arabic words in visual order (reversed)
  const meeting = w1.find(w => w.text === 'العامة' || [...w.text].reverse().join('') === 'العامة'), addendum = w1.find(w => w.text === '13')
  assert.ok(meeting && addendum && Math.abs(meeting.y - addendum.y) < 3, 'meeting and addendum on one row')
  assert.ok(meeting.x > addendum.x, 'in Arabic the meeting stands on the right')
  for (let page = 2; page <= pages; page++) {
    const text = pageText(pdf, page)
    assert.ok(text.includes('WTSA16/44(Add.13)-A'), `page ${page} carries the reference`)
    const words = pageWords(pdf, page)
    const refs = words.filter(w => w.text === 'WTSA16/44(Add.13)-A').sort((a, b) => a.y - b.y)
    assert.equal(refs.length, 2, `page ${page}: the reference in the header and in the footer`)
    const numbers = words.filter(w => w.text.replace(/-/g, '') === String(page))
    assert.ok(numbers.some(n => n.y < refs[0]!.y), `page ${page}: "- ${page} -" above the reference in the header`)
    assert.ok(numbers.some(n => Math.abs(n.y - refs[1]!.y) < 3), `page ${page}: the footer carries the page number`)
  }
  checkMarkerLine(pdf, true)
})

test('the PDF printed by Chromium: the same MOD line, page header and footer, footnotes at the foot of their page', { skip: (!existsSync(CHROMIUM_PATH) || !existsSync('/usr/bin/pdftotext')) && 'chromium or poppler-utils not installed' }, async () => {
  const file = join(dir, 'res50-ar-chromium.pdf')
  await writeFile(file, await exportProposal([{ base, draft }], cmp, { format: 'pdf', date: '2016-09-29' }))
  checkMarkerLine(file, true)
  assert.ok(!pageText(file, 1).includes('WTSA16/44(Add.13)-A'), 'no page header on page 1')
  // the footnote of operative/preambular "القرار 58 ... البلدان النامية¹" stands at the foot of the page that references it, not at the end
  const all = Array.from({ length: pdfPages(file) }, (_, k) => k + 1)
  const notePage = all.find(p => loose(pageText(file, p)).includes(loose('تشمل أقل البلدان نمواً')))
  const refPage = all.find(p => loose(pageText(file, p)).includes(loose('بشأن تشجيع إنشاء أفرقة وطنية للتصدي')))
  assert.ok(notePage && refPage, 'footnote and its reference found')
  assert.equal(notePage, refPage, 'the footnote is on the page of its reference')
  const noteWord = pageWords(file, notePage).find(w => w.text === 'تشمل' || [...w.text].reverse().join('') === 'تشمل')
  assert.ok(noteWord && noteWord.y > 0.7 * 842, `the footnote stands at the foot of the page (y ${noteWord?.y})`)
  for (let page = 2; page <= pdfPages(file); page++) {
    const words = pageWords(file, page)
    const refs = words.filter(w => w.text === 'WTSA16/44(Add.13)-A').sort((a, b) => a.y - b.y)
    assert.equal(refs.length, 2, `page ${page}: the reference in the header and the footer`)
    const numbers = words.filter(w => w.text === String(page))
    assert.ok(numbers.some(n => n.y < refs[0]!.y), `page ${page}: "- ${page} -" above the reference in the header`)
    assert.ok(numbers.some(n => Math.abs(n.y - refs[1]!.y) < 3), `page ${page}: the page number in the footer`)
  }
})

test('LibreOffice: an English proposal gets the English header block', { skip: !haveTools && 'soffice or poppler-utils not installed' }, async () => {
  const res1 = readFileSync(new URL('../fixtures/res1-2016-en.txt', import.meta.url), 'utf8')
  const old = importText(res1).doc, edited = importText(res1.replace('to entrust the study to a single study group; or', 'to entrust the study to one lead study group; or')).doc
  const pdf = await render(await exportProposal([{ base: old, draft: edited }], cmp, { format: 'docx-static', proposalId: 'EUR/44A7/1', source: 'Member States of the European Conference of Postal and Telecommunications Administrations (CEPT)', date: '2016-09-29' }), 'res1-en')
  const first = pageText(pdf, 1)
  for (const expected of ['World Telecommunication Standardization Assembly (WTSA-16)', 'Hammamet, 25 October – 3 November 2016', 'PLENARY MEETING', 'Addendum 7 to', 'Document 44-E', '29 September 2016', 'Original: English', 'Proposals for the work of the assembly']) {
    assert.ok(first.includes(expected), `page 1 shows «${expected}»:\n${first.slice(0, 600)}`)
  }
  assert.ok(pageText(pdf, 2).includes('WTSA16/44(Add.7)-E'))
  assert.ok(first.includes('RESOLUTION 1 (Rev. Hammamet, 2016)'), 'the heading as ITU writes it, not in capitals')
  checkMarkerLine(pdf, false)
})
