import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { op, pre, prov, res, txt } from './builders.js'
import { computeLabels } from './numbering.js'
import { linkReferences } from './reference-linking.js'
import { fixReferences, referenceFixes, referenceSpans, referenceTargets, referenceWords, sameReferenceText } from './references.js'
import { resolutionSchema as schema } from './schema.js'
import { importText } from './text/index.js'

const ref = (target: string, full = true) => schema.marks.reference!.create({ target, form: full ? 'full' : 'label' })
const fixture = (name: string) => importText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))).doc
/** The position of the node with this id (-1 when there is none). */
const posOf = (doc: Node, id: string) => { let at = -1; doc.descendants((n, pos) => { if (at < 0 && n.attrs.id === id) at = pos; return at < 0 }); return at }
/** The text of a resolution to import: a preambular section (a) and b)), then an operative one with these lines. */
const resolutionText = (preambular: string, operative: string, lines: readonly string[], items = ['a)\tone;', 'b)\ttwo;']) =>
  ['RESOLUTION 9 (Test, 2024)', 'Title', preambular, ...items, operative, ...lines, ''].join('\n')
/** The section headings of the languages that name the label first. */
const LABEL_FIRST_SECTIONS = { fr: ['considérant', 'décide'], es: ['considerando', 'resuelve'], ru: ['учитывая', 'решает'] } as const

test('the words of a reference: the heading without trailing punctuation, Arabic without its leading «و»', () => {
  assert.equal(referenceWords('وإذ تضع في اعتبارها'), 'إذ تضع في اعتبارها')
  assert.equal(referenceWords('considering further,'), 'considering further')
  assert.equal(referenceWords('وبالفقرة'), 'وبالفقرة')
})

test('the importer links references written as text: Res 50 considering ز) to و), Res 1 considering e), f), g) and h)', () => {
  const old = fixture('res50-2012-ar.txt')
  const [span] = referenceSpans(old)
  assert.ok(span)
  const labels = computeLabels(old).byId
  assert.equal(labels.get(span.target), 'و )')
  assert.ok(sameReferenceText(span.text, 'إذ تضع في اعتبارها و)'), span.text)
  const res1 = fixture('res1-2016-en.txt')
  const spans = referenceSpans(res1)
  assert.deepEqual(spans.map(s => [s.text.replace(/\s/g, ' '), s.full]), [['considering e)', true], ['f)', false], ['g)', false], ['h)', false]])
  assert.deepEqual(spans.map(s => computeLabels(res1).byId.get(s.target)), ['e)', 'f)', 'g)', 'h)'])
  // text as written is kept: a missing space inside a label is not a change
  assert.deepEqual(referenceFixes(old), [])
})

test('a reference to a label the section does not have stays text, with a warning on its line', () => {
  const text = 'RESOLUTION 9 (Test, 2024)\nTitle\nconsidering\na)\tthat one;\nb)\tthat two, as in considering q),\nresolves\n1\tto act under considering b).\n'
  const { doc, warnings } = importText(text, { lang: 'en' })
  assert.deepEqual(referenceSpans(doc).map(s => s.text), ['considering b)'])
  assert.deepEqual(warnings.filter(w => /reference/.test(w.message)).map(w => w.line), [5])
})

test('references follow their target when provisions are inserted before it, and a deleted target is flagged', () => {
  const doc = res({ lang: 'en' },
    pre('considering', prov('that one;', { id: 'a' }), prov('that two;', { id: 'b' })),
    op('resolves', prov(['to act under ', txt('considering b)', ref('b')), ' and ', txt('b)', ref('b', false)), '.'], { id: 'r1' })))
  assert.deepEqual(referenceFixes(doc), [])
  // insert a provision before b: b becomes c)
  const tr = new Transform(doc)
  tr.insert(posOf(doc, 'b'), prov('that new;', { id: 'n' }))
  fixReferences(tr)
  assert.deepEqual(referenceSpans(tr.doc).map(s => s.text), ['considering c)', 'c)'])
  assert.deepEqual(referenceFixes(tr.doc), [])
  // delete the target: the references stay, flagged (expected null)
  const at = posOf(tr.doc, 'b')
  tr.delete(at, at + tr.doc.nodeAt(at)!.nodeSize)
  fixReferences(tr)
  assert.deepEqual(referenceFixes(tr.doc).map(f => [f.text, f.expected]), [['considering c)', null], ['c)', null]])
})

test('an item is referred to with its provision\'s label', () => {
  const doc = res({ lang: 'en' }, op('resolves', prov('to act:', { id: 'p1' })))
  const targets = referenceTargets(doc)
  assert.equal(targets.get('p1')?.label, '1')
  assert.equal(targets.get('p1')?.words, 'resolves')
})

