/**
 * The importer on small texts written for these tests (test data, not ITU
 * texts): English and French samples, labels (b)bis, i) as letter or roman),
 * parts and nested numbering, warnings with line numbers, and bad input.
 */
import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { checkResolution } from '../check.js'
import { computeLabels } from '../numbering.js'
import { ImportError } from './errors.js'
import { importText } from './import-text.js'
import { MAX_LINE_LENGTH } from './lines.js'
import { nodesOf } from './testing.js'

/** Test data: an English resolution in the flattened format (not an ITU text). */
const ENGLISH = [
  'RESOLUTION 99 (Rev. Testville, 2024)',            // 1
  'Testing the importer',                             // 2
  '(Testville, 2020; Testville, 2024)',               // 3
  'The World Telecommunication Standardization Assembly (Testville, 2024),', // 4
  'considering',                                      // 5
  'a)\tthat the first thing is true;',                // 6
  'b)\tthat the second thing is true;',               // 7
  'b)bis\tthat an inserted thing is true;',           // 8
  'c)\tthat the third thing has items:',              // 9
  '–\ta dash item;',                                  // 10
  '–\tanother dash item,',                            // 11
  'considering further',                              // 12
  'that a single unlettered provision stands here,',  // 13
  'resolves',                                         // 14
  '1\tto do the first thing:',                        // 15
  'a)\tin this way;',                                 // 16
  'i)\tby this means;',                               // 17
  'ii)\tand by that means;',                          // 18
  'b)\tand in that way;',                             // 19
  '1.1\ta sub-provision;',                            // 20
  '1.1.1\ta sub-sub-provision;',                      // 21
  'with a continuation paragraph;',                   // 22
  '1.2\tanother sub-provision;',                      // 23
  '2\tto do the second thing;',                       // 24
  'NOTE – a note about the second thing.',            // 25
  '[bookmark: _Toc1]3  to do the third thing, with spaces after its label.', // 26
  'instructs Study Group 17',                         // 27
  'to do its work.',                                  // 28
  'SECTION 1',                                        // 29
  'General',                                          // 30
  '1.1\tIn part one.',                                // 31
  '1.2\tAlso in part one.',                           // 32
  '1.2.1\tNested in part one.',                       // 33
  'Section 1bis',                                     // 34
  'Inserted part',                                    // 35
  '1bis.1\tIn the inserted part.',                    // 36
  'SECTION 2',                                        // 37
  'Second part',                                      // 38
  '2.1\tIn part two.',                                // 39
  'ANNEX A (to Resolution 99)',                       // 40
  'An annex title',                                   // 41
  '1\tAn annex provision.'                            // 42
].join('\n')

const structure = (doc: Node) => {
  const labels = computeLabels(doc)
  const out: string[] = []
  doc.descendants(n => {
    if (n.type.name === 'provision' || n.type.name === 'item' || n.type.name === 'part') out.push(`${n.type.name}:${labels.byId.get(n.attrs.id)}`)
    return true
  })
  return out
}

test('an English sample: sections, kinds, labels, items, sub-provisions, parts, annex', () => {
  const { doc, warnings } = importText(ENGLISH)
  checkResolution(doc)
  assert.equal(doc.attrs.lang, 'en')
  assert.equal(doc.child(0).attrs.number, '99')
  assert.deepEqual(['resolutionHeading', 'resolutionTitle', 'historyLine', 'assemblyFormula'], [0, 1, 2, 3].map(i => doc.child(i).type.name))
  const sections = doc.content.content.filter(n => n.type.name.endsWith('Section'))
  assert.deepEqual(sections.map(s => s.attrs.kind), ['considering', 'considering-further', 'resolves', 'instructs-study-groups'])
  assert.deepEqual(structure(doc), [
    'provision:a)', 'provision:b)', 'provision:b)bis', 'provision:c)', 'item:–', 'item:–',
    'provision:1', 'item:a)', 'item:i)', 'item:ii)', 'item:b)', 'provision:1.1', 'provision:1.1.1', 'provision:1.2', 'provision:2', 'provision:3',
    'part:1', 'provision:1.1', 'provision:1.2', 'provision:1.2.1',
    'part:1bis', 'provision:1bis.1',
    'part:2', 'provision:2.1',
    'provision:1'
  ])
  // the only label warnings are for the inserted labels, which become overrides
  assert.deepEqual(warnings.map(w => w.line), [8, 34])
  const bis = nodesOf(doc, 'provision').find(p => p.attrs.labelOverride === 'b)bis')
  assert.ok(bis && bis.attrs.sourceLabel === null)
  assert.equal(nodesOf(doc, 'part')[1]!.attrs.labelOverride, '1bis')
  // i) after a) is roman and nests under a); b) closes it
  const one = nodesOf(doc, 'provision').find(p => p.firstChild!.textContent === 'to do the first thing:')!
  const items = one.content.content.filter(c => c.type.name === 'item')
  assert.deepEqual(items.map(i => i.attrs.style), ['letter', 'letter'])
  assert.deepEqual(items[0]!.content.content.filter(c => c.type.name === 'item').map(i => i.attrs.style), ['roman', 'roman'])
  // 1.1.1 holds the continuation paragraph; 2 holds the note
  const sub = nodesOf(doc, 'provision').find(p => p.firstChild!.textContent === 'a sub-sub-provision;')!
  assert.equal(sub.child(1).textContent, 'with a continuation paragraph;')
  const two = nodesOf(doc, 'provision').find(p => p.firstChild!.textContent === 'to do the second thing;')!
  assert.equal(two.child(1).type.name, 'note')
  // a label followed by spaces and a leading bookmark
  assert.ok(nodesOf(doc, 'provision').some(p => p.firstChild!.textContent === 'to do the third thing, with spaces after its label.'))
  // an unnumbered provision stays a paragraph of its section
  assert.equal(sections[1]!.child(1).type.name, 'paragraph')
  const annex = doc.lastChild!
  assert.equal(annex.type.name, 'annex')
  assert.equal(annex.child(1).type.name, 'annexTitle')
})

