import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { importText } from '../schema/text/index.js'
import { compile, type Compilation, type CompilationRow } from './compile.js'
import { isChange } from './classify.js'
import { sideText } from '../schema/revision.js'
import { proposalSource } from './source-name.js'
import { summariseCompilation } from './summary.js'

const load = (path: string) => importText(readFileSync(new URL(`../${path}`, import.meta.url))).doc
const named = (path: string) => { const doc = load(path); const s = proposalSource(doc)!; return { name: s.name, proposalId: s.proposalId, doc } }

const newText = (row: CompilationRow, source: number) => row.cells[source]!.blocks.map(b => sideText(b, 'new')).join('\n')
const rowWith = (c: Compilation, text: string) => {
  const row = c.rows.find(r => (r.base?.blocks ?? r.cells.find(x => x.unit)?.blocks ?? []).some(b => b.textContent.includes(text)))
  assert.ok(row, `a row holding "${text}"`)
  return row
}

test('Resolution 50: APT and two test proposals, every kind of row', () => {
  const base = load('fixtures/res50-2012-ar.txt')
  const c = compile(base, [named('fixtures/compilation/res50-apt-ar.txt'), named('fixtures/compilation/res50-arb-test-ar.txt'), named('fixtures/compilation/res50-afcp-test-ar.txt')])
  assert.deepEqual(c.sources.map(s => s.name), ['APT', 'ARB', 'AFCP'])
  // the same change from APT and ARB
  const history = c.rows.find(r => r.kind === 'history')!
  assert.equal(history.cls, 'same')
  assert.deepEqual(history.cells.map(x => x.change), ['MOD', 'MOD', 'NOC'])
  // ARB and AFCP add the same words to recognizing ج)
  const recognizingC = rowWith(c, 'أن قطاع تقييس الاتصالات يساعد أيضاً')
  assert.equal(recognizingC.cls, 'same')
  assert.deepEqual(recognizingC.cells.map(x => x.change), ['NOC', 'MOD', 'MOD'])
  // APT and ARB change resolves 8 differently
  const resolves8 = rowWith(c, 'أن تواصل لجنة الدراسات 17 بالتعاون الوثيق')
  assert.equal(resolves8.cls, 'conflict')
  assert.equal(resolves8.conflict, 'different-modifications')
  // AFCP suppresses what APT modifies
  const resolves3 = rowWith(c, 'أن يعمل قطاع تقييس الاتصالات بتعاون وثيق')
  assert.equal(resolves3.cls, 'conflict')
  assert.equal(resolves3.conflict, 'deletion-vs-modification')
  assert.deepEqual(resolves3.cells.map(x => x.change), ['MOD', 'NOC', 'SUP'])
  // APT and ARB add different provisions after considering ﻫ )
  const arbAddition = rowWith(c, 'أن التهديدات السيبرانية تتطور بسرعة')
  assert.equal(arbAddition.base, null)
  assert.equal(arbAddition.cls, 'additions-same-place')
  assert.deepEqual(arbAddition.cells.map(x => x.change), ['absent', 'ADD', 'absent'])
  const aptAddition = rowWith(c, 'أن عدد التهديدات السيبرانية')
  assert.equal(aptAddition.cls, 'additions-same-place')
  assert.equal(aptAddition.anchor, arbAddition.anchor)
  // the old considering ز ) becomes ي) in APT and ح) in ARB
  const zay = rowWith(c, 'أن قطاع تقييس الاتصالات عليه أن يؤدي دوراً')
  assert.equal(zay.renumbering, 'clash')
  // AFCP's own addition
  assert.equal(rowWith(c, 'القرار 140 (المراجَع في بوسان، 2014)').cls, 'single')
  const summary = summariseCompilation(c)
  assert.equal(summary.rows, c.rows.length)
  assert.ok(summary.conflicts['different-modifications'] >= 1 && summary.conflicts['deletion-vs-modification'] >= 1)
  assert.ok(summary.renumberingClashes >= 1)
})

test('Resolution 1: three test proposals in English', () => {
  const base = load('fixtures/res1-2016-en.txt')
  const c = compile(base, ['eur', 'iap', 'rcc'].map(s => ({ name: s.toUpperCase(), doc: load(`fixtures/compilation/res1-${s}-test-en.txt`) })))
  assert.equal(rowWith(c, 'that general working arrangements of ITU').cls, 'same')
  const r17 = rowWith(c, 'The plenary meeting of a WTSA may set up other committees')
  assert.equal(r17.cls, 'conflict')
  assert.equal(r17.conflict, 'deletion-vs-modification')
  assert.deepEqual(r17.cells.map(x => x.change), ['MOD', 'MOD', 'SUP'])
  assert.equal(newText(r17, 0).includes('and working groups'), true)
  assert.equal(rowWith(c, 'WTSA shall establish an ad hoc group on the rules of procedure').cls, 'additions-same-place')
  assert.equal(rowWith(c, 'The Steering Committee shall publish the timetable').cls, 'additions-same-place')
  assert.equal(rowWith(c, 'All committees and groups referred to in 1.2 to 1.7').renumbering, 'clash')
  assert.equal(rowWith(c, 'It shall establish a Steering Committee').cls, 'single')
})

test('the cover and the MOD line are not rows; two proposals may not share a source name', () => {
  const base = load('fixtures/res50-2012-ar.txt')
  const apt = named('fixtures/compilation/res50-apt-ar.txt')
  const c = compile(base, [apt])
  assert.ok(c.rows.every(r => r.cells.every(x => !x.unit || x.unit.node.type.name !== 'proposalMarker')))
  assert.throws(() => compile(base, [apt, apt]), /same source "APT"/)
})

test('a proposal identical to the base touches nothing', () => {
  const base = load('fixtures/res50-2012-ar.txt')
  const c = compile(base, [{ name: 'X', doc: base }])
  assert.ok(c.rows.every(r => r.cls === 'untouched' && r.cells.every(x => !isChange(x))))
})
