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
import { COMMENTS, FRAGMENT, ROOT_NAMES, SERVER_ROOTS } from '../../protocol/shared-doc.js'
import { findProblems, MAX_NESTING } from '../../schema/check.js'
import { elementAttributesProblem, markAttributesProblem } from './attributes.js'
import { resolutionSchema } from '../../schema/schema.js'

/** A Yjs update that creates a document holding `json` (for seeding, imports, proposals). */
export function updateFromJSON(json: unknown): Uint8Array {
  const doc = prosemirrorJSONToYDoc(resolutionSchema, json, FRAGMENT)
  return Y.encodeStateAsUpdate(doc)
}

// y-prosemirror names overlapping marks `name--hash`
const markName = (attr: string) => /(.*)(--[a-zA-Z0-9+/=]{8})$/.exec(attr)?.[1] ?? attr

function marksOf(attributes: Record<string, unknown> | undefined, strict: boolean): Mark[] {
  const marks: Mark[] = []
  for (const [key, attrs] of Object.entries(attributes ?? {})) {
    const type = Object.hasOwn(resolutionSchema.marks, markName(key)) ? resolutionSchema.marks[markName(key)] : undefined
    if (!type) throw new Error(`unknown mark "${markName(key).slice(0, 40)}"`)
    const problem = strict ? markAttributesProblem(type, attrs) : null
    if (problem) throw new Error(problem)
    marks.push(type.create(attrs as Record<string, unknown> | null))
  }
  return marks
}

function nodeFromElement(el: Y.XmlElement, strict: boolean): Node {
  const type = Object.hasOwn(resolutionSchema.nodes, el.nodeName) ? resolutionSchema.nodes[el.nodeName] : undefined
  if (!type || type === resolutionSchema.topNodeType || type.isText) throw new Error(`unknown node type "${el.nodeName.slice(0, 40)}"`)
  const attrs = el.getAttributes() as Record<string, unknown>
  const problem = strict ? elementAttributesProblem(type, attrs) : null
  if (problem) throw new Error(problem)
  return type.create(attrs, childrenOf(el, strict))
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement, strict: boolean): Node[] {
  const out: Node[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlElement) out.push(nodeFromElement(child, strict))
    else if (child instanceof Y.XmlText) {
      // y-prosemirror formats text (marks) but never sets attributes on a Y.XmlText
      if (strict && hasEntries(child)) throw new Error('attributes on text')
      for (const d of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof d.insert !== 'string') throw new Error('embedded object in text')
        out.push(resolutionSchema.text(d.insert, marksOf(d.attributes, strict)))
      }
    } else throw new Error('unexpected content in the document fragment')
  }
  return out
}

/** Whether a shared type holds map entries (attributes) that are not deleted. */
function hasEntries(type: { _map: Map<string, Y.Item> }): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true
  return false
}

/**
 * The ProseMirror document of a Y.Doc, read strictly: an unknown node or
 * mark type throws (y-prosemirror's own reader drops such content by
 * deleting it from the Y.Doc, which a server must not do). The root's
 * `lang` is not in the fragment; it comes from the document's metadata.
 */
export function nodeFromYDoc(doc: Y.Doc, lang = 'en', strict = false): Node {
  return resolutionSchema.topNodeType.create({ lang }, childrenOf(doc.getXmlFragment(FRAGMENT), strict))
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

/**
 * Problems of the ProseMirror document in a Y.Doc (empty when valid): read
 * strictly (every attribute checked against the schema, see attributes.ts),
 * then the schema's content rules and `findProblems`.
 */
export function documentProblems(doc: Y.Doc): string[] {
  let node: Node
  try { node = nodeFromYDoc(doc, 'en', true) } catch (e) { return [unreadable(e)] }
  return findProblems(node)
}

/**
 * Why a Y.Doc could not be read as a resolution (`nodeFromYDoc` threw): its
 * message, or, when the reading overflowed the stack (elements nested
 * thousands deep), that it is nested too deep.
 */
export function unreadable(e: unknown): string {
  if (e instanceof RangeError) return `not a resolution document: its elements are nested too deep to be read (provisions and items may nest ${MAX_NESTING} levels)`
  return `not a resolution document: ${(e as Error).message}`
}

/**
 * Content the application never writes at the top level: other roots, map
 * entries on the document and comments roots. (The `attribution` and
 * `rewrite` roots are the server's: validation refuses any client change to
 * them, see serverRootChanged.)
 */
export function rootProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  const others = [...doc.share.keys()].filter(k => !ROOT_NAMES.has(k))
  if (others.length) problems.push(`top-level content other than ${[...ROOT_NAMES].map(n => `"${n}"`).join(', ')}: ${others.map(k => k.slice(0, 40)).join(', ')}`)
  for (const name of [FRAGMENT, COMMENTS]) {
    const root = doc.share.get(name)
    if (root && hasEntries(root)) problems.push(`entries on the "${name}" root`)
  }
  return problems
}

/** Problems of the comments array (empty when every comment is well formed). */
export function commentsProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  doc.getArray(COMMENTS).toArray().forEach((c, i) => { const p = commentProblem(c, i); if (p) problems.push(p) })
  return problems
}

/** The root type a shared type belongs to. */
function rootOf(type: object): object {
  let t = type as { _item: Y.Item | null }
  while (t._item) t = t._item.parent as unknown as { _item: Y.Item | null }
  return t
}

/**
 * The root only the server writes (`attribution`, `rewrite`: SERVER_ROOTS)
 * that one of the types a transaction changed (`transaction.changed`'s
 * keys) is, or is inside; null when none.
 */
export function serverRootChanged(doc: Y.Doc, changed: Iterable<object>): string | null {
  const roots = new Map<object, string>()
  for (const name of SERVER_ROOTS) { const root = doc.share.get(name); if (root) roots.set(root, name) }
  if (roots.size === 0) return null
  for (const type of changed) { const name = roots.get(rootOf(type)); if (name) return name }
  return null
}
