/**
 * The content of a collaborative document (its shape is defined in
 * protocol/shared-doc.ts): the ProseMirror document in the XmlFragment
 * `prosemirror`, comments as plain JSON objects in the Y.Array `comments`,
 * and nothing else.
 */
import type { Node } from 'prosemirror-model'
import type { Mark } from 'prosemirror-model'
import { prosemirrorJSONToYDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { commentProblem } from '../../protocol/comments.js'
import { COMMENTS, FRAGMENT, ROOT_NAMES } from '../../protocol/shared-doc.js'
import { findProblems } from '../../schema/check.js'
import { resolutionSchema } from '../../schema/schema.js'

/** A Yjs update that creates a document holding `json` (for seeding, imports, proposals). */
export function updateFromJSON(json: unknown): Uint8Array {
  const doc = prosemirrorJSONToYDoc(resolutionSchema, json, FRAGMENT)
  return Y.encodeStateAsUpdate(doc)
}

// y-prosemirror names overlapping marks `name--hash`
const markName = (attr: string) => /(.*)(--[a-zA-Z0-9+/=]{8})$/.exec(attr)?.[1] ?? attr

function marksOf(attributes: Record<string, unknown> | undefined): Mark[] {
  const marks: Mark[] = []
  for (const [key, attrs] of Object.entries(attributes ?? {})) {
    const type = resolutionSchema.marks[markName(key)]
    if (!type) throw new Error(`unknown mark "${markName(key)}"`)
    marks.push(type.create(attrs as Record<string, unknown> | null))
  }
  return marks
}

function nodeFromElement(el: Y.XmlElement): Node {
  const type = resolutionSchema.nodes[el.nodeName]
  if (!type || type === resolutionSchema.topNodeType || type.isText) throw new Error(`unknown node type "${el.nodeName}"`)
  return type.create(el.getAttributes(), childrenOf(el))
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): Node[] {
  const out: Node[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlElement) out.push(nodeFromElement(child))
    else if (child instanceof Y.XmlText) {
      for (const d of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof d.insert !== 'string') throw new Error('embedded object in text')
        out.push(resolutionSchema.text(d.insert, marksOf(d.attributes)))
      }
    } else throw new Error('unexpected content in the document fragment')
  }
  return out
}

/**
 * The ProseMirror document of a Y.Doc, read strictly: an unknown node or
 * mark type throws (y-prosemirror's own reader drops such content by
 * deleting it from the Y.Doc, which a server must not do). The root's
 * `lang` is not in the fragment; it comes from the document's metadata.
 */
export function nodeFromYDoc(doc: Y.Doc, lang = 'en'): Node {
  return resolutionSchema.topNodeType.create({ lang }, childrenOf(doc.getXmlFragment(FRAGMENT)))
}

/** The canonical JSON of a Y.Doc's document. */
export function jsonFromYDoc(doc: Y.Doc, lang = 'en'): Record<string, unknown> {
  return nodeFromYDoc(doc, lang).toJSON() as Record<string, unknown>
}

/** A Y.Doc built from stored updates. */
export function yDocFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => { for (const u of updates) Y.applyUpdate(doc, u) })
  return doc
}

/** Problems of the ProseMirror document in a Y.Doc (empty when valid). */
export function documentProblems(doc: Y.Doc): string[] {
  let node: Node
  try { node = nodeFromYDoc(doc) } catch (e) { return [`not a resolution document: ${(e as Error).message}`] }
  return findProblems(node)
}

/** Problems of the comments array (empty when every comment is well formed). */
export function commentsProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  doc.getArray(COMMENTS).toArray().forEach((c, i) => { const p = commentProblem(c, i); if (p) problems.push(p) })
  return problems
}

/** Top-level names other than the allowed ones. */
export function unexpectedRoots(doc: Y.Doc): string[] {
  return [...doc.share.keys()].filter(k => !ROOT_NAMES.has(k))
}
