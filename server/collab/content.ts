/**
 * The content of a collaborative document: the ProseMirror document in the
 * XmlFragment `prosemirror`, comments as plain JSON objects in the Y.Array
 * `comments`, and nothing else.
 */
import type { Node } from 'prosemirror-model'
import type { Mark } from 'prosemirror-model'
import { prosemirrorJSONToYDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { findProblems } from '../../schema/check.js'
import { resolutionSchema } from '../../schema/schema.js'

/** Name of the XmlFragment holding the document. */
export const FRAGMENT = 'prosemirror'
/** Name of the Y.Array holding comments. */
export const COMMENTS = 'comments'
/** The only top-level names a document may hold. */
export const ALLOWED_ROOTS: ReadonlySet<string> = new Set([FRAGMENT, COMMENTS])

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

const isString = (v: unknown): v is string => typeof v === 'string'
const MAX_TEXT = 20_000

function replyProblem(r: unknown, where: string): string | null {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return `${where} is not an object`
  const o = r as Record<string, unknown>
  for (const k of ['id', 'author', 'delegation', 'text', 'createdAt']) if (!isString(o[k])) return `${where}.${k} must be a string`
  if ((o.text as string).length > MAX_TEXT) return `${where}.text is too long`
  return null
}

/** What is wrong with one comment (null when it has the agreed shape). */
export function commentProblem(c: unknown, index: number): string | null {
  const where = `comment ${index}`
  if (c instanceof Y.AbstractType) return `${where} must be plain JSON, not a shared type`
  const base = replyProblem(c, where)
  if (base) return base
  const o = c as Record<string, unknown>
  const anchor = o.anchor as Record<string, unknown> | null
  if (!anchor || typeof anchor !== 'object' || !isString(anchor.provisionId)) return `${where}.anchor.provisionId must be a string`
  if (anchor.quote !== undefined && !isString(anchor.quote)) return `${where}.anchor.quote must be a string`
  if (!Array.isArray(o.replies)) return `${where}.replies must be an array`
  for (let i = 0; i < o.replies.length; i++) {
    const p = replyProblem(o.replies[i], `${where}.replies[${i}]`)
    if (p) return p
  }
  if (typeof o.resolved !== 'boolean') return `${where}.resolved must be a boolean`
  return null
}

/** Problems of the comments array (empty when every comment is well formed). */
export function commentsProblems(doc: Y.Doc): string[] {
  const problems: string[] = []
  doc.getArray(COMMENTS).toArray().forEach((c, i) => { const p = commentProblem(c, i); if (p) problems.push(p) })
  return problems
}

/** Top-level names other than the allowed ones. */
export function unexpectedRoots(doc: Y.Doc): string[] {
  return [...doc.share.keys()].filter(k => !ALLOWED_ROOTS.has(k))
}
