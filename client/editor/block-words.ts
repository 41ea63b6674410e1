/**
 * The words of shared text blocks, read as they stood before a Yjs
 * transaction, and a page's words carried from one block to another (for
 * moved-words.ts).
 *
 * A ProseMirror text block is, in y-prosemirror's shared document, a
 * Y.XmlElement whose children are Y.XmlText runs (marks as formatting
 * attributes) and Y.XmlElements for inline nodes. Before Yjs collects what
 * a transaction deleted (the 'afterTransaction' event comes before), a
 * block's items still hold their content, deleted or not, so the block can
 * be read as it stood before: the items that were there (not made by the
 * transaction, not deleted before it).
 */
import DiffMatchPatch from 'diff-match-patch'
import * as Y from 'yjs'
import { IDENTIFIED_NODES } from '../../schema/nodes.js'
import { resolutionSchema } from '../../schema/schema.js'

/** What Yjs's items and types expose that these modules read (internal fields of Yjs 13). */
export type AnyItem = Y.Item & { content: { str?: string; type?: Y.AbstractType<unknown>; getContent(): unknown[] } }
/** A Yjs type with its internal fields. */
export type AnyType = Y.AbstractType<unknown> & { _item: AnyItem | null; _start: AnyItem | null; _map: Map<string, AnyItem> }

/** Where a character stands in its Y.XmlText: the item holding it and its place in the item. */
interface Place { readonly text: Y.XmlText; readonly item: AnyItem; readonly offset: number }

/**
 * One character of a text block as it stood: whether it is to be carried,
 * its marks, and where it stands; or an inline element (a footnote), with
 * the item holding it.
 */
export interface Character {
  readonly carried: boolean
  readonly attributes: Readonly<Record<string, unknown>>
  readonly place: Place | null
  readonly inline: AnyItem | null
}

/** A text block's text and characters (an inline element counts as one character: `inlineCharacter`). */
export interface BlockText { readonly text: string; readonly characters: readonly Character[] }

/**
 * Words to type into a block: where in its text, what, with which marks,
 * and the characters they were; or an inline element to type again there
 * (`inline`, the item that held it; `text` is then the one character it stands for).
 */
export interface Insertion {
  readonly at: number
  readonly text: string
  readonly attributes: Record<string, unknown>
  readonly from: readonly Character[]
  readonly inline?: AnyItem
}

const OBJECT = '\uFFFC'

/**
 * The character an inline element stands for in a block's text: one of the
 * private-use characters, picked by its id (a footnote's), so that texts
 * compared character by character tell two footnotes apart; U+FFFC for one
 * with no id.
 */
function inlineCharacter(item: AnyItem): string {
  const entry = (item.content.type as unknown as AnyType | undefined)?._map.get('id')
  const id = entry?.content.getContent().at(-1)
  if (typeof id !== 'string' || id === '') return OBJECT
  let hash = 0
  for (let k = 0; k < id.length; k++) hash = (hash * 31 + id.charCodeAt(k)) | 0
  return String.fromCharCode(0xe000 + ((hash >>> 0) % 0x1900))
}
const NO_ATTRIBUTES: Readonly<Record<string, unknown>> = Object.freeze({})
/** Whether a node name is a text block's (a paragraph, a heading: inline content). */
export const isTextblock = (name: string) => resolutionSchema.nodes[name]?.isTextblock === true

/** Whether `tr` made an item (its clock is past what the transaction's client had before it). */
export function madeBy(item: AnyItem, tr: Y.Transaction): boolean {
  return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
}

/** Whether an item stood before `tr`: not made by it, and not deleted before it. */
export function stoodBefore(item: AnyItem, tr: Y.Transaction): boolean {
  if (madeBy(item, tr)) return false
  return !item.deleted || Y.isDeleted(tr.deleteSet, item.id)
}

/** Deletes a standing element from its parent. */
export function deleteElement(element: Y.XmlElement): void {
  const parent = element.parent as Y.XmlElement | null
  const index = parent ? parent.toArray().indexOf(element) : -1
  if (parent && index >= 0) parent.delete(index, 1)
}

/** The children of a type that stood before `tr`. */
function childrenBefore(type: AnyType, tr: Y.Transaction): AnyItem[] {
  const out: AnyItem[] = []
  for (let item = type._start; item; item = item.right as AnyItem | null) if (stoodBefore(item, tr)) out.push(item)
  return out
}

