/**
 * Words typed into a provision while a collaborator moves it, kept in it.
 *
 * y-prosemirror cannot move a shared element. Within a section it rewrites
 * the shared elements in place: the element that held the moved provision
 * now holds its neighbour's text and id, and the other the moved one's. To
 * another section (or an item to another provision), it deletes the shared
 * element and inserts a copy, with the same `id`, where it now stands. An
 * undo of the move does the same backwards. Either way, words this page
 * typed into the element that the mover had not yet received (typed
 * offline, or in flight as the move was made) stay where they were typed:
 * in the element, now another provision (rewritten), or deleted with it,
 * on every page (moved).
 *
 * This page sees that happen when the change arrives: in a transaction from
 * another page, its own words are deleted with an identified element whose
 * id stands elsewhere, or an identified element holding its words changes id
 * and has its text rewritten. Before Yjs collects what was deleted, the
 * words are read from where they were and typed again into the element that
 * now has the id they were typed under, in the corresponding text block, at
 * the same place relative to the words around them, with the marks they had
 * (an insertion mark stays an insertion of the same delegation); from a
 * rewritten element they are deleted. A footnote the page added goes the
 * same way, whole, as a copy with its id (inline-copies.ts). That is a
 * change of this page like any other: sent to the server, kept offline.
 *
 * Only a page's own words are carried (one page per word: no copies), and
 * only words missing where they belong (the mover's copy holds every word it
 * knew of); words this page carried before that a later rewrite leaves in
 * another provision again leave it even when their provision holds them (a
 * mover copied the words they were carried from). A provision deleted, not
 * moved, takes its words with it, as any deletion does, unless the change
 * wrote its text again elsewhere: joined to the provision before it
 * (Backspace at its start), its words go with its text (joined-words.ts).
 * Words typed into text a change cut from its block and wrote elsewhere (a
 * split) go with it too (cut-words.ts), and a footnote this page carried
 * is not doubled by a mover's copy of it (carried-copies.ts).
 * What this cannot mend: a mover's page that receives the words where a move
 * left them and copies them into a later move before this page has carried
 * them back (moved-words-random.test.ts measures how often). A version
 * written over the text (a restore, server/restore.ts) rewrites and deletes
 * elements as a move does, but drops the words typed since the version on
 * purpose; the change says what it knew (protocol/written-over.ts), and
 * words it knew stay as it left them. Words it did not know (typed offline)
 * are carried as from a move.
 */
import * as Y from 'yjs'
import { IDENTIFIED_NODES } from '../../schema/nodes.js'
import { knownToRewrite } from '../../protocol/written-over.js'
import { inlineCopyBefore, insertInline, type InlineCopy } from './inline-copies.js'
import { blocksWrittenBy, joinedInto } from './joined-words.js'
import { cutRuns } from './cut-words.js'
import { copiesOfCarried, rememberCarried } from './carried-copies.js'
import { blockTextBefore, blockTextNow, characterKey, counterpart, deleteCharacters, deleteElement, madeBy, missingWords, stoodBefore, textblocksBefore, textblocksNow, typeInto, type AnyItem, type AnyType, type BlockText, type Character, type Insertion } from './block-words.js'

/** Whether words of a Yjs client id are this page's to carry (its own id; see own-clients.ts for earlier pages'). */
export type OwnClients = (client: number) => boolean

/** The origin of the transactions that carry words back. */
export const MOVED_WORDS_ORIGIN = Object.freeze({ movedWords: true })

/**
 * An element that held this page's words under provision id `id`: deleted, or now another provision's; deleted with
 * no element of its id standing (`id` null), its text may have been joined to another provision (joined-words.ts).
 */
interface Source { readonly element: AnyType; readonly id: string | null; readonly deleted: boolean }

/**
 * Carries this page's words that a collaborator's move (or its undo) in
 * `tr` deleted or left in another provision back into theirs (see the
 * module comment), in one transaction with `MOVED_WORDS_ORIGIN`. Returns
 * how many characters were carried.
 */
