/**
 * Inline elements (a footnote, a square bracket) carried from one text block
 * to another, for moved-words.ts.
 *
 * Yjs cannot move an element: one carried is read as it stood before the
 * transaction that deleted or stranded it (its attributes and content,
 * deleted or not, are still held until Yjs collects them), typed again as a
 * new element with the same attributes (its `id` among them) where it
 * belongs, and the element it was made from deleted if it still stands.
 */
import * as Y from 'yjs'
import { runBefore, stoodBefore, type AnyItem, type AnyType } from './block-words.js'

/** An inline element as it stood: its node name, attributes and children (text runs as Yjs deltas, elements as copies). */
export interface InlineCopy {
  readonly nodeName: string
  readonly attributes: Readonly<Record<string, unknown>>
  readonly children: readonly (InlineCopy | TextDelta)[]
}

/** A text run's content as a Yjs delta. */
type TextDelta = { insert: string; attributes?: Record<string, unknown> }[]

/** The inline element held by `item` (a Y.XmlElement's item) as it stood before `tr`. */
export function inlineCopyBefore(item: AnyItem, tr: Y.Transaction): InlineCopy {
  const element = item.content.type as unknown as Y.XmlElement & AnyType
  const attributes: Record<string, unknown> = {}
  for (const [key, last] of element._map) {
    let entry: AnyItem | null = last
    while (entry && !stoodBefore(entry, tr)) entry = entry.left as AnyItem | null
    const value = entry && !(entry.deleted && !Y.isDeleted(tr.deleteSet, entry.id)) ? entry.content.getContent().at(-1) : undefined
    if (value !== undefined && value !== null) attributes[key] = value
  }
  const children: (InlineCopy | TextDelta)[] = []
  for (let child = element._start; child; child = child.right as AnyItem | null) {
    if (!stoodBefore(child, tr)) continue
    const type = child.content.type
    if (type instanceof Y.XmlText) children.push(textBefore(type as unknown as AnyType, tr))
    else if (type instanceof Y.XmlElement) children.push(inlineCopyBefore(child, tr))
  }
  return { nodeName: element.nodeName, attributes, children }
}

/** A text run as it stood before `tr`, as a delta (its formatting attributes are marks). */
function textBefore(text: AnyType, tr: Y.Transaction): TextDelta {
  const delta: TextDelta = []
  for (const { item, attributes } of runBefore(text, tr)) {
    const content = item.content as unknown
    if (content instanceof Y.ContentString) delta.push(Object.keys(attributes).length ? { insert: content.str, attributes: { ...attributes } } : { insert: content.str })
  }
  return delta
}

/** A new (not yet integrated) Yjs element made from a copy. */
function elementOf(copy: InlineCopy): Y.XmlElement {
  const element = new Y.XmlElement(copy.nodeName)
  for (const [key, value] of Object.entries(copy.attributes)) element.setAttribute(key, value as string)
  element.insert(0, copy.children.map(child => {
    if (!Array.isArray(child)) return elementOf(child as InlineCopy)
    const text = new Y.XmlText()
    text.applyDelta(child)
    return text
  }))
  return element
}

/**
 * Types an inline element into a standing text block at place `at` of its
 * text (a text run counts its length, an element one): between two
 * children, or in a run, split in two there (as the editor's binding does
 * when an inline node is put between words). Returns the element made.
 */
export function insertInline(block: Y.XmlElement, at: number, copy: InlineCopy): Y.XmlElement {
  const element = elementOf(copy)
  const children = block.toArray()
  let start = 0
  for (let k = 0; k < children.length; k++) {
    if (at === start) { block.insert(k, [element]); return element }
    const child = children[k]!
    const length = child instanceof Y.XmlText ? child.length : 1
    if (child instanceof Y.XmlText && at < start + length) {
      const tail = new Y.XmlText()
      tail.applyDelta(deltaFrom(child, at - start))
      child.delete(at - start, length - (at - start))
      block.insert(k + 1, [element, tail])
      return element
    }
    start += length
  }
  block.insert(children.length, [element])
  return element
}

/** The delta of a text run from character `offset` on. */
function deltaFrom(text: Y.XmlText, offset: number): TextDelta {
  const out: TextDelta = []
  let at = 0
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    if (at + length > offset && typeof op.insert === 'string') {
      const insert = op.insert.slice(Math.max(0, offset - at))
      out.push(op.attributes ? { insert, attributes: op.attributes } : { insert })
    }
    at += length
  }
  return out
}