/** The text blocks inside an element as they stood before `tr`, in order; with `ownOnly`, not those of identified elements inside it. */
export function textblocksBefore(element: AnyType, tr: Y.Transaction, ownOnly = false): AnyType[] {
  const out: AnyType[] = []
  for (const item of childrenBefore(element, tr)) {
    const type = item.content.type as AnyType | undefined
    if (!(type instanceof Y.XmlElement)) continue
    if (isTextblock(type.nodeName)) out.push(type)
    else if (!ownOnly || !IDENTIFIED_NODES.has(type.nodeName)) out.push(...textblocksBefore(type, tr, ownOnly))
  }
  return out
}

/** The text blocks inside a standing element, in order. */
export function textblocksNow(element: Y.XmlElement): Y.XmlElement[] {
  const out: Y.XmlElement[] = []
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (isTextblock(child.nodeName)) out.push(child)
    else out.push(...textblocksNow(child))
  }
  return out
}

/** A text block as it stood before `tr`: its characters, which of them `carried` picks, and their marks. */
export function blockTextBefore(block: AnyType, tr: Y.Transaction, carried: (item: AnyItem) => boolean): BlockText {
  let text = ''
  const characters: Character[] = []
  const object = (inline: AnyItem | null = null, picked = false) => { text += inline ? inlineCharacter(inline) : OBJECT; characters.push({ carried: picked, attributes: NO_ATTRIBUTES, place: null, inline }) }
  for (const child of childrenBefore(block, tr)) {
    const run = child.content.type
    // an inline element (a footnote) is carried whole, as its words are
    if (!(run instanceof Y.XmlText)) { object(child, run instanceof Y.XmlElement && carried(child)); continue }
    for (const { item, attributes } of runBefore(run as unknown as AnyType, tr)) {
      const content = item.content as unknown
      if (content instanceof Y.ContentString) {
        text += content.str
        const picked = carried(item)
        for (let k = 0; k < content.str.length; k++) characters.push({ carried: picked, attributes, place: { text: run, item, offset: k }, inline: null })
      } else if (content instanceof Y.ContentEmbed || content instanceof Y.ContentType) object()
    }
  }
  return { text, characters }
}

/**
 * The items of a text run (a Y.XmlText) that stood before `tr`, each with
 * the formatting attributes (marks) in force where it stands; the
 * formatting items themselves are read, not given.
 */
export function* runBefore(run: AnyType, tr: Y.Transaction): Generator<{ item: AnyItem; attributes: Readonly<Record<string, unknown>> }> {
  let attributes: Record<string, unknown> = {}
  for (const item of childrenBefore(run, tr)) {
    const content = item.content as unknown
    if (!(content instanceof Y.ContentFormat)) { yield { item, attributes }; continue }
    attributes = { ...attributes }
    if (content.value === null) delete attributes[content.key]
    else attributes[content.key] = content.value
  }
}

/** A standing text block's characters (an inline element or embed counts as one), with where each stands. */
export function blockTextNow(block: Y.XmlElement): BlockText {
  let text = ''
  const characters: Character[] = []
  const object = (inline: AnyItem | null = null) => { text += inline ? inlineCharacter(inline) : OBJECT; characters.push({ carried: false, attributes: NO_ATTRIBUTES, place: null, inline }) }
  for (const child of block.toArray()) {
    if (!(child instanceof Y.XmlText)) { object((child as unknown as AnyType)._item); continue }
    for (let item = (child as unknown as AnyType)._start; item; item = item.right as AnyItem | null) {
      if (item.deleted || !item.countable) continue
      const content = item.content as unknown
      if (content instanceof Y.ContentString) {
        text += content.str
        for (let k = 0; k < content.str.length; k++) characters.push({ carried: false, attributes: NO_ATTRIBUTES, place: { text: child, item, offset: k }, inline: null })
      } else object()
    }
  }
  return { text, characters }
}

/** The key of a character (its Yjs id: client and clock, which stay when Yjs splits an item; an inline element's item's). */
export function characterKey(c: Character): string {
  if (c.inline) return `${c.inline.id.client}:${c.inline.id.clock}`
  return c.place ? `${c.place.item.id.client}:${c.place.item.id.clock + c.place.offset}` : ''
}

/** A character diff (diff-match-patch, bounded to 0.1 s): [-1 deleted | 0 equal | 1 inserted, text] runs. */
function diffCharacters(a: string, b: string): [number, string][] {
  const dmp = new DiffMatchPatch()
  dmp.Diff_Timeout = 0.1
  return dmp.diff_main(a, b, false)
}