test('i) after h) is the next letter, not a roman numeral', () => {
  const letters = 'abcdefghij'.split('')
  const text = ['RESOLUTION 1', 'T', 'considering', ...letters.map(l => `${l})\tthat ${l};`), 'resolves', '1\tx:', ...letters.map(l => `${l})\titem ${l};`)].join('\n')
  const { doc, warnings } = importText(text)
  assert.deepEqual(warnings, [])
  assert.equal(nodesOf(doc, 'provision').length, letters.length + 1)
  assert.deepEqual(nodesOf(doc, 'item').map(i => i.attrs.style), letters.map(() => 'letter'))
  const labels = computeLabels(doc)
  assert.deepEqual(nodesOf(doc, 'item').map(i => labels.byId.get(i.attrs.id)), letters.map(l => `${l})`))
})

test('a French sample is detected and its headings recognised', () => {
  const text = [
    'RÉSOLUTION 99 (Rév. Testville, 2024)',
    'Une résolution pour les essais',
    "L'Assemblée mondiale de normalisation des télécommunications (Testville, 2024),",
    'considérant',
    'a)\tque la première chose est vraie;',
    'b)\tque la deuxième chose est vraie,',
    'décide',
    '1\tde faire la première chose;',
    '2\tde faire la deuxième chose,',
    'charge le Directeur du Bureau de la normalisation des télécommunications',
    '1\tde rendre compte des résultats.'
  ].join('\n')
  const { doc, warnings } = importText(text)
  assert.deepEqual(warnings, [])
  assert.equal(doc.attrs.lang, 'fr')
  assert.equal(doc.child(2).type.name, 'assemblyFormula')
  assert.deepEqual(doc.content.content.filter(n => n.type.name.endsWith('Section')).map(s => s.attrs.kind), ['considering', 'resolves', 'instructs-director'])
  assert.equal(nodesOf(doc, 'provision').length, 5)
})

test('labels outside a proposal that differ from the derived ones become overrides, with a warning on their line', () => {
  const text = ['RESOLUTION 1', 'T', 'resolves', '1\tone;', '5\tfive (out of order);', '2\ttwo.'].join('\n')
  const { doc, warnings } = importText(text)
  const provisions = nodesOf(doc, 'provision')
  assert.deepEqual(provisions.map(p => p.attrs.labelOverride), [null, '5', null])
  assert.deepEqual(provisions.map(p => p.attrs.sourceLabel), [null, null, null])
  assert.deepEqual(warnings.map(w => w.line), [5])
  assert.match(warnings[0]!.message, /"5".*"2".*labelOverride/)
  // an override does not advance the sequence, so the next provision is 2 again
  assert.equal(computeLabels(doc).byId.get(provisions[2]!.attrs.id), '2')
})

