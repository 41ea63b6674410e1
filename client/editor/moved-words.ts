/**
 * Words typed into a provision while a collaborator moves it to another
 * section, kept.
 *
 * y-prosemirror moves a provision within its section by rewriting the
 * shared elements in place, which keeps every word. A move to another
 * section (or an item to another provision) changes the element's parent,
 * which Yjs cannot do: the binding deletes the shared element and inserts a
 * copy, with the same `id`, where it now stands. Words this page typed into
 * the element that the mover had not yet received (typed offline, or in
 * flight as the move was made) were inside the deleted element, so Yjs
 * deletes them with it, on every page.
 *
 * This page sees that happen when the move arrives: in a transaction from
 * another page, its own words are deleted together with an identified
 * element that still stands elsewhere (an element with the same id). Before
 * Yjs collects what was deleted, the words are read from the deleted
 * element and typed again into the copy, in the same text block, at the
 * same place relative to the words around them, with the marks they had
 * (an insertion mark stays an insertion of the same delegation). That is a
 * change of this page like any other: sent to the server, kept offline.
 *
 * Only a page's own words are put back (one page per word: no copies), and
 * only words missing from the copy (the mover's copy holds every word it
 * knew of). A provision deleted, not moved, takes its words with it, as
 * any deletion does.
 */
import DiffMatchPatch from 'diff-match-patch'
import * as Y from 'yjs'
import { IDENTIFIED_NODES } from '../../schema/nodes.js'
import { resolutionSchema } from '../../schema/schema.js'

/** Whether words of a Yjs client id are this page's to put back (its own id; see own-clients.ts for earlier pages'). */
export type OwnClients = (client: number) => boolean

/** The origin of the transactions that put words back. */
export const MOVED_WORDS_ORIGIN = Object.freeze({ movedWords: true })

/** One character of a text block as it stood before a transaction: whose it is and the marks (formatting attributes) it had. */
interface Character { readonly own: boolean; readonly attributes: Readonly<Record<string, unknown>> }

/** A text block's text and characters (an inline element counts as one character, U+FFFC). */
interface BlockText { readonly text: string; readonly characters: readonly Character[] }

/** Words to type again: where in the copy's text block, what, with which marks. */
interface Insertion { readonly at: number; readonly text: string; readonly attributes: Record<string, unknown> }

const OBJECT = '\uFFFC'
const NO_ATTRIBUTES: Readonly<Record<string, unknown>> = Object.freeze({})
const isTextblock = (name: string) => resolutionSchema.nodes[name]?.isTextblock === true

/** What Yjs's items and types expose that this module reads (internal fields of Yjs 13). */
type AnyItem = Y.Item & { content: { constructor: unknown; str?: string; key?: string; value?: unknown; type?: Y.AbstractType<unknown>; getContent(): unknown[] } }
type AnyType = Y.AbstractType<unknown> & { _item: AnyItem | null; _start: AnyItem | null; _map: Map<string, AnyItem> }

/**
 * Puts back this page's words that a collaborator's move deleted in `tr`
 * (see the module comment), in one transaction with `MOVED_WORDS_ORIGIN`.
 * Returns how many characters were put back.
 */
export function keepMovedWords(doc: Y.Doc, fragment: Y.XmlFragment, tr: Y.Transaction, isOwn: OwnClients = c => c === doc.clientID): number {
  // only another page's change can delete this page's words without this page asking
  if (tr.local) return 0
  const own = ownDeletions(tr, isOwn)
  if (own.clients.size === 0) return 0
  // words deleted with an identified element (not by a deletion of text: the document is only walked for those)
  const chains = new Map<AnyType, AnyType[]>()
  Y.iterateDeletedStructs(tr, own, struct => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return
    const chain = deletedIdentifiedAncestors(struct as AnyItem, tr)
    if (chain.length && !chains.has(chain[0]!)) chains.set(chain[0]!, chain)
  })
  if (chains.size === 0) return 0
  const twins = liveIdentifiedElements(fragment)
  const movedElements = new Set<AnyType>()
  for (const chain of chains.values()) {
    const moved = chain.find(element => twins.has(idOf(element) ?? ''))
    if (moved) movedElements.add(moved)
  }
  const work: [Y.XmlElement, Insertion[]][] = []
  for (const element of movedElements) {
    const twin = twins.get(idOf(element)!)!
    const before = textblocksBefore(element, tr).map(b => ({ block: b, text: blockTextBefore(b, tr, isOwn) }))
    const now = textblocksNow(twin)
    for (let k = 0; k < before.length; k++) {
      const { text } = before[k]!
      if (!text.characters.some(c => c.own)) continue
      const target = before.length === now.length ? now[k]! : closest(text.text, now, Math.round(k * now.length / before.length))
      if (!target) continue
      const insertions = missingOwnWords(text, blockTextNow(target))
      if (insertions.length) work.push([target, insertions])
    }
  }
  if (work.length === 0) return 0
  let count = 0
  doc.transact(() => {
    // the last place first: the places computed in the copy's text stay right (words at one place keep their order)
    for (const [block, insertions] of work) for (const insertion of [...insertions].reverse()) { typeInto(block, insertion); count += insertion.text.length }
  }, MOVED_WORDS_ORIGIN)
  return count
}

