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
 * id stands elsewhere, or an identified element holding its words changes
 * id. Before Yjs collects what was deleted, the words are read from where
 * they were and typed again into the element that now has the id they were
 * typed under, in the corresponding text block, at the same place relative
 * to the words around them, with the marks they had (an insertion mark
 * stays an insertion of the same delegation); from a rewritten element they
 * are deleted. That is a change of this page like any other: sent to the
 * server, kept offline.
 *
 * Only a page's own words are carried (one page per word: no copies), and
 * only words missing where they belong (the mover's copy holds every word
 * it knew of). A provision deleted, not moved, takes its words with it, as
 * any deletion does.
 */
import * as Y from 'yjs'
import { IDENTIFIED_NODES } from '../../schema/nodes.js'
import { blockTextBefore, blockTextNow, counterpart, deleteCharacters, missingWords, stoodBefore, textblocksBefore, textblocksNow, typeInto, type AnyItem, type AnyType, type Insertion } from './block-words.js'

/** Whether words of a Yjs client id are this page's to carry (its own id; see own-clients.ts for earlier pages'). */
export type OwnClients = (client: number) => boolean

/** The origin of the transactions that carry words back. */
export const MOVED_WORDS_ORIGIN = Object.freeze({ movedWords: true })

/** An element that held this page's words under provision id `id`: deleted, or now another provision's. */
interface Source { readonly element: AnyType; readonly id: string; readonly deleted: boolean }

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
  if (deleted.size === 0 && renamed.length === 0) return 0
  // the document is walked for ids only now: not for a deletion of text, nor for typing
  const standing = identifiedElements(fragment)
  const sources: Source[] = []
  for (const chain of deleted.values()) {
    const element = chain.find(e => standing.has(idOf(e) ?? ''))
    if (element) sources.push({ element, id: idOf(element)!, deleted: true })
  }
  for (const { element, id } of renamed) if (standing.has(id) && standing.get(id) !== element) sources.push({ element, id, deleted: false })

  const insertions: [Y.XmlElement, Insertion[]][] = []
  for (const { element, id, deleted } of sources) {
    // from a deleted element, this page's words; from a rewritten one, those still standing in it (the mover deleted those it knew)
    const carried = (item: AnyItem) => isOwn(item.id.client) && (deleted || !item.deleted)
    const before = textblocksBefore(element, tr, !deleted).map(b => blockTextBefore(b, tr, carried))
    // an element given another id with its text as it was (the server's repair of a repeated id) keeps its words
    if (!deleted && !before.some(b => b.characters.some(c => c.place?.item.deleted))) continue
    const now = textblocksNow(standing.get(id)!)
    before.forEach((text, k) => {
      if (!text.characters.some(c => c.carried)) return
      const target = counterpart(text, k, before.length, now)
      const missing = target ? missingWords(text, blockTextNow(target)) : []
      if (missing.length) insertions.push([target!, missing])
    })
  }
  if (insertions.length === 0) return 0
  let count = 0
  doc.transact(() => {
    // out of the rewritten elements first (their places are read as they stand), then into the right ones
    deleteCharacters(insertions.flatMap(([, list]) => list.flatMap(i => i.from)))
    // the last place first: the places computed in the block's text stay right (words at one place keep their order)
    for (const [block, list] of insertions) for (const insertion of [...list].reverse()) { typeInto(block, insertion); count += insertion.text.length }
  }, MOVED_WORDS_ORIGIN)
  return count
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
    // the entry the id had before: left of the current one, the first that stood before the change
    let entry = element._map.get('id')?.left as AnyItem | null | undefined
    while (entry && !stoodBefore(entry, tr)) entry = entry.left as AnyItem | null
    const id = entry?.content.getContent().at(-1)
    if (typeof id === 'string' && id !== idOf(element)) out.push({ element, id })
  }
  return out
}

/** The id of an identified element, read even when the element is deleted (before Yjs collects it). */
function idOf(type: AnyType | Y.XmlElement): string | undefined {
  const entry = (type as AnyType)._map.get('id')
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
