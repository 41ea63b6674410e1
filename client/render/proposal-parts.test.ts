import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { compare } from '../../diff/index.js'
import { op, prov, res, resetBuilderIds, resolutionSchema as schema } from '../../schema/index.js'
import { isNewSideOnly, settleProposalParts } from './proposal-parts.js'

function withCover(doc: Node, cover: string): Node {
  const kids: Node[] = [schema.nodes.proposalHeader!.create(null, schema.nodes.coverParagraph!.create({ role: 'title' }, schema.text(cover)))]
  doc.forEach(c => kids.push(c))
  return schema.nodes.resolution!.create(doc.attrs, kids)
}
const resolution = () => { resetBuilderIds(); return res({ lang: 'en', title: 'Cybersecurity' }, op('resolves', prov('to act', { id: 'p1' }), { id: 's1' })) }
const marked = (n: Node, name: string) => { let found = false; n.descendants(c => { if (c.marks.some(m => m.type.name === name)) found = true; return !found }); return found }

test('a cover on the new side only is shown unmarked (a proposal against the text in force)', () => {
  const { doc } = compare(resolution(), withCover(resolution(), 'PROPOSED MODIFICATION'))
  assert.ok(marked(doc.child(0), 'insertion'), 'the engine marks it inserted')
  const settled = settleProposalParts(doc)
  assert.equal(settled.child(0).type.name, 'proposalHeader')
  assert.equal(settled.child(0).textContent, 'PROPOSED MODIFICATION')
  assert.equal(marked(settled.child(0), 'insertion'), false)
  assert.ok(isNewSideOnly(settled.child(0)))
  assert.equal(isNewSideOnly(settled.child(1)), false)
})

test('a cover on the old side only is left out; one on both sides keeps its marks', () => {
  const gone = settleProposalParts(compare(withCover(resolution(), 'OLD COVER'), resolution()).doc)
  assert.equal(gone.child(0).type.name, 'resolutionHeading')
  const both = compare(withCover(resolution(), 'PROPOSED MODIFICATION'), withCover(resolution(), 'PROPOSED NEW MODIFICATION')).doc
  assert.equal(settleProposalParts(both), both)
  assert.ok(marked(both.child(0), 'insertion'))
})

test('a MOD line on the new side only stands on the new side, unmarked; one on the old side only is left out', () => {
  const withMarker = (doc: Node) => { const kids: Node[] = [schema.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/44A13/1' })]; doc.forEach(c => kids.push(c)); return schema.nodes.resolution!.create(doc.attrs, kids) }
  const added = settleProposalParts(compare(resolution(), withMarker(resolution())).doc)
  assert.equal(added.child(0).type.name, 'proposalMarker')
  assert.ok(isNewSideOnly(added.child(0)))
  assert.equal(added.child(0).attrs.revision, null)
  const gone = settleProposalParts(compare(withMarker(resolution()), resolution()).doc)
  assert.equal(gone.child(0).type.name, 'resolutionHeading')
})