/** Calls `keepMovedWords` after every transaction of `doc`; returns the function that stops it. */
export function watchMovedWords(doc: Y.Doc, fragment: Y.XmlFragment, isOwn?: OwnClients): () => void {
  const listener = (tr: Y.Transaction) => { keepMovedWords(doc, fragment, tr, isOwn) }
  doc.on('afterTransaction', listener)
  return () => doc.off('afterTransaction', listener)
}

/** The part of `tr`'s deletions that are this page's. */
function ownDeletions(tr: Y.Transaction, isOwn: OwnClients): ReturnType<typeof Y.createDeleteSet> {
  const ds = Y.createDeleteSet()
  for (const [client, ranges] of tr.deleteSet.clients) if (isOwn(client)) ds.clients.set(client, ranges)
  return ds
}

/** The id of an identified element, read even when the element is deleted (before Yjs collects it). */
function idOf(type: AnyType | Y.XmlElement): string | undefined {
  const entry = (type as AnyType)._map.get('id')
  const value = entry?.content.getContent().at(-1)
  return typeof value === 'string' ? value : undefined
}

/** Every identified element standing in the document, by id (the first holder of an id). */
function liveIdentifiedElements(fragment: Y.XmlFragment): Map<string, Y.XmlElement> {
  const out = new Map<string, Y.XmlElement>()
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (IDENTIFIED_NODES.has(child.nodeName)) { const id = idOf(child); if (id && !out.has(id)) out.set(id, child) }
      walk(child)
    }
  }
  walk(fragment)
  return out
}

/** The identified elements around `item` that `tr` deleted, innermost first (none: the words went with a deletion of text). */
function deletedIdentifiedAncestors(item: AnyItem, tr: Y.Transaction): AnyType[] {
  const out: AnyType[] = []
  for (let type = item.parent as AnyType | null; type && type._item; type = type._item.parent as AnyType | null) {
    if (!(type instanceof Y.XmlElement) || !IDENTIFIED_NODES.has(type.nodeName)) continue
    if (!Y.isDeleted(tr.deleteSet, type._item.id)) break
    out.push(type)
  }
  return out
}

/** Whether an item stood before `tr`: not deleted, or deleted by it, and not made by it. */
function stoodBefore(item: AnyItem, tr: Y.Transaction): boolean {
  if (item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) return false
  return !item.deleted || Y.isDeleted(tr.deleteSet, item.id)
}

/** The children of a type that stood before `tr`. */
function childrenBefore(type: AnyType, tr: Y.Transaction): AnyItem[] {
  const out: AnyItem[] = []
  for (let item = type._start; item; item = item.right as AnyItem | null) if (stoodBefore(item, tr)) out.push(item)
  return out
}

/** The text blocks inside a deleted element, as they stood before `tr`, in order. */
function textblocksBefore(element: AnyType, tr: Y.Transaction): AnyType[] {
  const out: AnyType[] = []
  for (const item of childrenBefore(element, tr)) {
    const type = item.content.type as AnyType | undefined
    if (!(type instanceof Y.XmlElement)) continue
    if (isTextblock(type.nodeName)) out.push(type)
    else out.push(...textblocksBefore(type, tr))
  }
  return out
}

/** The text blocks inside a standing element, in order. */
function textblocksNow(element: Y.XmlElement): Y.XmlElement[] {
  const out: Y.XmlElement[] = []
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (isTextblock(child.nodeName)) out.push(child)
    else out.push(...textblocksNow(child))
  }
  return out
}