test('the labels option decides where mismatched labels go', () => {
  const text = ['MOD\tTST/1/1', 'RESOLUTION 1', 'T', 'resolves', '1\tone;', '23\ttwo, renumbered;', '3bis\tinserted.'].join('\n')
  const auto = nodesOf(importText(text).doc, 'provision')
  assert.deepEqual(auto.map(p => [p.attrs.sourceLabel, p.attrs.labelOverride]), [[null, null], ['23', null], [null, '3bis']])
  const override = nodesOf(importText(text, { labels: 'override' }).doc, 'provision')
  assert.deepEqual(override.map(p => [p.attrs.sourceLabel, p.attrs.labelOverride]), [[null, null], [null, '23'], [null, '3bis']])
  const plain = ['RESOLUTION 1', 'T', 'resolves', '1\tone;', '23\ttwo;'].join('\n')
  assert.deepEqual(nodesOf(importText(plain, { labels: 'source' }).doc, 'provision').map(p => p.attrs.sourceLabel), [null, '23'])
})

test('warnings name the line of everything that could not be placed, and nothing is dropped', () => {
  const lines = [
    '# provenance: test data',          // 1
    'RESOLUTION 1',                     // 2
    'T',                                // 3
    'The World Telecommunication Standardization Assembly,', // 4
    'loose text before any section',    // 5
    'a)\tan item with no section',      // 6
    'resolves',                         // 7
    'a)\tan item with no provision',    // 8
    '1\tone[footnoteRef:7];',           // 9
    '1.1.1\ttoo deep;',                 // 10
    'SECTION 4',                        // 11
    '4.1\ta part with no title line',   // 12
    'Reasons: because.',                // 13
    'text after the reasons'            // 14
  ]
  const { doc, warnings } = importText(lines.join('\n'))
  checkResolution(doc)
  const byLine = new Map<number, string>()
  for (const w of warnings) byLine.set(w.line, [byLine.get(w.line), w.message].filter(Boolean).join(' | '))
  assert.match(byLine.get(5)!, /outside any section/)
  assert.match(byLine.get(6)!, /outside any section/)
  assert.match(byLine.get(8)!, /no provision/)
  assert.match(byLine.get(9)!, /footnote 7.*never defined/)
  assert.match(byLine.get(10)!, /deeper/)
  assert.match(byLine.get(11)!, /not followed by its title/)
  assert.match(byLine.get(14)!, /after the reasons/)
  const text: string[] = []
  doc.descendants(n => { if (n.isTextblock) text.push(n.textContent); return true })
  for (const l of lines.slice(1)) {
    const content = l.includes('\t') ? l.split('\t')[1]!.replace(/\[footnoteRef:\d+\]/, '') : l
    if (/^SECTION/.test(l)) continue
    assert.ok(text.some(t => t.includes(content)), `line "${l}" is kept`)
  }
})

test('footnote definitions may come on a later line of their own', () => {
  const { doc, warnings } = importText(['RESOLUTION 1', 'T', 'resolves', '1\tsee this[footnoteRef:1] and that[footnoteRef:2].', '[1: first note]', '[2: second [nested] note]'].join('\n'))
  assert.deepEqual(warnings, [])
  assert.deepEqual(nodesOf(doc, 'footnote').map(f => f.textContent), ['first note', 'second [nested] note'])
  assert.equal(nodesOf(doc, 'paragraph').length, 1, 'definition lines are not content')
})

test('bytes that are not UTF-8 are an error naming the line', () => {
  const bytes = new Uint8Array([...Buffer.from('RESOLUTION 1\nTitle\nconsidering '), 0xff, 0xfe, ...Buffer.from('\n')])
  assert.throws(() => importText(bytes), (e: unknown) => e instanceof ImportError && e.line === 3 && /not valid UTF-8/.test(e.message))
  const truncated = Buffer.concat([Buffer.from('RESOLUTION 1\nالقرار'), Buffer.from('ب').subarray(0, 1)])
  assert.throws(() => importText(truncated), (e: unknown) => e instanceof ImportError && e.line === 2)
})

test('a BOM and CRLF line ends are accepted', () => {
  const bytes = Buffer.from('\uFEFFRESOLUTION 1\r\nTitle\r\nresolves\r\n1\tto do.\r\n')
  const { doc, warnings } = importText(bytes)
  assert.deepEqual(warnings, [])
  assert.equal(doc.child(0).textContent, 'RESOLUTION 1')
  assert.equal(nodesOf(doc, 'provision')[0]!.firstChild!.textContent, 'to do.')
})

test('an empty file, a header only, and a file with no heading are errors', () => {
  for (const text of ['', '\n  \n', '# only a header\n# and more\n\n']) {
    assert.throws(() => importText(text), (e: unknown) => e instanceof ImportError && /empty/.test(e.message))
  }
  assert.throws(() => importText('considering\na)\tthat nothing is a heading;\n'), (e: unknown) => e instanceof ImportError && /no resolution heading/.test(e.message))
  assert.throws(() => importText('MOD\tX/1/1\nconsidering\n'), (e: unknown) => e instanceof ImportError && /after the proposal marker/.test(e.message))
})

