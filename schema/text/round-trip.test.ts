/**
 * text -> doc -> text -> doc is identity. Documents are compared with
 * `stripIds` (toJSON with ids blanked), since every import mints fresh ids.
 * Covers every fixtures/*.txt that exists, plus a document built in code
 * that uses every construct of the format.
 */
import { strict as assert } from 'node:assert'
import { readdirSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Node } from 'prosemirror-model'
import { fn, item, note, op, p, part, pre, prov, res, resetBuilderIds } from '../builders.js'
import { checkResolution } from '../check.js'
import { computeLabels } from '../numbering.js'
import { resolutionSchema as schema } from '../schema.js'
import { importText } from './import-text.js'
import { serialiseText } from './serialise.js'
import { nodesOf, stripIds } from './testing.js'

const dir = fileURLToPath(new URL('../../fixtures/', import.meta.url))
const fixtures = readdirSync(dir).filter(f => f.endsWith('.txt')).sort()

test('there are fixtures to check', () => {
  assert.ok(fixtures.includes('apt-proposal-res50-ar.txt'))
})

for (const name of fixtures) {
  test(`round trip text -> doc -> text -> doc: ${name}`, () => {
    const first = importText(readFileSync(dir + name)).doc
    const text = serialiseText(first)
    const second = importText(text).doc
    checkResolution(second)
    assert.deepEqual(stripIds(second), stripIds(first))
    assert.equal(serialiseText(second), text, 'writing is stable')
  })

  test(`derived labels read back with nothing stored: ${name}`, () => {
    const first = importText(readFileSync(dir + name)).doc
    const derivedText = serialiseText(first, { labels: 'derived' })
    const again = importText(derivedText, { lang: first.attrs.lang })
    const labelled = (d: Node) => [...nodesOf(d, 'provision'), ...nodesOf(d, 'item')]
    assert.equal(labelled(again.doc).length, labelled(first).length)
    for (const n of labelled(again.doc)) assert.equal(n.attrs.sourceLabel, null)
    // overrides (b)bis, 1bis) survive; nothing else differs from the derived labels
    const overrides = (d: Node) => labelled(d).map(n => n.attrs.labelOverride).filter(Boolean)
    assert.deepEqual(overrides(again.doc), overrides(first))
    const a = computeLabels(first), b = computeLabels(again.doc)
    assert.deepEqual(labelled(again.doc).map(n => b.byId.get(n.attrs.id)), labelled(first).map(n => a.byId.get(n.attrs.id)))
  })
}

const t = (s: string) => schema.text(s)

/** A document using every construct of the format (test data, not an ITU text). */
function everything(): Node {
  resetBuilderIds()
  const built = res({ lang: 'en', heading: 'DRAFT NEW RESOLUTION [XYZ-1]', number: '[XYZ-1]', title: 'Test resolution', history: '(Testville, 2024)', formula: 'The World Telecommunication Standardization Assembly (Testville, 2024),' },
    pre('considering',
      prov(['that a', fn('a footnote [with brackets]'), ' is here;']),
      prov('that b;', { sourceLabel: 'cb)' }),
      prov('that b bis;', { labelOverride: 'b)bis' }),
      prov('that c,', item('dash', 'a dash item', item('bullet', 'a bullet')))),
    pre('other', { heading: 'having heard the views of the membership' }, prov('that x,')),
    op('resolves',
      prov('to do one thing;', item('letter', 'first', item('roman', 'one'), item('roman', 'two', item('dash', 'deep'))), item('letter', 'second'), note('NOTE – a note in a provision.')),
      prov('to do another;', prov('sub one;', prov('sub sub;')), prov('sub two;', p('a continuation paragraph'))),
      prov('renumbered', { sourceLabel: '34' })),
    op('instructs-director', { heading: 'recalling' }, prov('misleading heading kept by the escape')),
    part('General', prov('in part one'), prov('again', prov('nested in part'))),
    part('Inserted', { labelOverride: '1bis' }, prov('in part 1bis')))
  const header = schema.nodes.proposalHeader!.create(null, [
    schema.nodes.coverParagraph!.create({ role: 'origin' }, t('Original: English')),
    schema.nodes.coverParagraph!.create({ role: 'source' }, t('Test Administrations')),
    schema.nodes.coverParagraph!.create({ role: 'title' }, t('Proposed test resolution')),
    schema.nodes.coverParagraph!.create({ role: 'summary' }, t('Summary:')),
    schema.nodes.coverParagraph!.create({ role: 'abstract' }, t('an abstract after the summary heading needs the escape')),
    schema.nodes.coverParagraph!.create({ role: 'body' }, t('# not a provenance line')),
    schema.nodes.coverParagraph!.create({ role: 'body' }, t('RESOLUTION 9 (cover text that looks like a heading)'))
  ])
  const marker = schema.nodes.proposalMarker!.create({ action: 'ADD', proposalId: 'TST/1A1/1' })
  const reasons = schema.nodes.reasons!.create(null, t('Reasons: to test the format.'))
  const annex = schema.nodes.annex!.create({ id: 'x1' }, [
    schema.nodes.annexHeading!.create(null, t('ANNEX A (to Draft new Resolution [XYZ-1])')),
    schema.nodes.annexTitle!.create(null, t('Test annex')),
    p('annex paragraph'),
    prov('annex provision', prov('annex sub')),
    part('Annex part', prov('in the annex part'))
  ])
  const children: Node[] = [header, marker]
  built.forEach(c => {
    children.push(c)
    // a body-level note can only stand before the first section (after one it would belong to its last provision)
    if (c.type.name === 'assemblyFormula') children.push(note('NOTE – a note before the sections.'))
  })
  return schema.nodes.resolution!.create({ lang: 'en' }, [...children, reasons, annex])
}

test('a document using every construct round-trips', () => {
  const doc = everything()
  checkResolution(doc)
  const text = serialiseText(doc)
  const back = importText(text)
  assert.deepEqual(stripIds(back.doc), stripIds(doc), text)
  assert.ok(text.includes('[preambular:other]having heard'), 'unknown heading written with its kind')
  assert.ok(text.includes('[operative:instructs-director]recalling'), 'misleading heading written with its kind')
  assert.ok(!text.includes('[preambular:considering]') && !text.includes('[operative:resolves]'), 'recognised headings need no escape')
  assert.ok(text.includes('[cover:abstract]') && text.includes('[cover:body]# not') && text.includes('[cover:body]RESOLUTION 9'))
  assert.ok(!text.includes('[cover:origin]') && !text.includes('[cover:source]'), 'roles read from the text need no escape')
  assert.ok(text.includes('[footnoteRef:1][1: a footnote [with brackets]] is here;'), 'footnote written after its reference')
})

test('labels: source writes sourceLabel, derived the labels the document shows', () => {
  const doc = everything()
  const source = serialiseText(doc).split('\n')
  const derived = serialiseText(doc, { labels: 'derived' }).split('\n')
  assert.ok(source.includes('cb)\tthat b;') && derived.includes('b)\tthat b;'))
  assert.ok(source.includes('34\trenumbered') && derived.includes('3\trenumbered'))
  assert.ok(source.includes('b)bis\tthat b bis;') && derived.includes('b)bis\tthat b bis;'), 'an override is the label shown')
  assert.ok(derived.includes('SECTION 1bis') && derived.includes('1bis.1\tin part 1bis'))
  assert.ok(derived.includes('1.1\tin the annex part'), 'parts in annexes are numbered')
})
