import { strict as assert } from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { strToU8, zipSync } from 'fflate'
import type { Node } from 'prosemirror-model'
import { compare } from '../diff/index.js'
import { importText, serialiseText } from '../schema/text/index.js'
import { checkBase, resolutionPart } from './base-check.js'
import { importDocxProposal, readDocxTexts } from './docx-import.js'
import { exportDocxStatic } from './docx-static.js'
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
  cover: { source: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', title: 'مقترح لتعديل القرار 50 - الأمن السيبراني', originalLanguage: 'en' }
})
const text = (doc: Node) => serialiseText(resolutionPart(doc), { labels: 'derived' }).normalize('NFKC')
const cmp = (a: Node, b: Node) => compare(a, b).doc

test('our static DOCX of the Resolution 50 proposal reads back as the same base and proposal as our tracked DOCX', () => {
  const fromStatic = importDocxProposal(exportDocxStatic(layout))
  const fromTracked = importDocxProposal(exportDocxTracked(layout))
  assert.equal(fromStatic.lang, 'ar')
  assert.ok(fromStatic.revisionFormatting, 'revision formatting was recognised')
  assert.ok(fromStatic.revisionFormatting.insertions > 20 && fromStatic.revisionFormatting.deletions > 20, JSON.stringify(fromStatic.revisionFormatting))
  assert.ok(!fromStatic.baseText.includes('20122016'), 'old and new text are not glued together')
  assert.equal(text(fromStatic.base), text(base), 'the base is the 2012 text')
  assert.equal(text(fromStatic.proposal), text(draft), 'the proposal is the proposed text')
  assert.equal(text(fromStatic.base), text(fromTracked.base))
  assert.equal(text(fromStatic.proposal), text(fromTracked.proposal))
  assert.deepEqual(checkBase(fromStatic.base, base, cmp).discrepancies, [])
  assert.equal(fromTracked.revisionFormatting, null, 'a tracked file is read by its tracked changes')
})

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const docxOf = (body: string) => zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`) })
const run = (t: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`
const para = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`

test('a delegation\'s file with struck and underlined runs: strike/dstrike are deletions, underline insertions, switched-off formatting is plain', () => {
  const file = docxOf(
    para(run('MOD\tEUR/44A7/1')) +
    para(run('to entrust the study to '), run('a single', '<w:strike/>'), run('one lead', '<w:u w:val="single"/>'), run(' study group; or')) +
    para(run('double ', '<w:dstrike/>'), run('kept '), run('not struck ', '<w:strike w:val="0"/>'), run('not underlined ', '<w:u w:val="none"/>'), run('words', '<w:u w:val="double"/>')) +
    para(run('a whole new paragraph', '<w:u w:val="single"/>')) +
    para(run('a whole old paragraph', '<w:strike/>')) +
    para(run('end')))
  const texts = readDocxTexts(file, { lang: 'en' })
  assert.deepEqual(texts.revisionFormatting && { i: texts.revisionFormatting.insertions, d: texts.revisionFormatting.deletions }, { i: 3, d: 3 })
  assert.equal(texts.baseText, 'MOD\tEUR/44A7/1\nto entrust the study to a single study group; or\ndouble kept not struck not underlined \na whole old paragraph\nend\n')
  assert.equal(texts.proposalText, 'MOD\tEUR/44A7/1\nto entrust the study to one lead study group; or\nkept not struck not underlined words\na whole new paragraph\nend\n')
})

test('underlining alone in a file that is no proposal is formatting, not a revision (ITU\'s Resolution 1 underlines a URL)', t => {
  const plain = docxOf(para(run('see '), run('http://www.itu.int/', '<w:u w:val="single"/>')))
  const texts = readDocxTexts(plain, { lang: 'en' })
  assert.equal(texts.revisionFormatting, null)
  assert.equal(texts.proposalText, 'see http://www.itu.int/\n')
  const RES1 = '/work/shared/itu-docs/T-RES-T.1-2016-MSW-E.docx'
  if (!existsSync(RES1)) { t.skip('ITU sample file not present'); return }
  assert.equal(readDocxTexts(new Uint8Array(readFileSync(RES1))).revisionFormatting, null)
})

test('revision formatting can be forced on or off', () => {
  const file = docxOf(para(run('see '), run('old', '<w:strike/>'), run('new', '<w:u/>')))
  assert.equal(readDocxTexts(file, { lang: 'en', revisionFormatting: 'ignore' }).proposalText, 'see oldnew\n')
  assert.equal(readDocxTexts(file, { lang: 'en', revisionFormatting: 'read' }).proposalText, 'see new\n')
  assert.equal(readDocxTexts(file, { lang: 'en' }).proposalText, 'see new\n', 'struck text makes it a proposal')
})

test('our DOCX in its conference document (header block, page header and footer) reads back the same, tracked or static', async () => {
  const { aptProposalPair } = await import('./sample-proposal.js')
  const { exportProposal } = await import('./export-proposal.js')
  const pair = aptProposalPair()
  const revise = (a: Node, b: Node) => compare(a, b, { author: who }).doc
  for (const format of ['docx', 'docx-static'] as const) {
    const imported = importDocxProposal(await exportProposal([pair], revise, { format, date: '2016-09-29' }))
    assert.equal(text(imported.base), text(pair.base), `${format}: base`)
    assert.equal(text(imported.proposal), text(pair.draft), `${format}: proposal`)
    assert.deepEqual(checkBase(imported.base, pair.base, cmp).discrepancies, [], format)
    assert.ok(!imported.baseText.includes('WTSA16/44(Add.13)-A'), 'page headers are not body text')
  }
})