test('the importer links only whole words followed by a label: not the end of a longer word, not a label of other characters', () => {
  const text = 'RESOLUTION 9 (Test, 2024)\nTitle\nconsidering\na)\tthat one;\nb)\tthat two;\nresolves\n' +
    '1\tto act under considering  b), as reconsidering a) says, and as considering -) does not;\n'
  const { doc, warnings } = importText(text, { lang: 'en' })
  assert.deepEqual(referenceSpans(doc).map(s => s.text), ['considering  b)'])
  assert.deepEqual(warnings.filter(w => /reference/.test(w.message)), [])
})

test('a reference to a provision of another resolution is not linked to this one', () => {
  const text = [
    'RESOLUTION 9 (Test, 2024)', 'Title', 'considering', 'a)\tthat one;', 'b)\tthat two;', 'resolves',
    '1\tto act under resolves 1 of Resolution 2 (Rev. Hammamet, 2016) and considering b) of Resolution 40;',
    '2\tto apply resolves 1 in Resolution 22, and resolves 1 of this resolution, as considering a) says.', ''
  ].join('\n')
  const { doc, warnings } = importText(text, { lang: 'en' })
  assert.deepEqual(referenceSpans(doc).map(s => s.text), ['resolves 1', 'considering a)'])
  assert.deepEqual(warnings.filter(w => /reference/.test(w.message)), [])
  // a list of them, and one that names a provision this text does not have: no link, no warning
  const list = importText(text.replace('and considering b) of Resolution 40', 'and considering a) and b) of Resolution 40, resolves 7 of Resolution 2'), { lang: 'en' })
  assert.deepEqual(referenceSpans(list.doc).map(s => s.text), ['resolves 1', 'considering a)'])
  assert.deepEqual(list.warnings.filter(w => /reference/.test(w.message)), [])
  // Arabic: «من القرار 2», «بالقرار 2» name another text; «من هذا القرار» this one
  const arabic = [
    'القرار 9 (تجربة، 2024)', 'عنوان', 'إن الجمعية العالمية لتقييس الاتصالات،', 'إذ تضع في اعتبارها', 'أ )\tأن الأول؛', 'ب)\tأن الثاني؛', 'تقرر',
    '1\tأن تعمل وفقاً للفقرة إذ تضع في اعتبارها أ) من القرار 2 وللفقرة إذ تضع في اعتبارها ب) بالقرار 40؛',
    '2\tأن تعمل وفقاً للفقرة إذ تضع في اعتبارها ب) من هذا القرار.', ''
  ].join('\n')
  const ar = importText(arabic, { lang: 'ar' })
  assert.deepEqual(referenceSpans(ar.doc).map(s => s.text), ['إذ تضع في اعتبارها ب)'])
})

