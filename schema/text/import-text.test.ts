/**
 * The reference input: the APT proposal to modify Resolution 50 (Arabic,
 * flattened from Word), fixtures/apt-proposal-res50-ar.txt = a `#`
 * provenance header + the seed byte for byte. Seed line numbers below are
 * lines of the seed, i.e. of the fixture after its header.
 */
import { strict as assert } from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkResolution } from '../check.js'
import { duplicateIds } from '../ids.js'
import { computeLabels, normaliseLabel } from '../numbering.js'
import { normaliseHeading } from '../vocabulary.js'
import { importText } from './import-text.js'
import { nodesOf, textWithFootnoteMarks } from './testing.js'

const fixturePath = fileURLToPath(new URL('../../fixtures/apt-proposal-res50-ar.txt', import.meta.url))
const seedPath = '/work/shared/seeds/apt-proposal-res50-ar.txt'
const fixture = readFileSync(fixturePath)
const fixtureText = fixture.toString('utf8')
const allLines = fixtureText.split('\n')
const headerLength = allLines.findIndex(l => !l.startsWith('#'))
/** Seed line n (1-based), as in the seed file. */
const seedLine = (n: number) => allLines[headerLength + n - 1]!

/** The provision lines of the seed, as given in the brief. */
const RANGES: [number, number][] = [[30, 40], [43, 56], [58, 60], [62, 64], [66, 70], [72, 81], [83, 87], [89, 102], [104, 108], [110, 115], [117, 120]]
const provisionLines = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))

const { doc, warnings } = importText(fixture)

/** Label and text of a seed provision line: bookmarks out, footnote definitions out, refs as `[footnoteRef:*]`. */
function expected(n: number): { label: string; text: string } {
  const line = seedLine(n).replace(/\[bookmark:[^\]]*\]/g, '').trim()
  const tab = line.indexOf('\t')
  return {
    label: line.slice(0, tab).trim(),
    text: line.slice(tab + 1).replace(/\[\d+:[^\]]*\]/g, '').replace(/\[footnoteRef:\d+\]/g, '[footnoteRef:*]').trim()
  }
}

test('the fixture is the seed byte for byte under a # provenance header', { skip: !existsSync(seedPath) && 'seed not available' }, () => {
  assert.ok(headerLength > 0, 'the fixture starts with # lines')
  const header = Buffer.byteLength(allLines.slice(0, headerLength).join('\n') + '\n')
  assert.ok(fixture.subarray(header).equals(readFileSync(seedPath)))
})

test('the APT seed imports as a valid Arabic proposal with unique ids', () => {
  checkResolution(doc)
  assert.equal(doc.attrs.lang, 'ar')
  assert.deepEqual(duplicateIds(doc), [])
})

test('the APT seed has 7 preambular and 4 operative sections with the seed headings', () => {
  const sections = doc.content.content.filter(n => n.type.name.endsWith('Section'))
  assert.equal(sections.length, 11)
  const pre = sections.filter(s => s.type.name === 'preambularSection')
  const op = sections.filter(s => s.type.name === 'operativeSection')
  assert.deepEqual(pre.map(s => normaliseHeading(s.firstChild!.textContent)),
    ['إذ تشير إلى', 'وإذ تضع في اعتبارها', 'وإذ تضع في اعتبارها كذلك', 'وإذ تدرك', 'وإذ تقر', 'وإذ تقر كذلك', 'وإذ تلاحظ'].map(normaliseHeading))
  assert.deepEqual(pre.map(s => s.attrs.kind), ['recalling', 'considering', 'considering-further', 'recognizing', 'acknowledging', 'acknowledging-further', 'noting'])
  assert.deepEqual(op.map(s => s.attrs.kind), ['resolves', 'instructs-director', 'further-instructs-director', 'invites-member-states'])
  assert.equal(op[0]!.firstChild!.textContent, 'تقـرر', 'the heading keeps its tatweel as written')
  assert.ok(op[3]!.firstChild!.textContent.startsWith('تدعو الدول الأعضاء'))
  assert.ok(sections.indexOf(pre.at(-1)!) < sections.indexOf(op[0]!), 'preambular sections come first')
})