export function keepMovedWords(doc: Y.Doc, fragment: Y.XmlFragment, tr: Y.Transaction, isOwn: OwnClients = c => c === doc.clientID): number {
  // only another page's change can move this page's words without this page asking
  if (tr.local) return 0
  const deleted = deletedWithElements(tr, isOwn)
  const renamed = renamedElements(tr)
  const cuts = cutRuns(tr, isOwn)
  const strayCopies = copiesOfCarried(doc, tr, isOwn)
  if (deleted.size === 0 && renamed.length === 0 && cuts.length === 0 && strayCopies.length === 0) return 0
  // the document is walked for ids only now: not for a deletion of text, nor for typing
  const standing = identifiedElements(fragment)
  // a version written over the text in this change dropped the words it knew on purpose
  const rewrite = knownToRewrite(tr)
  const sources: Source[] = []
  for (const chain of deleted.values()) {
    const element = chain.find(e => standing.has(idBefore(e, tr) ?? ''))
    // (one element once: words in a footnote the page added, an identified element of its own with no copy
    // standing, lead to the provision holding it, as do the provision's own words)
    if (element && !sources.some(s => s.element === element)) sources.push({ element, id: idBefore(element, tr)!, deleted: true })
    // no copy stands: the outermost element deleted, whose text a join may have written elsewhere
    const outermost = chain.at(-1)!
    if (!element && !sources.some(s => s.element === outermost)) sources.push({ element: outermost, id: null, deleted: true })
  }
  for (const { element, id } of renamed) {
    const holder = standing.get(id) as AnyType | undefined
    if (!holder || holder === element) continue
    // a split: the binding kept the element for the part after the caret (its id the fresh one) and made a new one
    // under the old id for the part before it; words stay where their text stands (cut-words.ts takes those cut)
    if (holder._item && madeBy(holder._item, tr)) continue
    sources.push({ element, id, deleted: false })
  }

  // What leaves each source, read before anything moves: from a deleted element, this page's words; from a rewritten
  // one, those still standing in it (the mover deleted those it knew). An element given another id with its text as
  // it was (the server's repair of a repeated id) keeps its words.
  const plans = sources.map(({ element, id, deleted }) => {
    const carried = (item: AnyItem) => isOwn(item.id.client) && (deleted || !item.deleted)
    const types = textblocksBefore(element, tr, !deleted)
    const blocks = types.map(b => notKnownTo(rewrite, blockTextBefore(b, tr, carried)))
    const rewritten = deleted || blocks.some(b => b.characters.some(c => c.place?.item.deleted)) || types.some(b => writtenInto(b, tr))
    return { target: id === null ? null : standing.get(id)!, types, blocks: rewritten ? blocks : [], deleted }
  })
  // text cut from a block of an element read above is that element's to carry
  const read = new Set(plans.flatMap(plan => plan.types))
  const cutsLeft = cuts.filter(cut => !read.has(cut.block)).map(cut => ({ ...cut, text: notKnownTo(rewrite, cut.text) }))
  // A block words go into is compared without the words that may leave it (words of two provisions rewritten into
  // each other go both ways); what does leave, leaves before anything comes in.
  const leaving = new Set<string>()
  for (const plan of plans) if (!plan.deleted) for (const b of plan.blocks) for (const c of b.characters) if (c.carried) leaving.add(characterKey(c))
  for (const cut of cutsLeft) for (const c of cut.text.characters) if (c.carried) leaving.add(characterKey(c))
  const moves: { target: Y.XmlElement; now: BlockText; missing: Insertion[] }[] = []
  const deletions: Character[] = []
  /** Whether this page typed `c` when it carried words before (not when its user typed). */
  const carriedBefore = ({ place }: Character) => place !== null && place.item.id.client === doc.clientID &&
    carriedClocks(doc).some(([from, to]) => place.item.id.clock + place.offset >= from && place.item.id.clock + place.offset < to)
  let written: Y.XmlElement[] | null = null
  /** Carries this page's words in `text` (deleted or cut by the change) to where the change wrote that text again; returns those going. */
  const toWhereWritten = (text: BlockText): Set<Character> => {
    const joined = joinedInto(text, written ??= blocksWrittenBy(tr), tr, leaving)
    if (!joined) return new Set()
    const missing = missingWords(text, joined.segment).map(i => ({ ...i, at: i.at + joined.offset }))
    if (missing.length) moves.push({ target: joined.block, now: joined.now, missing })
    return new Set(missing.flatMap(i => i.from))
  }
  // cut and written elsewhere (a provision split): out of the block they stood in, into the text
  for (const { text } of cutsLeft) {
    const going = toWhereWritten(text)
    for (const c of text.characters) if (going.has(c)) deletions.push(c)
  }
  for (const plan of plans) {
    if (plan.target === null) {
      // joined to another provision: the words go where the change wrote the text they stood in
      for (const text of plan.blocks) if (text.characters.some(c => c.carried)) toWhereWritten(text)
      continue
    }
    const now = textblocksNow(plan.target)
    plan.blocks.forEach((text, k) => {
      if (!text.characters.some(c => c.carried)) return
      const target = counterpart(text, k, plan.blocks.length, now)
      if (!target) return
      const standingText = blockTextNow(target)
      const missing = missingWords(text, without(standingText, leaving))
      if (missing.length) moves.push({ target, now: standingText, missing })
      if (plan.deleted) return
      // out of a rewritten element go the words carried, and the words this page carried there before that the
      // provision they belong to holds already (a mover copied the words they were carried from)
      const going = new Set(missing.flatMap(i => i.from))
      for (const c of text.characters) if (going.has(c) || (c.carried && carriedBefore(c))) deletions.push(c)
    })
  }
  if (deletions.length === 0 && moves.length === 0 && strayCopies.length === 0) return 0
  // inline elements carried are read as they stood before anything is deleted (their copies are typed again)
  const copies = new Map<AnyItem, InlineCopy>()
  for (const { missing } of moves) for (const { inline } of missing) if (inline) copies.set(inline, inlineCopyBefore(inline, tr))
  const left = new Set(deletions.map(characterKey))
  let count = 0
  const firstClock = Y.getState(doc.store, doc.clientID)
  doc.transact(tr => {
    for (const copy of strayCopies) deleteElement(copy)
    deleteCharacters(deletions)
    // what each insertion made, with the characters it typed again as they were typed: an undo of their typing takes
    // the words they became too (undoWithCarriedWords)
    const made: Carried[] = []
    for (const { target, now, missing } of moves) {
      // the last place first: places stay right (words at one place keep their order)
      for (const insertion of [...missing].reverse()) {
        const start = Y.getState(doc.store, doc.clientID)
        const at = placeAfterLeaving(now, leaving, left, insertion.at)
        if (insertion.inline) rememberCarried(doc, insertInline(target, at, copies.get(insertion.inline)!))
        else typeInto(target, { ...insertion, at })
        count += insertion.text.length
        const from = insertion.from.flatMap(({ place }) => place ? [Y.createID(place.item.id.client, place.item.id.clock + place.offset)] : [])
        made.push({ from, clocks: [start, Y.getState(doc.store, doc.clientID)] })
      }
    }
    tr.meta.set(CARRIED, made)
  }, MOVED_WORDS_ORIGIN)
  carriedClocks(doc).push([firstClock, Y.getState(doc.store, doc.clientID)])
  return count
}

