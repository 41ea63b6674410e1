/**
 * Copies of an inline element this page carried, made by a mover's page
 * that had it where a move left it (for moved-words.ts).
 *
 * A footnote this page added, left by a collaborator's move in another
 * provision, is carried back by this page (a copy with the same id, where
 * it belongs). The mover's page may move that other provision again before
 * it hears of the carrying: y-prosemirror then copies the footnote along,
 * as the mover's own element, with the same id, and the footnote would
 * stand twice. A footnote id is a footnote's: when a change from another
 * page brings an element with the id of one this page carried, and this
 * page's carried element still stands, the newcomer is that copy and is
 * deleted. (Words have no id: a word copied so stands twice; see
 * moved-words-random.test.ts.)
 */
import * as Y from 'yjs'
import { madeBy, type AnyItem, type AnyType } from './block-words.js'

/** The inline elements this page carried, by id, per document. */
const carriedElements = new WeakMap<Y.Doc, Map<string, Y.XmlElement>>()

/** Records that this page carried the inline element `element` (just typed into `doc`). */
export function rememberCarried(doc: Y.Doc, element: Y.XmlElement): void {
  const id = element.getAttribute('id')
  if (typeof id !== 'string' || id === '') return
  let byId = carriedElements.get(doc)
  if (!byId) carriedElements.set(doc, byId = new Map())
  byId.set(id, element)
}

/**
 * The elements `tr` (another page's change) brought that copy an inline
 * element this page carried, which still stands; `isOwn` picks this page's
 * Yjs client ids.
 */
export function copiesOfCarried(doc: Y.Doc, tr: Y.Transaction, isOwn: (client: number) => boolean): Y.XmlElement[] {
  const byId = carriedElements.get(doc)
  if (!byId || byId.size === 0 || tr.local) return []
  const out: Y.XmlElement[] = []
  const look = (element: Y.XmlElement) => {
    const id = element.getAttribute('id')
    const carried = typeof id === 'string' ? byId.get(id) : undefined
    const item = (element as unknown as AnyType)._item
    if (carried && carried !== element && !(carried as unknown as AnyType)._item?.deleted && item && !isOwn(item.id.client)) out.push(element)
    for (const child of element.toArray()) if (child instanceof Y.XmlElement) look(child)
  }
  for (const type of tr.changed.keys()) {
    if (!(type instanceof Y.XmlElement || type instanceof Y.XmlFragment) || (type._item as AnyItem | null)?.deleted) continue
    for (let child = (type as unknown as AnyType)._start; child; child = child.right as AnyItem | null) {
      if (!child.deleted && madeBy(child, tr) && child.content.type instanceof Y.XmlElement) look(child.content.type)
    }
  }
  return out
}
