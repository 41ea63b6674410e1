import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { Transform } from 'prosemirror-transform'
import type { Node } from 'prosemirror-model'
import {
  addOption, addProvisionOption, agreeOption, agreeProvisionOption, bracketProvision, bracketRange, dropOption,
  amongSources, dropProvisionOption, findBrackets, formatSources, ownsOption, parseSources, sourceDelegation
} from './brackets.js'
import { brk, fn, item, op, opt, pre, prov, res, txt } from './builders.js'
import { findProblems } from './check.js'
import { computeLabels } from './numbering.js'
import { resolutionSchema as schema } from './schema.js'

/** The position just inside the text of the first text block containing `text`, at `text`'s start. */
function textPos(doc: Node, text: string): number {
  let found = -1
  doc.descendants((n, pos) => {
    if (found >= 0) return false
    if (n.isText && n.text!.includes(text)) found = pos + n.text!.indexOf(text)
    return true
  })
  assert.ok(found >= 0, `"${text}" in the document`)
  return found
}
const posOfId = (doc: Node, id: string) => {
  let found = -1
  doc.descendants((n, pos) => { if (n.attrs.id === id && n.type.name !== 'bracket') found = pos; return found < 0 })
  return found
}
let counter = 0
const freshId = () => `fresh${++counter}`

test('sources: parsed from and written as "APT, ARB"', () => {
  assert.deepEqual(parseSources('APT, ARB'), ['APT', 'ARB'])
  assert.deepEqual(parseSources(' APT ,ARB,, '), ['APT', 'ARB'])
  assert.deepEqual(parseSources(''), [])
  assert.deepEqual(parseSources(null), [])
  assert.equal(formatSources(['APT', 'ARB']), 'APT, ARB')
  assert.equal(formatSources([]), '')
  assert.deepEqual(parseSources(formatSources(['EUR', 'RCC', 'IAP'])), ['EUR', 'RCC', 'IAP'])
})

const english = () => res({ lang: 'en', heading: 'RESOLUTION 50', title: 'Cybersecurity' },
  op('resolves', { id: 's1' }, prov('to take measures to protect networks', { id: 'r1' }), prov('to report annually', { id: 'r2' })))

test('inline: bracket a selection, add, drop and agree on options', () => {
  const doc = english()
  const from = textPos(doc, 'take measures')
  let tr = new Transform(doc)
  assert.equal(bracketRange(tr, from, from + 'take measures'.length, ['APT', 'ARB'], 'k1'), true)
  let [b] = findBrackets(tr.doc)
  assert.equal(b!.kind, 'inline')
  assert.equal(b!.id, 'k1')
  assert.deepEqual(b!.options.map(o => [o.text, o.sources]), [['take measures', ['APT', 'ARB']]])
  assert.equal(tr.doc.textContent.includes('to take measures to protect'), true, 'the text stays, now in the bracket')
  assert.equal(addOption(tr, b!.pos, 'take all measures', 'EUR'), true)
  assert.equal(addOption(tr, b!.pos, '', ['RCC']), true, 'an empty option (leave the phrase out)')
  ;[b] = findBrackets(tr.doc)
  assert.deepEqual(b!.options.map(o => [o.text, o.sources.join('+')]), [['take measures', 'APT+ARB'], ['take all measures', 'EUR'], ['', 'RCC']])
  assert.deepEqual(findProblems(tr.doc), [])
  // agree on EUR's option
  const agreed = new Transform(tr.doc)
  assert.equal(agreeOption(agreed, b!.pos, 1), true)
  assert.equal(findBrackets(agreed.doc).length, 0)
  assert.equal(agreed.doc.child(2).child(1).textContent, 'to take all measures to protect networks')
  // drop options one by one: the last one dropped takes the bracket and its text
  tr = new Transform(tr.doc)
  assert.equal(dropOption(tr, b!.pos, 2), true)
  assert.equal(dropOption(tr, b!.pos, 0), true)
  ;[b] = findBrackets(tr.doc)
  assert.deepEqual(b!.options.map(o => o.text), ['take all measures'])
  assert.equal(dropOption(tr, b!.pos, 0), true)
  assert.equal(findBrackets(tr.doc).length, 0)
  assert.equal(tr.doc.child(2).child(1).textContent, 'to  to protect networks')
})

