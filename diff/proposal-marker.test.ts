import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { compare } from './compare.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { revisionOf } from '../schema/revision.js'
import { op, prov, res, resetBuilderIds, resolutionSchema as schema } from '../schema/index.js'

const resolution = () => { resetBuilderIds(); return res({ lang: 'en', title: 'Cybersecurity' }, op('resolves', prov('to act', { id: 'p1' }), { id: 's1' })) }
/** The resolution with a proposal's `ACTION ID` line before it. */
function proposal(action: string, proposalId: string): Node {
  const kids: Node[] = [schema.nodes.proposalMarker!.create({ action, proposalId })]
  resolution().forEach(c => kids.push(c))
  return schema.nodes.resolution!.create({ lang: 'en' }, kids)
}
const markerOf = (doc: Node) => doc.firstChild?.type.name === 'proposalMarker' ? doc.firstChild : null

test('a proposal line on one side only, or changed, is recorded: accepting gives the new version, rejecting the old', () => {
  const pairs: [string, Node, Node, string][] = [
    ['new side only', resolution(), proposal('MOD', 'APT/44A13/1'), 'added'],
    ['old side only', proposal('MOD', 'APT/44A13/1'), resolution(), 'suppressed'],
    ['changed', proposal('MOD', 'APT/44A13/1'), proposal('ADD', 'APT/44A13/2'), 'modified'],
    ['the same', proposal('MOD', 'APT/44A13/1'), proposal('MOD', 'APT/44A13/1'), 'unchanged']
  ]
  for (const [what, a, b, status] of pairs) {
    const { doc } = compare(a, b)
    assert.equal(revisionOf(markerOf(doc)!)?.status, status, what)
    assert.ok(acceptAll(doc).eq(b), `${what}: accept all`)
    assert.ok(rejectAll(doc).eq(a), `${what}: reject all`)
  }
})
