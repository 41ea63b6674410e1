import { strict as assert } from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { acceptAll, compare, rejectAll } from '../diff/index.js'
import { importText, serialiseText } from '../schema/text/index.js'
import { checkBase, resolutionPart } from './base-check.js'
import { authorsSaid, describeDocx, DocxImportError, formatDocxFindings, importDocxProposal, readDocxTexts } from './docx-import.js'
import { strToU8, zipSync } from 'fflate'
import { DocxInputError } from './docx-read.js'
import { exportDocxTracked } from './docx-tracked.js'
import { layoutProposal } from './proposal-document.js'
import { parseProposalId } from './proposal-id.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const base = importText(fixture('res50-2012-ar.txt'), { lang: 'ar' }).doc
const draft = importText(fixture('res50-proposed-ar.txt'), { lang: 'ar' }).doc
const who = { author: 'Yuki Tanaka', delegation: 'APT', date: '2016-08-01T10:00:00Z' }
const revision = compare(base, draft, { author: who }).doc
const layout = layoutProposal({
  firstId: parseProposalId('APT/44A13/1'), units: [{ action: 'MOD', revision, reasons: 'ثمة حاجة لتحديث القرار 50.' }], ...who,
  cover: { source: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', title: 'مقترح لتعديل القرار 50 - الأمن السيبراني', originalLanguage: 'en', summary: 'تحديث القرار 50' }
})
const docx = exportDocxTracked(layout)

/** Text of a resolution (cover, marker and reasons left out) with derived labels, NFKC: what must survive. */
const text = (doc: Node) => serialiseText(resolutionPart(doc), { labels: 'derived' }).normalize('NFKC')

test('round trip: importing our tracked export gives back the base (Reject All) and the proposal (Accept All)', () => {
  const imported = importDocxProposal(docx)
  assert.equal(imported.lang, 'ar')
  assert.equal(text(imported.base), text(rejectAll(revision)))
  assert.equal(text(imported.proposal), text(acceptAll(revision)))
  assert.equal(text(imported.base), text(base), 'the base is the 2012 text')
  assert.equal(text(imported.proposal), text(draft), 'the proposal is the proposed text')
  // the proposal parts came through as well
  const kinds = (doc: Node) => { const k: string[] = []; doc.forEach(c => { k.push(c.type.name) }); return k }
  assert.ok(kinds(imported.proposal).includes('proposalMarker') && kinds(imported.proposal).includes('reasons'))
  assert.ok(kinds(imported.proposal).includes('proposalHeader'))
})

test('authors and counts of the tracked changes are reported', () => {
  const texts = readDocxTexts(docx)
  assert.ok(texts.tracked.revisions.length > 20)
  assert.deepEqual(texts.authors.map(a => a.author), ['Yuki Tanaka (APT)'])
  assert.ok(texts.authors[0]!.insertions > 0 && texts.authors[0]!.deletions > 0)
  assert.equal(texts.authors[0]!.firstDate, '2016-08-01T10:00:00Z')
})

test('a base checked against the version in force: none when right, every discrepancy when wrong', () => {
  const imported = importDocxProposal(docx)
  const cmp = (a: Node, b: Node) => compare(a, b).doc
  assert.deepEqual(checkBase(imported.base, base, cmp).discrepancies, [])
  // the delegation drafted on a copy where one date and one word differ
  const wrong = importText(fixture('res50-2012-ar.txt').replace('القرار 174 (غوادالاخارا، 2010)', 'القرار 174 (أنطاليا، 2006)').replace('الحماية الأطفال', 'حماية الأطفال'), { lang: 'ar' }).doc
  const check = checkBase(imported.base, wrong, cmp)
  assert.equal(check.ok, false)
  const hit = check.discrepancies.find(d => d.missing.some(w => w.includes('أنطاليا')))
  assert.ok(hit, JSON.stringify(check.discrepancies))
  assert.ok(hit.extra.some(w => w.includes('غوادالاخارا')))
  assert.match(hit.where, /ب\)/, 'the provision is named by its label')
})

test('bad input is refused with DocxInputError before anything is imported', () => {
  assert.throws(() => importDocxProposal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])), DocxInputError)
  assert.throws(() => importDocxProposal(new TextEncoder().encode('PK but not really a zip file, just text')), DocxInputError)
})

const RES1_DOCX = '/work/shared/itu-docs/T-RES-T.1-2016-MSW-E.docx'