test('inline: operations that do not apply return false and change nothing', () => {
  const doc = english()
  const tr = new Transform(doc)
  const a = textPos(doc, 'take measures')
  const b = textPos(doc, 'report')
  assert.equal(bracketRange(tr, a, a, 'APT'), false, 'empty selection')
  assert.equal(bracketRange(tr, a, b, 'APT'), false, 'across two provisions')
  assert.equal(addOption(tr, a, 'x', 'APT'), false, 'no bracket there')
  assert.equal(dropOption(tr, a, 0), false)
  assert.equal(agreeOption(tr, a, 0), false)
  assert.equal(tr.steps.length, 0)
  const withBracket = new Transform(english())
  const at = textPos(withBracket.doc, 'take')
  bracketRange(withBracket, at, at + 4, 'APT')
  const [k] = findBrackets(withBracket.doc)
  const before = withBracket.steps.length
  assert.equal(dropOption(withBracket, k!.pos, 1), false, 'index out of range')
  assert.equal(agreeOption(withBracket, k!.pos, -1), false)
  assert.equal(withBracket.steps.length, before)
})

test('inline: formatting kept through bracket and agree; a selection holding a footnote is refused', () => {
  const doc = res({ lang: 'en' }, op('resolves', prov(['to take ', txt('all', schema.marks.em!.create()), ' measures'], { id: 'r1' })))
  const tr = new Transform(doc)
  const from = textPos(doc, 'take')
  const to = textPos(doc, 'measures') + 'measures'.length
  assert.equal(bracketRange(tr, from, to, 'APT'), true)
  const [b] = findBrackets(tr.doc)
  assert.equal(addOption(tr, b!.pos, [txt('adopt', schema.marks.strong!.create())], 'ARB'), true)
  assert.equal(agreeOption(tr, b!.pos, 0), true)
  let em = false
  tr.doc.descendants(n => { if (n.isText && n.text === 'all' && n.marks.some(m => m.type.name === 'em')) em = true; return true })
  assert.ok(em, 'the emphasis of the agreed text is kept')
  assert.equal(tr.doc.textContent.endsWith('to take all measures'), true)
  const withNote = res({ lang: 'en' }, op('resolves', prov(['to take', fn('a note', 'f1'), ' measures'], { id: 'r1' })))
  const t2 = new Transform(withNote)
  const a = textPos(withNote, 'take')
  assert.equal(bracketRange(t2, a, textPos(withNote, 'measures'), 'APT'), false, 'a footnote cannot go into an option')
})

test('inline, Arabic: bracket and agree keep the words exactly', () => {
  const doc = res({ lang: 'ar', heading: 'القرار 50', title: 'الأمن السيبراني' },
    op('resolves', { lang: 'ar' }, prov('أن يواصل قطاع تقييس الاتصالات إيلاء أولوية عالية لهذا العمل', { id: 'r1' })))
  const tr = new Transform(doc)
  const phrase = 'أولوية عالية'
  const from = textPos(doc, phrase)
  assert.equal(bracketRange(tr, from, from + phrase.length, ['APT'], 'k'), true)
  const [b] = findBrackets(tr.doc)
  assert.equal(addOption(tr, b!.pos, 'أولوية قصوى', ['ARB', 'AFCP']), true)
  const found = findBrackets(tr.doc)[0]!
  assert.deepEqual(found.options.map(o => o.text), [phrase, 'أولوية قصوى'])
  assert.deepEqual(found.options[1]!.sources, ['ARB', 'AFCP'])
  assert.equal(agreeOption(tr, b!.pos, 1), true)
  assert.equal(tr.doc.textContent.includes('إيلاء أولوية قصوى لهذا العمل'), true)
})

const provisions = () => res({ lang: 'en' },
  pre('considering', { id: 's0' }, prov('first', { id: 'c1' }), prov('second', { id: 'c2' }, item('letter', 'an item', { id: 'i1' })), prov('third', { id: 'c3' })))