/** A deleted text block as it stood before `tr`: its characters, which of them are this page's, and their marks. */
function blockTextBefore(block: AnyType, tr: Y.Transaction, isOwn: OwnClients): BlockText {
  let text = ''
  const characters: Character[] = []
  for (const child of childrenBefore(block, tr)) {
    const type = child.content.type
    if (!(type instanceof Y.XmlText)) { text += OBJECT; characters.push({ own: false, attributes: NO_ATTRIBUTES }); continue }
    let attributes: Record<string, unknown> = {}
    for (const item of childrenBefore(type as unknown as AnyType, tr)) {
      const content = item.content
      if (content instanceof Y.ContentFormat) {
        attributes = { ...attributes }
        if (content.value === null) delete attributes[content.key]
        else attributes[content.key] = content.value
      } else if (content instanceof Y.ContentString) {
        text += content.str
        for (let k = 0; k < content.str.length; k++) characters.push({ own: isOwn(item.id.client), attributes })
      } else if (content instanceof Y.ContentEmbed || content instanceof Y.ContentType) {
        text += OBJECT
        characters.push({ own: false, attributes: NO_ATTRIBUTES })
      }
    }
  }
  return { text, characters }
}

/** A standing text block's text (an inline element or embed counts as one character). */
function blockTextNow(block: Y.XmlElement): string {
  let text = ''
  for (const child of block.toArray()) {
    if (!(child instanceof Y.XmlText)) { text += OBJECT; continue }
    for (const op of child.toDelta() as { insert: unknown }[]) text += typeof op.insert === 'string' ? op.insert : OBJECT
  }
  return text
}

/** How many blocks on either side of its place a block is looked for in the copy (when the blocks do not pair one to one). */
const NEAR_BLOCKS = 8

/**
 * The standing text block most like `text` among those near place `at`
 * (when the copy's blocks do not pair one to one with the deleted
 * element's): the one sharing the longest start and end with it.
 */
function closest(text: string, blocks: Y.XmlElement[], at: number): Y.XmlElement | null {
  let best: Y.XmlElement | null = null
  let shared = -1
  for (let k = Math.max(0, at - NEAR_BLOCKS); k <= Math.min(blocks.length - 1, at + NEAR_BLOCKS); k++) {
    const other = blockTextNow(blocks[k]!)
    let start = 0
    while (start < text.length && start < other.length && text[start] === other[start]) start++
    let end = 0
    while (end < text.length - start && end < other.length - start && text[text.length - 1 - end] === other[other.length - 1 - end]) end++
    if (start + end > shared) { shared = start + end; best = blocks[k]! }
  }
  return best
}

/**
 * Where this page's words missing from the copy's text go: a character
 * diff of the block as it stood against the copy; in each run the copy
 * lacks, this page's characters are typed again at that place, grouped by
 * their marks (others' characters missing there were deleted by whoever
 * made the copy). In order of place in the copy.
 */
function missingOwnWords(before: BlockText, now: string): Insertion[] {
  const dmp = new DiffMatchPatch()
  dmp.Diff_Timeout = 0.1
  const out: Insertion[] = []
  let b = 0
  let t = 0
  /** The index in `before` just past the last character put into `out`. */
  let lastEnd = -1
  for (const [op, run] of dmp.diff_main(before.text, now, false)) {
    if (op === DiffMatchPatch.DIFF_EQUAL) { b += run.length; t += run.length; continue }
    if (op === DiffMatchPatch.DIFF_INSERT) { t += run.length; continue }
    for (let k = 0; k < run.length; k++, b++) {
      const c = before.characters[b]!
      if (!c.own || before.text[b] === OBJECT) continue
      const last = out.at(-1)
      if (last && last.at === t && lastEnd === b && last.attributes === c.attributes) out[out.length - 1] = { ...last, text: last.text + before.text[b]! }
      else out.push({ at: t, text: before.text[b]!, attributes: c.attributes as Record<string, unknown> })
      lastEnd = b + 1
    }
  }
  return out
}

/** Types an insertion into a standing text block: into the Y.XmlText at that place (a new one where none is). */
function typeInto(block: Y.XmlElement, { at, text, attributes }: Insertion): void {
  const children = block.toArray()
  let start = 0
  for (let k = 0; k < children.length; k++) {
    const child = children[k]!
    if (child instanceof Y.XmlText && at <= start + child.length) { child.insert(at - start, text, { ...attributes }); return }
    if (at <= start) { newTextAt(block, k, text, attributes); return }
    start += child instanceof Y.XmlText ? child.length : 1
  }
  newTextAt(block, children.length, text, attributes)
}

/** A new Y.XmlText holding `text`, as child `index` of `block`. */
function newTextAt(block: Y.XmlElement, index: number, text: string, attributes: Record<string, unknown>): void {
  const run = new Y.XmlText()
  block.insert(index, [run])
  run.insert(0, text, { ...attributes })
}
