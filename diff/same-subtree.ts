/**
 * Recognising subtrees equal in both versions, so that an unchanged
 * provision is built without any alignment or diff work. Equality is
 * ProseMirror's `eq` (exact: type, attributes, marks, text, children), and
 * a pair found equal is remembered (nodes are immutable), so comparing the
 * same text in force with draft after draft, or the same pair again, does
 * not walk the unchanged provisions again (nor a section that differs,
 * which alignment and building both ask about).
 */
import type { Node } from 'prosemirror-model'

/** For each node, the last node found equal to it, and the last found different. */
const confirmed = new WeakMap<Node, Node>()
const refuted = new WeakMap<Node, Node>()

/** `a.eq(b)`, answered at once for a pair compared before (a section that differs is asked about more than once). */
export function sameSubtree(a: Node, b: Node): boolean {
  if (a === b || confirmed.get(a) === b) return true
  if (refuted.get(a) === b) return false
  if (!a.eq(b)) { refuted.set(a, b); return false }
  confirmed.set(a, b)
  return true
}

const texts = new WeakMap<Node, string>()

/** `node.textContent`, remembered per node. */
export function textOf(node: Node): string {
  let t = texts.get(node)
  if (t === undefined) texts.set(node, t = node.textContent)
  return t
}