test('provision-level: bracket, add alternatives sharing one label, drop, agree', () => {
  const doc = provisions()
  const tr = new Transform(doc)
  assert.equal(bracketProvision(tr, posOfId(tr.doc, 'c2'), ['APT'], 'B1'), true)
  assert.equal(bracketProvision(tr, posOfId(tr.doc, 'c2'), ['APT'], 'B2'), false, 'already bracketed')
  assert.equal(addProvisionOption(tr, posOfId(tr.doc, 'c2'), ['ARB'], freshId), true)
  assert.equal(addProvisionOption(tr, posOfId(tr.doc, 'c2'), 'EUR', freshId), true)
  assert.deepEqual(findProblems(tr.doc), [], 'fresh ids for the copies and their items')
  const [b] = findBrackets(tr.doc)
  assert.equal(b!.kind, 'provision')
  assert.equal(b!.id, 'B1')
  assert.deepEqual(b!.options.map(o => o.sources.join()), ['APT', 'ARB', 'EUR'])
  assert.equal(b!.positions.length, 3)
  // order: the original, then the copies in the order added (each after the last alternative)
  const section = tr.doc.child(2)
  const ids = [] as string[]
  section.forEach(c => { if (c.type.name === 'provision') ids.push(c.attrs.id) })
  assert.equal(ids[0], 'c1')
  assert.equal(ids[1], 'c2')
  assert.equal(ids[4], 'c3')
  const labels = computeLabels(tr.doc).byId
  assert.deepEqual(ids.map(id => labels.get(id)), ['a)', 'b)', 'b)', 'b)', 'c)'], 'alternatives share b); c) is not pushed on')
  // drop the APT original, agree on EUR's
  assert.equal(dropProvisionOption(tr, posOfId(tr.doc, 'c2')), true)
  const eur = findBrackets(tr.doc)[0]!.options.find(o => o.sources[0] === 'EUR')!
  assert.equal(agreeProvisionOption(tr, eur.pos), true)
  assert.equal(findBrackets(tr.doc).length, 0)
  const left = [] as Node[]
  tr.doc.child(2).forEach(c => { if (c.type.name === 'provision') left.push(c) })
  assert.deepEqual(left.map(n => n.textContent), ['first', 'secondan item', 'third'])
  assert.equal(left[1]!.attrs.bracket, null)
  assert.equal(left[1]!.attrs.sources, null)
  assert.deepEqual(findProblems(tr.doc), [])
})

test('provision-level: the last alternative dropped removes the provision; not applicable operations return false', () => {
  const tr = new Transform(provisions())
  assert.equal(dropProvisionOption(tr, posOfId(tr.doc, 'c1')), false, 'not bracketed')
  assert.equal(agreeProvisionOption(tr, posOfId(tr.doc, 'c1')), false)
  assert.equal(addProvisionOption(tr, posOfId(tr.doc, 'c1'), 'APT'), false)
  assert.equal(bracketProvision(tr, 0, 'APT'), false, 'not a provision')
  assert.equal(tr.steps.length, 0)
  bracketProvision(tr, posOfId(tr.doc, 'c3'), '', 'B')
  assert.deepEqual(findProblems(tr.doc), [], 'an alternative with no sponsor (the base text) is valid')
  assert.equal(dropProvisionOption(tr, posOfId(tr.doc, 'c3')), true)
  assert.equal(posOfId(tr.doc, 'c3'), -1)
})

test('provision-level items and two brackets side by side keep their own labels', () => {
  const doc = res({ lang: 'ar' }, op('resolves',
    prov('أولاً', { id: 'p1', bracket: 'X', sources: 'APT' }), prov('أولاً بديل', { id: 'p2', bracket: 'X', sources: 'ARB' }),
    prov('ثانياً', { id: 'p3', bracket: 'Y', sources: 'AFCP' }),
    prov('ثالثاً', { id: 'p4' }, item('letter', 'أ', { id: 'i1', bracket: 'Z', sources: 'APT' }), item('letter', 'ب', { id: 'i2', bracket: 'Z', sources: 'ARB' }), item('letter', 'ج', { id: 'i3' }))))
  const labels = computeLabels(doc).byId
  assert.deepEqual(['p1', 'p2', 'p3', 'p4', 'i1', 'i2', 'i3'].map(id => labels.get(id)), ['1', '1', '2', '3', 'أ )', 'أ )', 'ب)'])
  assert.deepEqual(findBrackets(doc).map(b => [b.id, b.options.length]), [['X', 2], ['Y', 1], ['Z', 2]])
})

test('check: option sources a valid list or empty; bracket and sources both set or both null', () => {
  const good = res({ lang: 'en' }, op('resolves', prov(['to ', brk(opt('a', 'APT, ARB'), opt('b', '')), ' do'], { id: 'r1', bracket: 'B', sources: '' })))
  assert.deepEqual(findProblems(good), [])
  const bad = res({ lang: 'en' }, op('resolves',
    prov(['to ', brk(opt('a', 'APT, APT'), opt('b', 'EUR,')), ' do'], { id: 'r1' }),
    prov('x', { id: 'r2', bracket: 'B', sources: null }), prov('y', { id: 'r3', bracket: null, sources: 'APT' }),
    prov('z', { id: 'r4', bracket: 'C', sources: ', ARB' })))
  const problems = findProblems(bad)
  assert.ok(problems.some(p => p.includes('"APT" twice')), problems.join('\n'))
  assert.ok(problems.some(p => p.includes('empty name')), problems.join('\n'))
  assert.equal(problems.filter(p => p.includes('both set or both null')).length, 2, problems.join('\n'))
  assert.ok(problems.some(p => p.includes('provision') && p.includes('empty name')), problems.join('\n'))
})

