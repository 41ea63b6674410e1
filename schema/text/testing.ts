/**
 * Helpers for the tests of the plain-text importer and serialiser (not
 * exported from index.ts). Documents are compared by structure: `toJSON()`
 * with every `id` blanked, since each import mints fresh ids (a reference's
 * `target` becomes the position of its target among the identified nodes).
 */
import type { Node } from 'prosemirror-model'

/** A JSON value of a document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The document's JSON with every `id` attribute set to "" and reference targets numbered by position. */
export function stripIds(doc: Node): Json {
  const order = new Map<string, string>()
  doc.descendants(n => { if (typeof n.attrs.id === 'string' && n.attrs.id) order.set(n.attrs.id, `#${order.size}`); return true })
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'id' ? '' : k === 'target' && typeof x === 'string' ? order.get(x) ?? x : walk(x)]))
    return v
  }
  return walk(doc.toJSON() as Json)
}

/** Every node of a type, in document order. */
export function nodesOf(doc: Node, type: string): Node[] {
  const out: Node[] = []
  doc.descendants(n => { if (n.type.name === type) out.push(n); return true })
  return out
}

/** Text of a textblock with each footnote written `[footnoteRef:*]`. */
export function textWithFootnoteMarks(block: Node): string {
  let out = ''
  block.forEach(c => { out += c.type.name === 'footnote' ? '[footnoteRef:*]' : c.text ?? '' })
  return out
}
