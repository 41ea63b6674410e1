/**
 * Recognising subtrees equal in both versions, so that an unchanged
 * provision is built without any alignment or diff work. Equality is
 * ProseMirror's `eq` (exact: type, attributes, marks, text, children),
 * answered sooner (`equalNodes`), and a pair found equal is remembered
 * (nodes are immutable), so comparing the same text in force with draft
 * after draft, or the same pair again, does not walk the unchanged
 * provisions again (nor a section that differs, which alignment and
 * building both ask about).
 */
import { Mark, type Node } from 'prosemirror-model'
import { NodeMemo } from './node-memo.js'
import { attrNames } from './attr-names.js'

/** For each node, the last node found equal to it, and the last found different. */
// a comparison asks once per pair (revision-builder.ts passes the answer on): kept only across comparisons
const confirmed = new NodeMemo<Node>(false)
const refuted = new NodeMemo<Node>(false)

/** `a.eq(b)`, answered at once for a pair compared before (a section that differs is asked about more than once). */
export function sameSubtree(a: Node, b: Node): boolean {
  if (a === b || confirmed.get(a) === b) return true
  if (refuted.get(a) === b) return false
  if (!equalNodes(a, b)) { refuted.set(a, b); return false }
  confirmed.set(a, b)
  return true
}

/**
 * The same answer as ProseMirror's `a.eq(b)`, sooner: two nodes of different
 * sizes differ at once (a provision with one word changed is not walked to
 * that word, at every level above it), and attributes are compared key by
 * key without checking key sets (nodes of one type have the same keys).
 */
export function equalNodes(a: Node, b: Node): boolean {
  if (a === b) return true
  if (a.type !== b.type || a.nodeSize !== b.nodeSize) return false
  if (a.isText) return a.text === b.text && Mark.sameSet(a.marks, b.marks)
  const n = a.childCount
  if (n !== b.childCount || !Mark.sameSet(a.marks, b.marks)) return false
  const x = a.attrs
  const y = b.attrs
  // (nodes of a type without attributes share one empty object)
  if (x !== y) for (const k of attrNames(a.type)) if (x[k] !== y[k] && !sameValue(x[k], y[k])) return false
  for (let i = 0; i < n; i++) if (!equalNodes(a.child(i), b.child(i))) return false
  return true
}

/** Deep equality of attribute values (JSON-like: arrays, plain objects, primitives), as ProseMirror compares them. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    if (a.length !== other.length) return false
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], other[i])) return false
    return true
  }
  const p = a as Record<string, unknown>
  const q = b as Record<string, unknown>
  for (const k in p) if (!(k in q) || !sameValue(p[k], q[k])) return false
  for (const k in q) if (!(k in p)) return false
  return true
}

const texts = new NodeMemo<string>()

/** `node.textContent`, remembered per node. */
export function textOf(node: Node): string {
  let t = texts.get(node)
  if (t === undefined) texts.set(node, t = node.textContent)
  return t
}