/** Whether `tr` wrote into a text block: a run or inline element, or words in a run, that it made and that stand. */
function writtenInto(block: AnyType, tr: Y.Transaction): boolean {
  const made = (item: AnyItem) => !item.deleted && madeBy(item, tr)
  for (let child = block._start; child; child = child.right as AnyItem | null) {
    if (made(child)) return true
    const run = child.content.type
    if (!(run instanceof Y.XmlText) || child.deleted) continue
    for (let item = (run as unknown as AnyType)._start; item; item = item.right as AnyItem | null) if (made(item)) return true
  }
  return false
}

/** `text` with the characters `known` (a version written over the text knew them) no longer to be carried. */
function notKnownTo(known: ((client: number, clock: number) => boolean) | null, text: BlockText): BlockText {
  if (!known) return text
  const knew = ({ place, inline }: Character) => place ? known(place.item.id.client, place.item.id.clock + place.offset) : inline !== null && known(inline.id.client, inline.id.clock)
  return { text: text.text, characters: text.characters.map(c => c.carried && knew(c) ? { ...c, carried: false } : c) }
}

/** The clock ranges of this page's characters that carrying transactions made, per document. */
const carried = new WeakMap<Y.Doc, [number, number][]>()

function carriedClocks(doc: Y.Doc): [number, number][] {
  let ranges = carried.get(doc)
  if (!ranges) carried.set(doc, ranges = [])
  return ranges
}

/** A block's text without the characters in `leaving`. */
function without(text: BlockText, leaving: ReadonlySet<string>): string {
  let out = ''
  text.characters.forEach((c, k) => { if (!leaving.has(characterKey(c))) out += text.text[k] })
  return out
}

/**
 * Where place `at` of a block's text without the words that may leave it
 * stands once the words that did leave it (`left`) have gone: after `at`
 * of the characters that stay, counting those that might have left but
 * did not.
 */
function placeAfterLeaving(now: BlockText, leaving: ReadonlySet<string>, left: ReadonlySet<string>, at: number): number {
  let seen = 0
  let place = 0
  for (const c of now.characters) {
    if (seen === at) break
    const key = characterKey(c)
    if (!leaving.has(key)) seen++
    if (!left.has(key)) place++
  }
  return place
}