test('ITU\'s own Word file of Resolution 1 imports to the text in force (front matter, Symbol dashes, custom footnote marks)', t => {
  if (!existsSync(RES1_DOCX)) { t.skip('ITU sample file not present'); return }
  const imported = importDocxProposal(new Uint8Array(readFileSync(RES1_DOCX)))
  assert.equal(imported.lang, 'en')
  assert.equal(imported.tracked.revisions.length, 0)
  assert.ok(!imported.baseText.includes('FOREWORD'), 'the publication front matter is left out')
  assert.ok(imported.baseText.startsWith('RESOLUTION 1 (Rev.\u00a0Hammamet, 2016)\n'), 'starts at the heading (ITU writes a no-break space after Rev.)')
  assert.match(imported.baseText, /\n–\tto entrust the study to a single study group; or\n/, 'Symbol-font dash read as an en dash')
  assert.match(imported.baseText, /chairman of the study group\[footnoteRef:3\]\[3: In special cases/, 'custom footnote mark "2" not kept as text')
  const inForce = importText(fixture('res1-2016-en.txt')).doc
  const cmp = (a: Node, b: Node) => compare(a, b).doc
  assert.deepEqual(checkBase(imported.base, inForce, cmp).discrepancies, [])
  const altered = importText(fixture('res1-2016-en.txt').replace('to entrust the study to a single study group; or', 'to entrust the study to one study group; or')).doc
  const found = checkBase(imported.base, altered, cmp).discrepancies
  assert.equal(found.length, 1)
  assert.deepEqual([found[0]!.missing, found[0]!.extra], [['one'], ['a single']])
})

test('round trip in English: Resolution 1 with parts, items, dashes, footnotes and an appendix', () => {
  const old = importText(fixture('res1-2016-en.txt')).doc
  const edited = importText(fixture('res1-2016-en.txt')
    .replace('to entrust the study to a single study group; or', 'to entrust the study to one lead study group; or')
    .replace(/\n–\tto adopt an alternative arrangement;/, '')).doc
  const rev = compare(old, edited, { author: { author: 'Ann Smith', delegation: 'EUR' } }).doc
  const file = exportDocxTracked(layoutProposal({ firstId: parseProposalId('EUR/44A7/1'), units: [{ action: 'MOD', revision: rev, reasons: 'Clarity.' }], cover: { source: 'CEPT', title: 'Proposed modification of Resolution 1' } }))
  const imported = importDocxProposal(file)
  assert.equal(imported.lang, 'en')
  assert.equal(text(imported.base), text(old))
  assert.equal(text(imported.proposal), text(edited))
})

test('a file that is no resolution: the error still says what was found (language, paragraphs, revisions and their authors)', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
  const body = '<w:p><w:r><w:t>Minutes of the meeting of Study Group 17</w:t></w:r></w:p>'
    + '<w:p><w:r><w:t xml:space="preserve">The group agreed </w:t></w:r><w:ins w:id="1" w:author="Ann Smith" w:date="2016-05-01T10:00:00Z"><w:r><w:t>unanimously </w:t></w:r></w:ins><w:del w:id="2" w:author="Bob Lee" w:date="2016-05-02T10:00:00Z"><w:r><w:delText>today</w:delText></w:r></w:del></w:p>'
  const file = zipSync({ 'word/document.xml': strToU8(`<w:document ${W}><w:body>${body}</w:body></w:document>`) })
  assert.throws(() => importDocxProposal(file), (e: unknown) => {
    assert.ok(e instanceof DocxImportError, String(e))
    assert.equal(e.found.lang, 'en')
    assert.equal(e.found.paragraphs, 2)
    assert.deepEqual(e.found.authors.map(a => [a.author, a.insertions, a.deletions]), [['Ann Smith', 1, 0], ['Bob Lee', 0, 1]])
    assert.match(e.message, /no resolution heading/)
    assert.match(e.message, /2 paragraphs, 2 tracked revisions \(1 insertion, 1 deletion\), language en/)
    assert.match(e.message, /Ann Smith: 1 insertion, 0 deletions/)
    return true
  })
  assert.match(formatDocxFindings(describeDocx(readDocxTexts(file))), /^2 paragraphs, 2 tracked revisions/)
})

test('the findings name a dozen authors at most, each cut short; the rest are counted', () => {
  const authors = Array.from({ length: 3000 }, (_, k) => ({ author: `Author ${k} ${'x'.repeat(200)}`, insertions: 1, deletions: 0, firstDate: null, lastDate: null }))
  const text = formatDocxFindings({ lang: 'en', paragraphs: 1, insertions: 3000, deletions: 0, authors, revisionFormatting: null } as never)
  assert.ok(text.length < 2000, `${text.length} characters`)
  assert.match(text, /Author 11 x{60}/)
  assert.doesNotMatch(text, /Author 12 /)
  assert.match(text, /and 2988 more authors/)
})

test('the authors a preview names: a dozen at most, each name and date cut short; the rest counted (a crafted file named one with 8 MB)', () => {
  const authors = [{ author: 'A'.repeat(8_000_000), insertions: 1, deletions: 0, firstDate: '2'.repeat(1000), lastDate: null },
    ...Array.from({ length: 3000 }, (_, k) => ({ author: `Author ${k}`, insertions: 1, deletions: 0, firstDate: null, lastDate: null }))]
  const { said, more } = authorsSaid(authors)
  assert.equal(said.length, 12)
  assert.equal(more, 3001 - 12)
  assert.ok(JSON.stringify(said).length < 2000, String(JSON.stringify(said).length))
  assert.equal(said[1]!.author, 'Author 0')
  assert.deepEqual(authorsSaid(authors.slice(1, 3)), { said: authors.slice(1, 3), more: 0 })
})
