/**
 * Sending documents between the editor and the comparison worker without
 * serialising them whole each time. A document travels as its top-level
 * children (sections, heading lines...): a child the other side already
 * holds goes as a number, a new or changed one as JSON with a new number.
 * ProseMirror (and y-prosemirror) keep unchanged children as the same
 * objects, so after a keystroke one section is serialised, not the whole
 * resolution; on the way back the worker sends only the revision children
 * whose JSON differs from last time, and the editor keeps the others as the
 * same objects (so the marks it drew for them are reused as well).
 */
import type { Node, Schema } from 'prosemirror-model'

/** A document as sent: its type and attributes, and each top-level child by number or as JSON with its number. */
export interface PackedDocument {
  type: string
  attrs: Record<string, unknown>
  children: (number | { id: number; json: unknown })[]
}

/** Packs documents for a receiver that keeps what it was sent before (children known by object identity). */
export class NodePacker {
  private ids = new WeakMap<Node, number>()
  private next = 1
  /** The document as sent; children sent before go as their number. */
  pack(doc: Node): PackedDocument {
    const children: PackedDocument['children'] = []
    doc.forEach(child => {
      const known = this.ids.get(child)
      if (known !== undefined) { children.push(known); return }
      const id = this.next++
      this.ids.set(child, id)
      children.push({ id, json: child.toJSON() })
    })
    return { type: doc.type.name, attrs: { ...doc.attrs }, children }
  }

  /**
   * The same in slices of about `sliceMs` milliseconds, yielding to the
   * event loop between them (the first request sends the whole text, which
   * takes longer than a frame to serialise on a large document). Resolves
   * with the packed document and the longest slice, in ms.
   */
  async packSliced(doc: Node, sliceMs = 6): Promise<{ packed: PackedDocument; longestMs: number }> {
    const children: PackedDocument['children'] = []
    let longest = 0
    let start = performance.now()
    for (let k = 0; k < doc.childCount; k++) {
      const child = doc.child(k)
      const known = this.ids.get(child)
      if (known !== undefined) children.push(known)
      else {
        const id = this.next++
        this.ids.set(child, id)
        children.push({ id, json: child.toJSON() })
      }
      const now = performance.now()
      if (now - start >= sliceMs && k + 1 < doc.childCount) {
        longest = Math.max(longest, now - start)
        await nextTask()
        start = performance.now()
      }
    }
    const packed = { type: doc.type.name, attrs: { ...doc.attrs }, children }
    return { packed, longestMs: Math.max(longest, performance.now() - start) }
  }
}

/**
 * Waits for the next task (a timer of 0 ms), so that the page can paint and
 * handle input between two slices of work.
 */
export function nextTask(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0))
}

/** Packs documents by content: a child whose JSON equals one sent last time goes as that child's number. */
export class JsonPacker {
  private sent = new Map<string, number>()
  private next = 1
  /** The document as sent. */
  pack(doc: Node): PackedDocument {
    const children: PackedDocument['children'] = []
    const sent = new Map<string, number>()
    doc.forEach(child => {
      const json = child.toJSON()
      const key = JSON.stringify(json)
      const known = this.sent.get(key) ?? sent.get(key)
      const id = known ?? this.next++
      sent.set(key, id)
      children.push(known !== undefined ? id : { id, json })
    })
    this.sent = sent
    return { type: doc.type.name, attrs: { ...doc.attrs }, children }
  }
}

/** Unpacks what a packer sent: keeps the children of the last document and builds the new ones. */
export class Unpacker {
  private held = new Map<number, Node>()
  constructor(private readonly schema: Schema) {}
  /** The document; throws when a child's number is unknown (the two sides lost step). */
  unpack(packed: PackedDocument): Node {
    const held = new Map<number, Node>()
    const children = packed.children.map(c => this.child(c, held))
    return this.finish(packed, children, held)
  }

  /**
   * The same in slices of about `sliceMs` milliseconds, yielding to the
   * event loop between them (a large revision document takes longer than a
   * frame to build). Resolves with the document and the longest slice, in ms.
   */
  async unpackSliced(packed: PackedDocument, sliceMs = 6): Promise<{ doc: Node; longestMs: number }> {
    const held = new Map<number, Node>()
    const children: Node[] = []
    let longest = 0
    let start = performance.now()
    for (const c of packed.children) {
      children.push(this.child(c, held))
      const now = performance.now()
      if (now - start >= sliceMs) {
        longest = Math.max(longest, now - start)
        await nextTask()
        start = performance.now()
      }
    }
    const doc = this.finish(packed, children, held)
    return { doc, longestMs: Math.max(longest, performance.now() - start) }
  }

  private child(c: PackedDocument['children'][number], held: Map<number, Node>): Node {
    const node = typeof c === 'number' ? this.held.get(c) ?? held.get(c) : this.schema.nodeFromJSON(c.json)
    if (!node) throw new Error(`unknown child ${String(c)}: sender and receiver out of step`)
    held.set(typeof c === 'number' ? c : c.id, node)
    return node
  }

  private finish(packed: PackedDocument, children: Node[], held: Map<number, Node>): Node {
    this.held = held
    const type = this.schema.nodes[packed.type]
    if (!type) throw new Error(`unknown node type ${packed.type}`)
    return type.create(packed.attrs, children)
  }
}