/** Words a carrying transaction typed again: the ids their characters had when typed, and the clocks of this page's it made for them. */
interface Carried { readonly from: readonly Y.ID[]; readonly clocks: readonly [number, number] }

/** The key, in a carrying transaction's meta, of what it typed again (`Carried[]`). */
const CARRIED = Symbol('carried')

/**
 * Keeps an undo of this page's typing whole across carrying: the words
 * typed again are new characters, which the step that typed them (still on
 * `undoManager`'s undo stack, its characters now deleted or left elsewhere)
 * did not hold, so its undo left them and, having nothing left to undo,
 * undid the step before instead. The characters made for words typed again
 * join the latest undo step that typed any of them. Returns the function
 * that stops it.
 */
export function undoWithCarriedWords(undoManager: Y.UndoManager): () => void {
  const doc = undoManager.doc
  const listener = (tr: Y.Transaction) => {
    if (tr.origin !== MOVED_WORDS_ORIGIN) return
    for (const { from, clocks: [start, end] } of (tr.meta.get(CARRIED) as Carried[] | undefined) ?? []) {
      if (end <= start) continue
      const step = undoManager.undoStack.findLast(item => from.some(id => Y.isDeleted(item.insertions, id)))
      if (!step) continue
      const made = Y.createDeleteSet()
      made.clients.set(doc.clientID, [{ clock: start, len: end - start } as never])
      step.insertions = Y.mergeDeleteSets([step.insertions, made])
    }
  }
  doc.on('afterTransaction', listener)
  return () => doc.off('afterTransaction', listener)
}

/** Calls `keepMovedWords` after every transaction of `doc`; returns the function that stops it. */
export function watchMovedWords(doc: Y.Doc, fragment: Y.XmlFragment, isOwn?: OwnClients): () => void {
  const listener = (tr: Y.Transaction) => { keepMovedWords(doc, fragment, tr, isOwn) }
  doc.on('afterTransaction', listener)
  return () => doc.off('afterTransaction', listener)
}

/**
 * This page's words `tr` deleted with identified elements: for each
 * innermost such element, the deleted identified elements around the
 * words, innermost first (a deletion of text alone gives none).
 */
function deletedWithElements(tr: Y.Transaction, isOwn: OwnClients): Map<AnyType, AnyType[]> {
  const own = Y.createDeleteSet()
  for (const [client, ranges] of tr.deleteSet.clients) if (isOwn(client)) own.clients.set(client, ranges)
  const chains = new Map<AnyType, AnyType[]>()
  if (own.clients.size === 0) return chains
  Y.iterateDeletedStructs(tr, own, struct => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return
    const chain: AnyType[] = []
    for (let type = struct.parent as AnyType | null; type && type._item; type = type._item.parent as AnyType | null) {
      if (!(type instanceof Y.XmlElement) || !IDENTIFIED_NODES.has(type.nodeName)) continue
      if (!Y.isDeleted(tr.deleteSet, type._item.id)) break
      chain.push(type)
    }
    if (chain.length && !chains.has(chain[0]!)) chains.set(chain[0]!, chain)
  })
  return chains
}

/** Standing identified elements whose id `tr` changed (a rewrite in place), with the id they had. */
function renamedElements(tr: Y.Transaction): { element: AnyType; id: string }[] {
  const out: { element: AnyType; id: string }[] = []
  for (const [type, keys] of tr.changed) {
    if (!keys.has('id') || !(type instanceof Y.XmlElement) || !IDENTIFIED_NODES.has(type.nodeName)) continue
    const element = type as unknown as AnyType
    if (element._item?.deleted) continue
    const id = idBefore(element, tr)
    if (id !== undefined && id !== idOf(element)) out.push({ element, id })
  }
  return out
}

/** The id of an identified element (its current entry, read even when the element is deleted: before Yjs collects it). */
function idOf(type: AnyType | Y.XmlElement): string | undefined {
  const value = (type as AnyType)._map.get('id')?.content.getContent().at(-1)
  return typeof value === 'string' ? value : undefined
}

/** The id an identified element had before `tr` (the entry that stood then: ids set by `tr` stand left of it). */
function idBefore(element: AnyType, tr: Y.Transaction): string | undefined {
  let entry = element._map.get('id') as AnyItem | null | undefined
  while (entry && !stoodBefore(entry, tr)) entry = entry.left as AnyItem | null
  const value = entry?.content.getContent().at(-1)
  return typeof value === 'string' ? value : undefined
}

/** Every identified element standing in the document, by id (the first holder of an id). */
function identifiedElements(fragment: Y.XmlFragment): Map<string, Y.XmlElement> {
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