test('an absurdly long line is an error naming it; a long but sane one imports quickly', () => {
  const huge = `RESOLUTION 1\nTitle\n${'x'.repeat(MAX_LINE_LENGTH + 1)}\n`
  assert.throws(() => importText(huge, { fileName: 'huge.txt' }), (e: unknown) => e instanceof ImportError && e.line === 3 && e.fileName === 'huge.txt')
  const words = 'word (with [brackets] and a) tab\t'.repeat(1500)
  const start = performance.now()
  const { doc } = importText(`RESOLUTION 1\nTitle\nresolves\n1\t${words}\n${'a) '.repeat(20000)}\n`)
  assert.ok(performance.now() - start < 2000, 'no pathological slowness')
  checkResolution(doc)
})

test('the language is detected from the script or the words', () => {
  const cases: [string, string][] = [
    ['RESOLUTION 1\nTitle\nresolves\n1\tthat the assembly of the union shall act.', 'en'],
    ['RESOLUCIÓN 1\nTítulo\nresuelve\n1\tque la asamblea de las telecomunicaciones actúe.', 'es'],
    ['РЕЗОЛЮЦИЯ 1\nНазвание\nрешает\n1\tчто ассамблея должна действовать.', 'ru'],
    ['第1号决议\n标题\n做出决议\n1\t全会应采取行动。', 'zh'],
    ['القرار 1\nعنوان\nتقرر\n1\tأن تعمل الجمعية.', 'ar']
  ]
  for (const [text, lang] of cases) assert.equal(importText(text).doc.attrs.lang, lang, text)
  assert.equal(importText(cases[0]![0], { lang: 'fr' }).doc.attrs.lang, 'fr', 'the option wins')
})

test('a line full of footnote-like brackets imports in linear time', () => {
  const line = '1\tx[footnoteRef:1]' + '[1: a]'.repeat(12000)
  const start = performance.now()
  const { doc, warnings } = importText(`RESOLUTION 1\nTitle\nresolves\n${line}\n`)
  assert.ok(performance.now() - start < 2000)
  assert.equal(nodesOf(doc, 'footnote')[0]!.textContent, 'a')
  assert.ok(warnings.length > 0 && warnings.every(w => w.line === 4 && /defined twice|more warnings/.test(w.message))) // capped at IMPORT_LIMITS.warnings + a count
})

test('a bulleted or dashed list directly in an annex is a list of the annex; the next unlabelled line is the annex\'s again', () => {
  const text = ['RESOLUTION 1', 'T', 'resolves', '1\tto do it.', 'Appendix I (to Resolution 1)', 'Information to submit',
    '•\tSource', '•\tRelationship to other:', '–\tRecommendations', '–\tQuestions', 'Guidelines are on the website.', '1\tA numbered provision of the annex.'].join('\n')
  const { doc, warnings } = importText(text)
  assert.deepEqual(warnings, [])
  const annex = doc.lastChild!
  assert.deepEqual(annex.content.content.map(n => n.type.name + (n.type.name === 'item' ? `:${n.attrs.style}` : '')),
    ['annexHeading', 'annexTitle', 'item:bullet', 'item:bullet', 'item:dash', 'item:dash', 'paragraph', 'provision'])
  const labels = computeLabels(doc)
  assert.deepEqual(nodesOf(annex, 'item').map(i => labels.byId.get(i.attrs.id)), ['•', '•', '–', '–'])
  assert.equal(annex.child(6).textContent, 'Guidelines are on the website.')
  checkResolution(doc)
})

test('an unresolved reference is warned about on the line it is written on, though its words stand on an earlier line too', () => {
  const text = [
    'RESOLUTION 99 (Rev. Testville, 2024)',            // 1
    'Testing the importer',                             // 2
    '(Testville, 2024)',                                // 3
    'The World Telecommunication Standardization Assembly (Testville, 2024),', // 4
    'considering',                                      // 5
    'a)\tthat considering z) of Resolution 40 stands;', // 6: another text's, no warning
    'b)\tthat the second thing is true;',               // 7
    'resolves',                                         // 8
    '1\tto act as considering b) says;',                // 9: resolved
    '2\tto act as considering z) says;'                 // 10: unresolved
  ].join('\n')
  const warned = importText(text).warnings.filter(w => w.code === 'unresolved-reference')
  assert.deepEqual(warned.map(w => w.line), [10])
})