test('French, Spanish and Russian references name the label first: "point 1 du décide", "apartado b) del considerando", "пункт 1 раздела решает"', () => {
  const cases = [
    { lang: 'fr', line: "de procéder selon le point 1 du décide et l'alinéa b) du considérant, non le point 1 du décide de la Résolution 2." },
    { lang: 'es', line: 'proceder según el punto 1 del resuelve y el apartado b) del considerando, no el punto 1 del resuelve de la Resolución 2.' },
    { lang: 'ru', line: 'действовать согласно пункту 1 раздела решает и пункту b) раздела учитывая, но не пункту 1 раздела решает Резолюции 2.' }
  ] as const
  for (const c of cases) {
    const [preambular, operative] = LABEL_FIRST_SECTIONS[c.lang]
    const { doc, warnings } = importText(resolutionText(preambular, operative, ['1\tfirst;', `2\t${c.line}`]), { lang: c.lang })
    const spans = referenceSpans(doc)
    assert.deepEqual(spans.map(s => [s.text, s.full]), [['1', false], ['b)', false]], c.lang)
    assert.deepEqual(spans.map(s => computeLabels(doc).byId.get(s.target)), ['1', 'b)'], c.lang)
    assert.deepEqual(warnings.filter(w => /reference/.test(w.message)), [], c.lang)
    // a provision inserted before considering b): the reference follows, its words stay
    const tr = new Transform(doc)
    tr.insert(posOf(doc, spans[1]!.target), prov('new;', { id: 'inserted' }))
    fixReferences(tr)
    assert.deepEqual(referenceSpans(tr.doc).map(s => s.text), ['1', 'c)'], c.lang)
    assert.match(tr.doc.textContent, c.lang === 'fr' ? /l'alinéa c\) du considérant/ : c.lang === 'es' ? /apartado c\) del considerando/ : /пункту c\) раздела учитывая/)
  }
})

test('label-first references may list several labels: "alinéas a) et b) du considérant", "puntos 1, 2 y 3 del resuelve"', () => {
  const cases = [
    { lang: 'fr', line: 'de tenir compte des alinéas a) et b) du considérant et des points 1, 2 et 3 du décide.' },
    { lang: 'es', line: 'tener en cuenta los apartados a) y b) del considerando y los puntos 1, 2 y 3 del resuelve.' },
    { lang: 'ru', line: 'учитывать пункты a) и b) раздела учитывая и пункты 1, 2 и 3 раздела решает.' }
  ] as const
  for (const c of cases) {
    const [preambular, operative] = LABEL_FIRST_SECTIONS[c.lang]
    const { doc } = importText(resolutionText(preambular, operative, ['1\tfirst;', '2\tsecond;', `3\t${c.line}`]), { lang: c.lang })
    const labels = computeLabels(doc).byId
    assert.deepEqual(referenceSpans(doc).map(s => [s.text, labels.get(s.target)]), [['a)', 'a)'], ['b)', 'b)'], ['1', '1'], ['2', '2'], ['3', '3']], c.lang)
  }
})

test('Chinese references, written without spaces, are linked: 考虑到b), 做出决议1; those of another resolution (第40号决议做出决议1) are not', () => {
  const text = ['第9号决议（2024年，测试）', '标题', '考虑到', 'a)\t第一；', 'b)\t第二；', '做出决议', '1\t依照考虑到b)行事；', '2\t依照考虑到 a)和做出决议1行事，而非第40号决议做出决议1；考虑到2012年的情况。', ''].join('\n')
  const { doc, warnings } = importText(text, { lang: 'zh' })
  const labels = computeLabels(doc).byId
  assert.deepEqual(referenceSpans(doc).map(s => [s.text, labels.get(s.target)]), [['考虑到b)', 'b)'], ['考虑到 a)', 'a)'], ['做出决议1', '1']])
  assert.deepEqual(referenceFixes(doc), [])
  assert.deepEqual(warnings.filter(w => /reference/.test(w.message)), [])
  // renumbered, a Chinese reference is written as Chinese writes it: no space
  const tr = new Transform(doc)
  tr.insert(posOf(doc, referenceSpans(doc)[1]!.target), prov('新;', { id: 'inserted' }))
  fixReferences(tr)
  assert.deepEqual(referenceSpans(tr.doc).map(s => s.text), ['考虑到c)', '考虑到b)', '做出决议1'])
})

test('a label-first reference whose provision moves to another section takes that section\'s words too', () => {
  const text = resolutionText('considérant', 'décide', ['1\tpremier;', "2\tselon l'alinéa b) du considérant et l'alinéa a) du considérant."], ['a)\tun;', 'b)\tdeux;'])
  const { doc } = importText(text, { lang: 'fr' })
  const [toB] = referenceSpans(doc)
  // move considering b) to the end of décide: it becomes décide 3
  const from = posOf(doc, toB!.target)
  const moved = doc.nodeAt(from)!
  const tr = new Transform(doc)
  tr.delete(from, from + moved.nodeSize)
  tr.insert(tr.doc.content.size - 1, moved)
  assert.equal(tr.doc.lastChild!.lastChild!.attrs.id, toB!.target)
  assert.ok(referenceFixes(tr.doc).length > 0)
  fixReferences(tr)
  assert.match(tr.doc.textContent, /selon l'alinéa 3 du décide et l'alinéa a\) du considérant\./)
  assert.deepEqual(referenceFixes(tr.doc), [])
  assert.deepEqual(referenceSpans(tr.doc).map(s => s.text), ['3', 'a)'])
})

test('a long list of label-only references is linked without a pattern made for each label (the eighth probe\'s 16,000 took a worker\'s 30 s)', () => {
  const list = Array.from({ length: 200 }, (_, k) => String((k % 40) + 1)).join(', ')
  const provisions = Array.from({ length: 40 }, (_, k) => prov(`to do thing ${k + 1};`, { id: `p${k}` }))
  const doc = res({ heading: 'RESOLUTION 9 (Test, 2024)', title: 'Title' }, op('resolves', ...provisions, prov(`to act on resolves ${list};`, { id: 'p40' })))
  const Native = globalThis.RegExp
  let made = 0
  globalThis.RegExp = new Proxy(Native, { construct(target, args) { made++; return Reflect.construct(target, args) } })
  let linked: Node
  try { linked = linkReferences(doc).doc } finally { globalThis.RegExp = Native }
  let references = 0
  linked.descendants(n => { if (n.isText && n.marks.some(m => m.type.name === 'reference')) references++; return true })
  assert.equal(references, 200, 'every label of the list is linked')
  assert.ok(made < 20, `${made} patterns made`)
})
