/** Blocks the random generator does not produce: cover, marker, parts, notes, paragraphs, reasons, annexes. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { findProblems } from '../schema/check.js'
import { note, op, p, part, pre, prov, res, resetBuilderIds } from '../schema/builders.js'
import { resolutionSchema as schema } from '../schema/schema.js'
import { compare } from './compare.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { renderFlat } from './render-flat.js'
import { renderText } from './render-text.js'

const n = schema.nodes
const text = (s: string) => (s ? [schema.text(s)] : [])

function doc(v: { cover?: string[]; reasons?: string; annex?: string[]; noteText?: string; partTitle?: string; extraPara?: string; formula?: string }): Node {
  resetBuilderIds()
  const base = res({ heading: 'RESOLUTION 1 (Rev. Dubai, 2012)', title: 'Rules of procedure', formula: v.formula },
    pre('considering', prov('that the Assembly works', p('a continuation paragraph'), note(v.noteText ?? 'a note inside'), { id: 'c1' }), ...(v.extraPara ? [p(v.extraPara)] : [])),
    op('resolves', prov('to adopt the rules', { id: 'r1' }), note('NOTE on the section')),
    part(v.partTitle ?? 'General rules', prov('first rule of the part', { id: 'x1' }), prov('second rule', { id: 'x2' }), { id: 'part1' }))
  const kids: Node[] = []
  if (v.cover) kids.push(n.proposalHeader!.create(null, v.cover.map((c, i) => n.coverParagraph!.create({ role: i === 0 ? 'origin' : 'body' }, text(c)))))
  kids.push(n.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/44A13/1' }))
  base.forEach(c => kids.push(c))
  if (v.reasons) kids.push(n.reasons!.create(null, text(v.reasons)))
  for (const [i, a] of (v.annex ?? []).entries()) {
    kids.push(n.annex!.create({ id: `annex${i}` }, [n.annexHeading!.create(null, text(`ANNEX ${i + 1}`)), n.annexTitle!.create(null, text(a)), prov(`annex provision ${a}`, { id: `ap${i}` })]))
  }
  const d = n.resolution!.create({ lang: 'en' }, kids)
  assert.deepEqual(findProblems(d), [])
  return d
}

const variants = [
  doc({}),
  doc({ cover: ['Original: English', 'A proposal to modify Resolution 1'], reasons: 'To update the rules.', annex: ['Working methods'] }),
  doc({ cover: ['Original: English', 'A proposal to amend Resolution 1 now'], reasons: 'To update the rules of 2016.', annex: ['Working methods', 'Another annex'], noteText: 'a changed note', partTitle: 'General provisions', extraPara: 'a section paragraph', formula: 'The World Telecommunication Standardization Assembly (Hammamet, 2016),' }),
  doc({ annex: ['Working methods revised'], extraPara: 'another section paragraph', formula: 'The World Telecommunication Standardization Assembly (Dubai, 2012),' })
]

test('every pair of structural variants round-trips through compare, acceptAll and rejectAll', () => {
  for (const [i, a] of variants.entries()) {
    for (const [j, b] of variants.entries()) {
      const { doc: rev } = compare(a, b)
      assert.deepEqual(findProblems(rev), [], `${i}→${j}`)
      assert.ok(acceptAll(rev).eq(b), `${i}→${j}: acceptAll`)
      assert.ok(rejectAll(rev).eq(a), `${i}→${j}: rejectAll`)
      assert.ok(renderText(rev).length > 0 && renderFlat(rev).length > 0)
    }
  }
})

test('reasons, notes and part titles are diffed word by word', () => {
  const text = renderText(compare(variants[1]!, variants[2]!).doc)
  assert.match(text, /Reasons: To update the rules\{\+ of 2016\+\}\./)
  assert.match(text, /NOTE – a\[- note inside-\]\{\+ changed note\+\}/)
  assert.match(text, /General\[- rules-\]\{\+ provisions\+\}/)
  assert.match(text, /^ADD\t\{\+a section paragraph\+\}$/m)
})

test('a note or reasons paragraph that already opens with its word is not prefixed again', () => {
  resetBuilderIds()
  const make = (t: string) => n.resolution!.create({ lang: 'en' }, [
    n.resolutionHeading!.create(null, text('RESOLUTION 1')), n.resolutionTitle!.create(null, text('T')),
    op('resolves', prov('to act', { id: 'q' }), note(`NOTE – ${t}`)), n.reasons!.create(null, text(`Reasons: ${t}`))])
  const flat = renderFlat(compare(make('old words'), make('new words')).doc).split('\n')
  assert.ok(flat.includes('NOTE – old new words'), flat.join('\n'))
  assert.ok(flat.includes('Reasons: old new words'), 'the deleted and the inserted word each keep their space')
})