test('findBrackets: document order, inline brackets inside an alternative after it', () => {
  const doc = res({ lang: 'en' }, op('resolves',
    prov(['one ', brk(opt('a', 'APT'), { id: 'k1' })], { id: 'r1' }),
    prov(['two ', brk(opt('b', 'ARB'), { id: 'k2' })], { id: 'r2', bracket: 'B', sources: 'ARB' }),
    prov('two bis', { id: 'r3', bracket: 'B', sources: 'EUR' })))
  assert.deepEqual(findBrackets(doc).map(b => `${b.kind}:${b.id}`), ['inline:k1', 'provision:B', 'inline:k2'])
})

test('agreeing on a later alternative gives it the first one\'s place and ids (its items too)', () => {
  const doc = res({ lang: 'en' }, op('resolves', { id: 's1' },
    prov('base wording', { id: 'base', bracket: 'B', sources: 'APT' }, item('letter', 'x', { id: 'bi' })),
    prov('other wording', { id: 'copy', bracket: 'B', sources: 'ARB' }, item('letter', 'y', { id: 'ci' }), item('letter', 'z', { id: 'cj' }))))
  const tr = new Transform(doc)
  assert.equal(agreeProvisionOption(tr, posOfId(doc, 'copy')), true)
  assert.deepEqual(findProblems(tr.doc), [])
  const kept = tr.doc.child(2).child(1)
  assert.equal(kept.textContent, 'other wordingyz')
  assert.deepEqual([kept.attrs.id, kept.child(1).attrs.id, kept.child(2).attrs.id], ['base', 'bi', 'cj'])
})

test('dropping the first alternative passes its place and ids to the next', () => {
  const doc = res({ lang: 'en' }, op('resolves', { id: 's1' },
    prov('base wording', { id: 'base', bracket: 'B', sources: 'APT' }, item('letter', 'x', { id: 'bi' })),
    prov('other wording', { id: 'copy', bracket: 'B', sources: 'ARB' }, item('letter', 'y', { id: 'ci' })),
    prov('third wording', { id: 'third', bracket: 'B', sources: 'EUR' })))
  const tr = new Transform(doc)
  assert.equal(dropProvisionOption(tr, posOfId(doc, 'base')), true)
  assert.deepEqual(findProblems(tr.doc), [])
  const [b] = findBrackets(tr.doc)
  assert.deepEqual(b!.options.map(o => [o.text, tr.doc.nodeAt(o.pos)!.attrs.id]), [['other wordingy', 'base'], ['third wording', 'third']])
  assert.equal(tr.doc.nodeAt(b!.options[0]!.pos)!.child(1).attrs.id, 'bi')
  assert.equal(dropProvisionOption(tr, b!.options[1]!.pos), true, 'dropping a later one changes no id')
  assert.equal(tr.doc.nodeAt(findBrackets(tr.doc)[0]!.pos)!.attrs.id, 'base')
})

test('a source name stands for its delegation: itself, a proposal number of it, or a name made unique', () => {
  assert.equal(sourceDelegation('APT'), 'APT')
  assert.equal(sourceDelegation(' APT/44A13/1 '), 'APT')
  assert.equal(sourceDelegation('SEN/56/1'), 'SEN')
  assert.equal(sourceDelegation('APT (2)'), 'APT')
  assert.equal(sourceDelegation('Secretariat'), 'Secretariat')
  assert.equal(sourceDelegation('United States (3)'), 'United States')
  assert.ok(ownsOption('APT/44A13/1, APT (2)', 'APT'))
  assert.ok(!ownsOption('APT/44A13/1, ARB', 'APT'))
  assert.ok(!ownsOption('', 'APT'))
  assert.ok(amongSources('APT/44A13/1, ARB', 'ARB') && amongSources('APT/44A13/1, ARB', 'APT') && !amongSources('APT/44A13/1, ARB', 'EUR'))
})
