import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { compare } from '../diff/index.js'
import { brk, op, opt, pre, prov, res } from '../schema/builders.js'
import { readTrackedDocument, trackedViewLines } from './docx-revisions.js'
import { exportDocxStatic } from './docx-static.js'
import { exportDocxTracked } from './docx-tracked.js'
import { exportHtml } from './html.js'
import { layoutLines, layoutResolution } from './layout.js'

const base = res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters;', { id: 'c1' }), { id: 's1' }),
  op('resolves', prov('to act now;', { id: 'r1' }), prov('to report to the assembly;', { id: 'r2' }), { id: 's2' }))
const draft = res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters;', { id: 'c1' }), { id: 's1' }),
  op('resolves',
    prov(['to ', brk(opt('take measures', 'APT, ARB'), opt('take all measures', 'EUR'), { id: 'k1' }), ' now;'], { id: 'r1' }),
    prov('to report to the assembly;', { id: 'r2', bracket: 'B', sources: 'APT' }),
    prov('to report to the Council;', { id: 'r3', bracket: 'B', sources: 'ARB' }),
    prov('to keep the base text;', { id: 'r4', bracket: 'C', sources: '' }),
    { id: 's2' }))

const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!)

test('layout: an inline bracket reads [text] [sources] per option; a provision-level option [label text] [sources]; no sources, no sources label', () => {
  const lines = layoutLines(layoutResolution(draft), 'new')
  assert.ok(lines.includes('1\tto [take measures] [APT, ARB] [take all measures] [EUR] now;'), lines.join('\n'))
  assert.ok(lines.includes('[2\tto report to the assembly;] [APT]'), 'the alternatives share their label (numbering.ts)')
  assert.ok(lines.includes('[2\tto report to the Council;] [ARB]'))
  assert.ok(lines.some(l => /^\[\d\tto keep the base text;\]$/.test(l)), 'an option nobody proposes: brackets, no sources')
  const sources = layoutResolution(draft).paragraphs.flatMap(p => p.runs.filter(r => r.sources).map(r => r.text))
  assert.deepEqual(sources, ['[APT, ARB]', '[EUR]', '[APT]', '[ARB]'], 'the sources are runs of their own (smaller, distinct)')
})

test('HTML: the sources in their own span class; DOCX static and tracked: in the BracketSources character style', () => {
  const layout = layoutResolution(draft)
  const html = exportHtml(layout)
  assert.match(html, /\[take measures\] <span class="sources">\[APT, ARB\]<\/span>/)
  assert.match(html, /\.sources \{[^}]*font-size: 0\.8em/)
  for (const bytes of [exportDocxStatic(layout), exportDocxTracked(layout)]) {
    const xml = documentXml(bytes)
    assert.match(xml, /<w:rStyle w:val="BracketSources"\/>[^]*?<w:t xml:space="preserve">\[APT, ARB\]<\/w:t>/)
    assert.match(strFromU8(unzipSync(bytes)['word/styles.xml']!), /w:styleId="BracketSources"/)
    const lines = trackedViewLines(readTrackedDocument(xml), 'new').map(l => l.text)
    assert.ok(lines.includes('1\tto [take measures] [APT, ARB] [take all measures] [EUR] now;'), lines.join('\n'))
  }
})

test('tracked DOCX: a revision\'s author is the mark\'s sources (its delegation attribute)', () => {
  const revision = compare(base, draft).doc
  // as protocol/attribution.ts sets them: every change credited to "APT, ARB"
  const credited = revision.type.schema.nodeFromJSON(JSON.parse(JSON.stringify(revision.toJSON(), (k, v) => k === 'delegation' ? 'APT, ARB' : v)))
  const doc = readTrackedDocument(documentXml(exportDocxTracked(layoutResolution(credited))))
  assert.ok(doc.revisions.length > 0)
  assert.deepEqual([...new Set(doc.revisions.map(r => r.author))], ['APT, ARB'])
})
