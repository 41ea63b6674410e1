import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { Transform } from 'prosemirror-transform'
import { op, pre, prov, res, txt } from './builders.js'
import { computeLabels } from './numbering.js'
import { fixReferences, linkReferences, referenceFixes, referenceSpans, referenceTargets, referenceWords, sameReferenceText } from './references.js'
import { resolutionSchema as schema } from './schema.js'
import { importText } from './text/index.js'

const ref = (target: string, full = true) => schema.marks.reference!.create({ target, form: full ? 'full' : 'label' })
const fixture = (name: string) => importText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))).doc

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
  const posOf = (d: typeof doc, id: string) => { let at = -1; d.descendants((n, pos) => { if (at < 0 && n.attrs.id === id) at = pos; return at < 0 }); return at }
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
