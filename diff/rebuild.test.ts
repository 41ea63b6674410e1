/**
 * Nodes rebuilt without ProseMirror's attribute check are the nodes
 * `NodeType.create` makes: equal, valid, with the same attributes in the same order.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { IDENTIFIED_NODES } from '../schema/nodes.js'
import { withAttributes, withContent, withRevision } from './rebuild.js'
import { buildModel, prng, randomModel } from './test-documents.js'

test('withAttributes, withRevision and withContent give what NodeType.create gives, for every block of random documents', () => {
  const revision = { status: 'unchanged', oldLabel: 'a)', newLabel: 'b)', moveId: null, action: 'MOD', oldAttrs: null, newAttrs: null }
  let checked = 0
  for (let seed = 1; seed <= 5; seed++) {
    const doc = buildModel(randomModel(prng(seed), 30))
    doc.descendants((node: Node) => {
      if (node.isInline) return false
      const kids: Node[] = []
      node.forEach(c => kids.push(c))
      const same = withContent(node, kids)
      assert.ok(same.eq(node.type.create(node.attrs, kids, node.marks)) && same !== node)
      if (IDENTIFIED_NODES.has(node.type.name)) {
        const made = withAttributes(node, { revision, id: `${node.attrs.id as string}~del` })
        const expected = node.type.create({ ...node.attrs, revision, id: `${node.attrs.id as string}~del` }, node.content, node.marks)
        assert.ok(made.eq(expected), node.type.name)
        assert.deepEqual(Object.keys(made.attrs), Object.keys(expected.attrs))
        made.check()
        const recorded = withRevision(node, revision, kids)
        const expectedRecord = node.type.create({ ...node.attrs, revision }, kids, node.marks)
        assert.ok(recorded.eq(expectedRecord), node.type.name)
        assert.deepEqual(Object.keys(recorded.attrs), Object.keys(expectedRecord.attrs))
        recorded.check()
        checked++
      }
      return true
    })
  }
  assert.ok(checked > 100)
})
