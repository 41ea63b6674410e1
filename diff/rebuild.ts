/**
 * Revision nodes rebuilt from nodes already made: the same type and marks,
 * the node's own attributes (with a revision record, or another id, put in)
 * and new content.
 *
 * `NodeType.create` checks every attribute against its spec's `validate`,
 * on every node; on two documents compared for the first time that is a
 * quarter of the work, spent checking values ProseMirror checked when it
 * made the node they are copied from. These are made as ProseMirror's own
 * `Node.copy` and `Node.mark` make nodes, with the node constructor; what
 * is put in is a revision record (an object) or an id (a string), the types
 * the specs ask for. rebuild.test.ts checks that the result equals the one
 * `NodeType.create` gives, so that a change in ProseMirror shows there.
 */
import { Fragment, Node } from 'prosemirror-model'
import { attrNames } from './attr-names.js'

type NodeConstructor = new (type: Node['type'], attrs: Node['attrs'], content: Fragment, marks: Node['marks']) => Node
const MakeNode = Node as unknown as NodeConstructor

/** `node` with other content (its attributes as they are). */
export function withContent(node: Node, content: Fragment | readonly Node[]): Node {
  return new MakeNode(node.type, node.attrs, content instanceof Fragment ? content : Fragment.fromArray(content as Node[]), node.marks)
}

/**
 * `node` with `revision` as its revision record and other content (or its
 * own): `withAttributes(node, { revision }, content)` for the nodes of most
 * revision documents, with no object of changes made nor asked about each
 * attribute.
 */
export function withRevision(node: Node, revision: object, content: Fragment | readonly Node[] = node.content): Node {
  const attrs: Record<string, unknown> = {}
  const own = node.attrs
  const names = attrNames(node.type)
  for (let i = 0; i < names.length; i++) { const k = names[i]!; attrs[k] = k === 'revision' ? revision : own[k] }
  return new MakeNode(node.type, attrs, content instanceof Fragment ? content : Fragment.fromArray(content as Node[]), node.marks)
}

/** `node` with `changes` put into its attributes and other content (or its own). */
export function withAttributes(node: Node, changes: Readonly<Record<string, string | object | null>>, content: Fragment | readonly Node[] = node.content): Node {
  // a plain object, the keys in the node's order: one shape for every node of a type, where ProseMirror's own
  // prototype-less objects are each a dictionary (a revision document of fresh nodes allocates a third less)
  const attrs: Record<string, unknown> = {}
  const own = node.attrs
  for (const k of attrNames(node.type)) attrs[k] = k in changes ? changes[k] : own[k]
  return new MakeNode(node.type, attrs, content instanceof Fragment ? content : Fragment.fromArray(content as Node[]), node.marks)
}
