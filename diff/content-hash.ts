/**
 * Content hashes of subtrees, so that provisions equal in both versions are
 * recognised without diffing them. A node's hash covers its type, its
 * attributes (objects with their keys sorted, since ProseMirror's `eq` does
 * not care about key order), its marks, its text and its children's hashes;
 * it is remembered per node (nodes are immutable), so a text in force
 * compared again and again, or a draft that shares most of its nodes with
 * the previous keystroke's, is hashed once.
 *
 * Two 32-bit hashes (FNV-1a and a multiplicative variant) are folded into
 * one 53-bit number, usable as a Map key. Equal hashes are a strong hint,
 * not a proof: `sameSubtree` confirms them with an exact comparison, so a
 * collision (accidental or crafted) can never hide a change.
 */
import type { Mark, Node } from 'prosemirror-model'

const hashes = new WeakMap<Node, number>()

/** Tags beyond the UTF-16 range, so that no text can imitate a separator. */
const TAG = { type: 0x10001, attr: 0x10002, string: 0x10003, other: 0x10004, mark: 0x10005, text: 0x10006, child: 0x10007, end: 0x10008 }

class Hasher {
  a = 0x811c9dc5
  b = 0x2545f491
  unit(c: number): void {
    this.a = Math.imul(this.a ^ c, 0x01000193)
    this.b = Math.imul(this.b ^ c, 0x5bd1e995)
    this.b ^= this.b >>> 15
  }
  string(s: string): void {
    let a = this.a
    let b = this.b
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      a = Math.imul(a ^ c, 0x01000193)
      b = Math.imul(b ^ c, 0x5bd1e995)
      b ^= b >>> 15
    }
    this.a = a
    this.b = b
    this.unit(TAG.end)
  }
  value(v: unknown): void {
    if (typeof v === 'string') { this.unit(TAG.string); this.string(v) } else { this.unit(TAG.other); this.string(stableJson(v)) }
  }
  attrs(attrs: Readonly<Record<string, unknown>>): void {
    for (const k in attrs) { this.unit(TAG.attr); this.string(k); this.value(attrs[k]) }
  }
  marks(marks: readonly Mark[]): void {
    for (const m of marks) { this.unit(TAG.mark); this.string(m.type.name); this.attrs(m.attrs) }
  }
  /** The 53-bit result. */
  get result(): number { return (this.a >>> 0) * 0x200000 + (this.b >>> 11) }
}

/** JSON with object keys sorted (undefined as `u`), for attribute values that are objects. */
function stableJson(v: unknown): string {
  if (v === undefined) return 'u'
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  const o = v as Record<string, unknown>
  return `{${Object.keys(o).sort().map(k => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`
}

/** The content hash of a node (remembered per node). */
export function contentHash(node: Node): number {
  let h = hashes.get(node)
  if (h !== undefined) return h
  const x = new Hasher()
  x.unit(TAG.type)
  x.string(node.type.name)
  x.attrs(node.attrs)
  x.marks(node.marks)
  if (node.isText) { x.unit(TAG.text); x.string(node.text!) }
  for (let k = 0; k < node.childCount; k++) {
    const c = contentHash(node.child(k))
    x.unit(TAG.child)
    x.unit(c % 0x10000)
    x.unit(Math.floor(c / 0x10000) % 0x10000)
    x.unit(Math.floor(c / 0x100000000))
  }
  h = x.result
  hashes.set(node, h)
  return h
}

const texts = new WeakMap<Node, string>()

/** `node.textContent`, remembered per node. */
export function textOf(node: Node): string {
  let t = texts.get(node)
  if (t === undefined) texts.set(node, t = node.textContent)
  return t
}

/** For each node, the last node of equal content it was compared with (`eq` confirmed). */
const confirmed = new WeakMap<Node, Node>()

/** `a.eq(b)`, answered at once when the content hashes differ (or when the pair was confirmed before). */
export function sameSubtree(a: Node, b: Node): boolean {
  if (a === b) return true
  if (contentHash(a) !== contentHash(b)) return false
  if (confirmed.get(a) === b) return true
  if (!a.eq(b)) return false
  confirmed.set(a, b)
  return true
}