/** How many blocks on either side of its place a block is looked for (when two elements' blocks do not pair one to one). */
const NEAR_BLOCKS = 8

/**
 * The standing block that `before` (block `index` of `count`) became in
 * `blocks`: the one at the same index when the counts agree, else the one
 * nearby sharing the longest start and end with it.
 */
export function counterpart(before: BlockText, index: number, count: number, blocks: Y.XmlElement[]): Y.XmlElement | null {
  if (count === blocks.length) return blocks[index] ?? null
  const at = Math.round(index * blocks.length / count)
  const text = before.text
  let best: Y.XmlElement | null = null
  let shared = -1
  for (let k = Math.max(0, at - NEAR_BLOCKS); k <= Math.min(blocks.length - 1, at + NEAR_BLOCKS); k++) {
    const other = blockTextNow(blocks[k]!).text
    let start = 0
    while (start < text.length && start < other.length && text[start] === other[start]) start++
    let end = 0
    while (end < text.length - start && end < other.length - start && text[text.length - 1 - end] === other[other.length - 1 - end]) end++
    if (start + end > shared) { shared = start + end; best = blocks[k]! }
  }
  return best
}

/**
 * Where the carried characters of `before` missing from `now` (the text of
 * the block they belong in) go: a character diff of the one against the
 * other; in each run `now` lacks, the carried characters are typed at that
 * place, grouped by their marks (others' characters missing there were
 * deleted by whoever wrote `now`). In order of place in `now`.
 */
export function missingWords(before: BlockText, now: string): Insertion[] {
  const out: Insertion[] = []
  let b = 0
  let t = 0
  /** The index in `before` just past the last character put into `out`. */
  let lastEnd = -1
  for (const [op, run] of diffCharacters(before.text, now)) {
    if (op === DiffMatchPatch.DIFF_EQUAL) { b += run.length; t += run.length; continue }
    if (op === DiffMatchPatch.DIFF_INSERT) { t += run.length; continue }
    for (let k = 0; k < run.length; k++, b++) {
      const c = before.characters[b]!
      if (!c.carried) continue
      const last = out.at(-1)
      if (c.inline) out.push({ at: t, text: before.text[b]!, attributes: {}, from: [c], inline: c.inline })
      else if (last && !last.inline && last.at === t && lastEnd === b && last.attributes === c.attributes) out[out.length - 1] = { ...last, text: last.text + before.text[b]!, from: [...last.from, c] }
      else out.push({ at: t, text: before.text[b]!, attributes: c.attributes as Record<string, unknown>, from: [c] })
      lastEnd = b + 1
    }
  }
  return out
}

/** Types an insertion into a standing text block: into the Y.XmlText at that place (a new one where none is). */
export function typeInto(block: Y.XmlElement, { at, text, attributes }: Insertion): void {
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

/** Deletes standing characters (as `blockTextBefore` read them), inline elements among them, from where they stand. */
export function deleteCharacters(characters: readonly Character[]): void {
  const byText = new Map<Y.XmlText, number[]>()
  // where each item starts, found once per item (its characters come one by one)
  const starts = new Map<AnyItem, number>()
  for (const { place, inline } of characters) {
    if (inline && !inline.deleted) deleteElement(inline.content.type as Y.XmlElement)
    if (!place || place.item.deleted) continue
    let start = starts.get(place.item)
    if (start === undefined) starts.set(place.item, start = indexOf(place.text, place.item))
    const indexes = byText.get(place.text) ?? []
    indexes.push(start + place.offset)
    byText.set(place.text, indexes)
  }
  for (const [text, indexes] of byText) {
    // from the end, a run of neighbours at a time: earlier indexes stay right
    indexes.sort((a, b) => b - a)
    for (let k = 0; k < indexes.length;) {
      let length = 1
      while (k + length < indexes.length && indexes[k + length] === indexes[k]! - length) length++
      text.delete(indexes[k + length - 1]!, length)
      k += length
    }
  }
}

/** Where a standing item starts in its Y.XmlText's content. */
function indexOf(text: Y.XmlText, target: AnyItem): number {
  let index = 0
  for (let item = (text as unknown as AnyType)._start; item && item !== target; item = item.right as AnyItem | null) {
    if (!item.deleted && item.countable) index += item.length
  }
  return index
}