test('every provision line of the seed is a provision with the text after its label', () => {
  const provisions = nodesOf(doc, 'provision')
  assert.equal(provisions.length, provisionLines.length)
  assert.equal(nodesOf(doc, 'item').length, 0)
  const labels = computeLabels(doc)
  provisions.forEach((p, i) => {
    const n = provisionLines[i]!
    const want = expected(n)
    assert.equal(p.childCount, 1, `seed line ${n}: one paragraph`)
    assert.equal(textWithFootnoteMarks(p.firstChild!), want.text, `seed line ${n}`)
    const source = p.attrs.sourceLabel as string | null
    assert.equal(p.attrs.labelOverride, null, `seed line ${n}: no override in a proposal`)
    if (source !== null) assert.equal(source, want.label, `seed line ${n}: sourceLabel as written`)
    else assert.equal(normaliseLabel(labels.byId.get(p.attrs.id)!), normaliseLabel(want.label), `seed line ${n}: derived label = found`)
  })
})

test('each label that differs from the derived one is warned about on its line', () => {
  const provisions = nodesOf(doc, 'provision')
  const sourceLines = provisions.flatMap((p, i) => p.attrs.sourceLabel !== null ? [provisionLines[i]! + headerLength] : [])
  assert.ok(sourceLines.length > 0)
  assert.deepEqual([...new Set(warnings.map(w => w.line))].sort((a, b) => a - b), sourceLines)
  for (const w of warnings) assert.ok(allLines[w.line - 1]!.includes(w.message.split('"')[1]!), `warning on line ${w.line} names its label`)
})

test('the doubled labels of the flattened proposal are kept in sourceLabel', () => {
  const sources = nodesOf(doc, 'provision').map(p => p.attrs.sourceLabel)
  for (const label of ['د ب)', 'طﺩ )', '24', '1011']) assert.ok(sources.includes(label), label)
})

test('the footnote is an inline node holding its text, where its reference stood', () => {
  const footnotes = nodesOf(doc, 'footnote')
  assert.equal(footnotes.length, 1)
  const def = /\[1:([^\]]*)\]/.exec(fixtureText)![1]!.trim()
  assert.equal(footnotes[0]!.textContent, def)
  const holder = nodesOf(doc, 'provision').find(p => p.firstChild!.content.content.some(c => c.type.name === 'footnote'))!
  assert.ok(fixtureText.includes(textWithFootnoteMarks(holder.firstChild!).split('[footnoteRef:*]')[0]! + '[footnoteRef:1]'))
})

test('the proposal header, marker, heading, title, history and formula', () => {
  const header = doc.child(0)
  assert.equal(header.type.name, 'proposalHeader')
  const roles = header.content.content.map(p => p.attrs.role)
  for (const role of ['origin', 'source', 'title', 'summary', 'introduction', 'proposal']) assert.equal(roles.filter(r => r === role).length, 1, role)
  const byRole = (role: string) => header.content.content.find(p => p.attrs.role === role)!.textContent
  assert.equal(byRole('origin'), seedLine(1).trim())
  assert.equal(byRole('source'), seedLine(5).trim())
  assert.equal(byRole('summary'), 'ملخص:')
  assert.equal(byRole('introduction'), 'مقدمة')
  assert.equal(byRole('proposal'), 'المقترح')
  const marker = doc.child(1)
  assert.equal(marker.type.name, 'proposalMarker')
  assert.deepEqual({ ...marker.attrs }, { action: 'MOD', proposalId: 'APT/44A13/1', revision: null })
  assert.equal(seedLine(24), 'MOD\tAPT/44A13/1')
  assert.equal(doc.child(2).type.name, 'resolutionHeading')
  assert.equal(doc.child(2).attrs.number, '50')
  assert.ok(!doc.child(2).textContent.includes('bookmark'))
  assert.equal(doc.child(3).textContent, seedLine(26).replace(/\[bookmark:[^\]]*\]/g, '').trim())
  assert.equal(doc.child(4).type.name, 'historyLine')
  assert.equal(doc.child(5).type.name, 'assemblyFormula')
  assert.equal(doc.child(5).textContent, seedLine(28).trim())
})

test('no text of the seed is lost', () => {
  const all = new Set<string>()
  doc.descendants(n => { if (n.isTextblock) all.add(textWithFootnoteMarks(n)); return true })
  const joined = [...all].join('\n')
  for (let n = 1; n <= allLines.length - headerLength; n++) {
    const line = seedLine(n).replace(/\[bookmark:[^\]]*\]/g, '').replace(/\[\d+:[^\]]*\]/g, '').replace(/\[footnoteRef:\d+\]/g, '[footnoteRef:*]').trim()
    if (!line || /^(?:MOD|ADD|SUP|NOC)\t/.test(line)) continue   // blank, or the marker line (checked above)
    const text = line.includes('\t') && provisionLines.includes(n) ? line.slice(line.indexOf('\t') + 1).trim() : line
    for (const part of text.split('\t')) assert.ok(joined.includes(part.trim()), `seed line ${n} is in the document`)
  }
})
