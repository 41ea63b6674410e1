import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Slice, type Node } from 'prosemirror-model'
import { op, pre, prov, res, resetBuilderIds, resolutionSchema as schema } from '../../schema/index.js'
import { amendmentDecorations } from './amendment.js'
import { liveComparer } from './diff-engine.js'

function base(): Node {
  resetBuilderIds()
  return res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' },
    pre('considering', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}

/** The base as a proposal: a cover and a MOD line in front, reasons after, and one provision changed. */
function proposal(): Node {
  const b = base()
  const kids: Node[] = [
    schema.nodes.proposalHeader!.create(null, [
      schema.nodes.coverParagraph!.create({ role: 'origin' }, schema.text('Original: English')),
      schema.nodes.coverParagraph!.create({ role: 'title' }, schema.text('PROPOSED MODIFICATION OF RESOLUTION 50'))]),
    schema.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/44A13/1' })
  ]
  b.forEach(c => kids.push(c))
  kids.push(schema.nodes.reasons!.create(null, schema.text('Reasons: to keep up.')))
  const doc = schema.nodes.resolution!.create(b.attrs, kids)
  // "that two" -> "that two more"
  let at = -1
  doc.descendants((n, pos) => { if (n.isText && n.text === 'that two') at = pos + n.nodeSize; return at < 0 })
  return doc.replace(at, at, new Slice(schema.nodes.paragraph!.create(null, schema.text(' more')).content, 0, 0))
}

function insertedRanges(doc: Node): { from: number; to: number; text: string }[] {
  const { doc: revision } = liveComparer(base()).update(doc)
  const { decorations } = amendmentDecorations(revision, doc, new Map(), new Map())
  return decorations.find().filter(d => (d as unknown as { type: { attrs?: { class?: string } } }).type.attrs?.class?.includes('amend-ins'))
    .map(d => ({ from: d.from, to: d.to, text: doc.textBetween(d.from, d.to) }))
}

test('the amendment view marks the changed provision but not the proposal cover, marker or reasons', () => {
  const doc = proposal()
  const ranges = insertedRanges(doc)
  assert.deepEqual(ranges.map(r => r.text), [' more'])
})
