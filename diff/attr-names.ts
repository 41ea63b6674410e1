/**
 * The attribute names of a node type, as an array made once per type.
 * ProseMirror keeps each node's attributes in an object without a
 * prototype, which V8 holds as a dictionary: enumerating one (`for ... in`)
 * costs more than looking up its few keys by name, and the diff engine
 * reads the attributes of every node of two documents (equality, attribute
 * differences, copies with a revision record). Nodes of one type have the
 * same keys: the type's.
 */
import type { NodeType } from 'prosemirror-model'

const names = new Map<NodeType, readonly string[]>()

/** The names of `type`'s attributes, in the order of its spec (the order of every node's attributes). */
export function attrNames(type: NodeType): readonly string[] {
  let known = names.get(type)
  if (!known) names.set(type, known = Object.keys(type.spec.attrs ?? {}))
  return known
}
