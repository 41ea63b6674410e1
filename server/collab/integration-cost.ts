/**
 * What integrating an update costs Yjs, known before any of it is applied.
 *
 * Yjs places an inserted item between its origin (the item it was typed
 * after) and its right origin (the item it was typed before). When other
 * items have come between the two since, Yjs steps over each of them to
 * decide the order (its conflict resolution, YATA): ordinary concurrent
 * typing steps over a handful. An update crafted so that thousands of items
 * share one origin, or whose right origins lie far from their origins, makes
 * Yjs step over thousands of items for each of thousands of items: one
 * message of under 1 MiB held a server's event loop for 30 s, and so did
 * every later load of the document that stored it.
 *
 * `integrationSteps` counts, from the update's struct headers and the live
 * document, an upper estimate of those steps:
 *
 * - for each item, the items of the document Yjs steps over from where it
 *   starts looking (right after its origin, or its parent's start when it
 *   has no origin) towards its right origin: the concurrent inserts at that
 *   place, walked in the document as Yjs walks them. An origin or right
 *   origin that is an item of the same update stands where that item goes:
 *   just before its own right origin, followed to the document;
 * - for items of the update placed at one place (the same origin, or the
 *   start of the same parent), one step for each earlier one: k items at one
 *   place step over each other, k(k-1)/2 steps; but none for an item put
 *   just before an earlier one of the same place (blocks inserted again and
 *   again at one place), which Yjs places at once.
 *
 * The walk stops as soon as the total passes the limit, or one item's steps
 * pass MAX_ITEM_STEPS (concurrent inserts gathered at one place over many
 * updates), so the count costs at most the update's length plus the limit.
 * Validation refuses an update over either before Yjs sees it
 * (extensions/validation.ts).
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

/** An inserted item of an update, as its header places it (GC and Skip structs are not placed). */
export interface PlacedItem {
  readonly client: number
  readonly clock: number
  /** Length in clocks. */
  readonly length: number
  readonly origin: Y.ID | null
  readonly rightOrigin: Y.ID | null
  /** The parent, given only when the item has neither neighbour: an item's id, or the name of a root. */
  readonly parent: Y.ID | string | null
}

/**
 * Steps over other items that one update may make Yjs take (default 20,000:
 * a few milliseconds; concurrent typing by a room of delegates takes tens).
 */
export const MAX_INTEGRATION_STEPS = 20_000

/**
 * Steps over other items one item may take (default 256). Concurrent inserts
 * at one place add up across updates: each passes the per-update limit
 * while the document gathers thousands at one place, and every later load
 * of it pays their conflict resolution again (measured: 6,000 one-character
 * inserts at one place, one per update, made the document take 2.9 s to
 * load). With at most 256 at any place, the largest document the size limit
 * admits loads in about a second. Ordinary editing steps over a few; a
 * delegate typing offline at a place where others inserted hundreds of
 * separate items meanwhile would be refused.
 */
export const MAX_ITEM_STEPS = 256

/** How far a neighbour inside the update is followed to the document. */
const MAX_FOLLOW = 64

/** The struct of the document holding `id`, or null when the document does not hold it yet. */
function holder(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null
  return Y.getItem(doc.store, id) as Y.Item | Y.GC
}

/** The first item of a type's list (the items a text, element or fragment holds, in order). */
function startOf(type: unknown): Y.Item | null {
  return type instanceof Y.AbstractType ? (type as unknown as { _start: Y.Item | null })._start : null
}

/** The update's items by client, in clock order, to find the one holding an id. */
class UpdateItems {
  private readonly byClient = new Map<number, PlacedItem[]>()
  /** Per item: the document item it stands before (null: the end of its list; undefined: not known). */
  private readonly before = new Map<PlacedItem, Y.Item | null | undefined>()
  constructor(private readonly doc: Y.Doc | null, items: readonly PlacedItem[]) {
    for (const item of items) {
      const list = this.byClient.get(item.client)
      if (list) list.push(item); else this.byClient.set(item.client, [item])
    }
  }

  /** The item of the update holding `id`, if any. */
  at(id: Y.ID): PlacedItem | null {
    const list = this.byClient.get(id.client)
    if (!list) return null
    let lo = 0, hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const item = list[mid]!
      if (id.clock < item.clock) hi = mid - 1
      else if (id.clock >= item.clock + item.length) lo = mid + 1
      else return item
    }
    return null
  }

  /**
   * The document item a right origin stands for: itself when the document
   * holds it, else (an item of this update) the one that item stands before.
   * Null is the end of the list; undefined, not known.
   */
  rightOf(id: Y.ID | null, depth = 0): Y.Item | null | undefined {
    if (id === null) return null
    const held = this.doc ? holder(this.doc, id) : null
    if (held) return held instanceof Y.Item ? held : undefined
    const item = this.at(id)
    if (!item || depth > MAX_FOLLOW) return undefined
    if (this.before.has(item)) return this.before.get(item)
    const found = this.rightOf(item.rightOrigin, depth + 1)
    this.before.set(item, found)
    return found
  }
}

/** The parent a neighbourless (or origin-less) item goes into, as a key and its list's first item (undefined when not known). */
function parentOf(doc: Y.Doc, item: PlacedItem, items: UpdateItems): { key: string; start: Y.Item | null | undefined } {
  if (item.rightOrigin) {
    const right = items.rightOf(item.rightOrigin)
    if (!right) return { key: `<${item.rightOrigin.client}:${item.rightOrigin.clock}`, start: undefined }
    const type = right.parent
    const owner = (type as unknown as { _item: Y.Item | null } | null)?._item
    return { key: owner ? `^${owner.id.client}:${owner.id.clock}` : `^${typeof right.parentSub === 'string' ? '' : rootName(doc, type)}`, start: startOf(type) }
  }
  if (typeof item.parent === 'string') return { key: `^${item.parent}`, start: doc.share.has(item.parent) ? startOf(doc.share.get(item.parent)) : undefined }
  if (item.parent) {
    const p = holder(doc, item.parent)
    const start = p instanceof Y.Item && p.content instanceof Y.ContentType ? startOf(p.content.type) : undefined
    return { key: `^${item.parent.client}:${item.parent.clock}`, start }
  }
  return { key: '^', start: undefined }
}

/** The name of a root type of the document (for keys). */
function rootName(doc: Y.Doc, type: unknown): string {
  for (const [name, t] of doc.share) if (t === type) return name
  return ''
}

/** Where `item` starts looking for its place, as a key of that place and the first document item it steps over. */
function startOfSearch(doc: Y.Doc, item: PlacedItem, items: UpdateItems): { key: string; from: Y.Item | null | undefined } {
  if (!item.origin) {
    const { key, start } = parentOf(doc, item, items)
    return { key, from: start }
  }
  const { client, clock } = item.origin
  const key = `${client}:${clock}`
  const left = holder(doc, item.origin)
  if (left instanceof Y.Item) {
    if (clock < left.id.clock + left.length - 1) {
      // an origin inside an item: Yjs splits it there, and the remainder comes next (typing into a word: the
      // right origin is the remainder's start, and nothing is stepped over). Inserts of one update that split one
      // item step over each other's pieces: they share a place, the item.
      if (item.rightOrigin?.client === client && item.rightOrigin.clock === clock + 1) return { key, from: undefined }
      return { key: `/${left.id.client}:${left.id.clock}`, from: left }
    }
    return { key, from: left.right }
  }
  if (left) return { key, from: undefined }
  // an origin of this update: it stands just before its own right origin
  const origin = items.at(item.origin)
  return { key, from: origin ? items.rightOf(origin.rightOrigin) : undefined }
}

/** Whether two ids (or their absence) are the same. */
const sameId = (a: Y.ID | null, b: Y.ID | null) => a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock)

/**
 * The items Yjs's conflict resolution steps over to place `item` between
 * `from` and `right` in the document as it is, as its integration walks
 * them (at most `limit`): past concurrent inserts at the same place (the
 * same origin, or placed after one already stepped over), and no further
 * than the first item that is neither, where Yjs stops too.
 */
function conflictSteps(doc: Y.Doc, item: PlacedItem, from: Y.Item | null, right: Y.Item | null, limit: number): number {
  const passed = new Set<Y.Item | Y.GC>()
  let steps = 0
  for (let o = from; o !== null && o !== right && steps < limit; o = o.right) {
    steps++
    passed.add(o)
    // an insert at the same place: the item holding the origin itself (its remainder after the split, whose origin
    // is the origin's clock), or another with the same origin
    const holdsOrigin = item.origin !== null && o.id.client === item.origin.client && o.id.clock <= item.origin.clock && item.origin.clock < o.id.clock + o.length
    if (holdsOrigin || sameId(o.origin, item.origin)) {
      if (o.id.client >= item.client && sameId(o.rightOrigin, item.rightOrigin)) break
    } else {
      const before = o.origin ? holder(doc, o.origin) : null
      if (!before || !passed.has(before)) break
    }
  }
  return steps
}

/** A struct of an update as its header gives it (GC structs included; Skip structs left out). */
export interface UpdateStruct { readonly client: number; readonly clock: number; readonly length: number }

/**
 * Whether Yjs can place an update now: `'now'`, `'later'` when some of it
 * waits for content of its own clients the server has not received yet
 * (a change sent while the one before it is still on its way, or held back
 * by a rate limit: Yjs keeps it waiting until that arrives), or why it is
 * refused. Refused: an insert whose origin, right origin or parent belongs to
 * a client the update does not hold and the server never received (nor was
 * given a moment earlier); waiting content (a deletion of clocks the server
 * has not received counts too) of more than MAX_WAITING_CLIENTS clients;
 * deletions of more than MAX_WAITING_DELETIONS such ranges; a neighbour named inside a
 * string of the same update, which no Yjs client writes (its own strings
 * are split where it inserts); a clock past 2^53 (`clocksExact`); or a range of length 0 (`OF_LENGTH_ZERO`). Yjs tries waiting content again at every
 * later update, at a cost that grows with all that waits: one update of
 * 20,000 strings between clients nobody had heard of made every later
 * keystroke in the document cost 5 s. `knownEnd(client)` is where the
 * clocks the server holds or has accepted end.
 */
export function placeability(structs: readonly UpdateStruct[], items: readonly PlacedItem[], deletions: readonly { client: number; clock: number; len: number }[], knownEnd: (client: number) => number): 'now' | 'later' | string {
  if (!clocksExact(structs, items, deletions)) return CLOCKS_PAST_EXACT
  if (structs.some(s => s.length <= 0) || deletions.some(d => d.len <= 0)) return OF_LENGTH_ZERO
  const ends = new Map<number, number>()
  const waiting = new Set<number>()
  for (const s of structs) {
    const end = ends.get(s.client) ?? knownEnd(s.client)
    if (s.clock > end) waiting.add(s.client)
    ends.set(s.client, Math.max(end, s.clock + s.length))
  }
  const index = new UpdateItems(null, items)
  /** Whether `id` is known, or else may wait (its client's content is in this update): false when it may not. */
  const available = (id: Y.ID) => {
    if (id.clock < (ends.get(id.client) ?? knownEnd(id.client))) return true
    if (!ends.has(id.client)) return false
    waiting.add(id.client)
    return true
  }
  for (const item of items) {
    for (const [id, edge] of [[item.origin, 'end'], [item.rightOrigin, 'start']] as const) {
      if (!id) continue
      if (!available(id)) return 'it inserts next to content the server never received'
      const own = index.at(id)
      if (own && (edge === 'end' ? id.clock !== own.clock + own.length - 1 : id.clock !== own.clock)) return 'it names a neighbour inside a string of its own'
    }
    if (item.parent && typeof item.parent !== 'string' && !available(item.parent)) return 'it inserts into content the server never received'
  }
  // a deletion of clocks the server has not received yet waits for them (Yjs keeps it until they come): a page
  // deletes only what it holds, and what it holds but the server lacks is its own text, sent on a socket that
  // closed or still on its way (the deletion overtakes it on the next socket, before the page's sync answer)
  let deletionsWaiting = 0
  for (const d of deletions) {
    if (d.clock + d.len <= (ends.get(d.client) ?? knownEnd(d.client))) continue
    waiting.add(d.client)
    if (++deletionsWaiting > MAX_WAITING_DELETIONS) return 'it deletes too much content the server never received'
  }
  if (waiting.size > MAX_WAITING_CLIENTS) return `it waits for content of ${waiting.size} clients the server never received`
  return waiting.size > 0 ? 'later' : 'now'
}

/**
 * Why an update holding a deletion or a struct of length 0 is refused: no Yjs client writes one, and Yjs does
 * not take it as any other (a deletion of no clocks the document lacks makes it throw once the update is applied,
 * and the update log no longer replays; one inside a string splits it, an emoji into two U+FFFD).
 */
export const OF_LENGTH_ZERO = 'it holds a deletion or an item of length 0, which no Yjs client writes'

/**
 * Why an update listing a client twice, or a client with nothing, is refused: Yjs keeps only the last list of a
 * client, so the items of the first never come, and an item placed after one of them waits for its clock, which
 * the sender's next typing then fills: a comment among the letters. No Yjs client writes such an update.
 */
export const CLIENTS_LISTED_OTHERWISE = 'it lists a client twice, or a client with nothing, which no Yjs client writes'

/** Whether the client lists of `update` (version 1) name as many clients as its `structs` hold: none twice, none empty. */
export function clientsListedOnce(update: Uint8Array, structs: readonly { id: Y.ID }[]): boolean {
  const listed = decoding.readVarUint(decoding.createDecoder(update))
  const clients = new Set<number>()
  for (const s of structs) clients.add(s.id.client)
  return listed === clients.size
}

/** Why an update naming a clock past `Number.MAX_SAFE_INTEGER` is refused (see `clocksExact`). */
export const CLOCKS_PAST_EXACT = 'it names clocks past 2^53, which no Yjs client writes'

/**
 * Whether every clock an update names, and the end of every struct and
 * deletion, is an integer a double holds exactly. An eight-byte varint
 * decodes to a number past 2^53 (lib0 checks the range only before the
 * last byte): Yjs keeps such a deletion waiting and encodes it again with
 * its clocks rounded, and an update log holding one, with a later waiting
 * deletion, could no longer be replayed (Yjs throws "Unexpected case"), so
 * the document never loaded again (server/hostile/socket-clock-overflow.test.ts).
 */
export function clocksExact(structs: readonly UpdateStruct[], items: readonly PlacedItem[], deletions: readonly { clock: number; len: number }[]): boolean {
  const exact = (end: number) => end <= Number.MAX_SAFE_INTEGER
  for (const s of structs) if (!exact(s.clock + s.length)) return false
  for (const d of deletions) if (!exact(d.clock + d.len)) return false
  for (const item of items) {
    for (const id of [item.origin, item.rightOrigin, item.parent]) if (id && typeof id !== 'string' && !exact(id.clock + 1)) return false
  }
  return true
}

/** Clients of one update whose content may wait for earlier content of theirs (a sender's own: one or two). */
export const MAX_WAITING_CLIENTS = 4

/**
 * Ranges of one update's deletions that may wait for clocks the server has
 * not received (a page deleting its own text just typed: a range or a few).
 * Yjs tries waiting deletions again at every later update of the document.
 */
export const MAX_WAITING_DELETIONS = 64

/**
 * An upper estimate of the items Yjs steps over to integrate `items` into
 * `doc` (see the module comment); stops counting once past `limit`.
 */
export function integrationSteps(doc: Y.Doc, items: readonly PlacedItem[], limit: number = MAX_INTEGRATION_STEPS, itemLimit: number = MAX_ITEM_STEPS): number {
  const index = new UpdateItems(doc, items)
  const atPlace = new Map<string, number>()
  const placeOf = new Map<PlacedItem, string>()
  let steps = 0
  for (const item of items) {
    const start = startOfSearch(doc, item, index)
    placeOf.set(item, start.key)
    // an item put just before another of the same place (text typed, or blocks inserted, again and again at one
    // place): Yjs finds its right neighbour right there and steps over nothing
    const next = item.rightOrigin ? index.at(item.rightOrigin) : null
    if (next && placeOf.get(next) === start.key && item.rightOrigin!.clock === next.clock) {
      atPlace.set(start.key, (atPlace.get(start.key) ?? 0) + 1)
      continue
    }
    const before = atPlace.get(start.key) ?? 0
    atPlace.set(start.key, before + 1)
    let own = before
    if (own <= itemLimit && start.from !== undefined) {
      const right = index.rightOf(item.rightOrigin)
      if (right !== undefined) own += conflictSteps(doc, item, start.from, right, itemLimit - own + 1)
    }
    // one item past its own limit refuses the update as the total would
    if (own > itemLimit) return limit + 1
    steps += own
    if (steps > limit) return steps
  }
  return steps
}

/** Why an update placing an item between neighbours that do not stand in that order is refused (`neighboursInOrder`). */
export const NEIGHBOURS_CROSSED = 'it places an item between neighbours that do not stand in that order (its right origin is not to the right of its origin)'

/**
 * Whether every item of the update whose two neighbours the document holds
 * has its right origin to the right of its origin, as every Yjs client
 * writes them (the item right after the origin when the insert was made;
 * only items inserted there since can stand between them): within one item
 * (the two merged since, or typing into a word) the clock right after the
 * origin's, else an item found walking right from the origin's. Yjs takes
 * crossed neighbours too, but places the item otherwise when it integrates
 * the update than when it loads the stored document, so the server and
 * every reload would disagree on the order for good. The walks of one
 * update take at most `limit` steps together (an update needing more is
 * refused, as one whose conflicts cost too much).
 */
export function neighboursInOrder(doc: Y.Doc, items: readonly PlacedItem[], limit: number = MAX_INTEGRATION_STEPS): boolean {
  let steps = 0
  for (const item of items) {
    if (!item.origin || !item.rightOrigin) continue
    const left = holder(doc, item.origin)
    const right = holder(doc, item.rightOrigin)
    // a neighbour of the update itself, or collected (Yjs gives the item no parent then): nothing to compare
    if (!(left instanceof Y.Item) || !(right instanceof Y.Item)) continue
    if (left === right) {
      if (item.rightOrigin.clock !== item.origin.clock + 1) return false
      continue
    }
    let o = left.right
    while (o !== null && o !== right && steps < limit) { o = o.right; steps++ }
    if (o !== right) return false
  }
  return true
}

/** The placed items of a decoded update (`Y.decodeUpdate`). */
export function placedItems(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): PlacedItem[] {
  const out: PlacedItem[] = []
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const parent = s.parent instanceof Y.ID || typeof s.parent === 'string' ? s.parent : null
    out.push({ client: s.id.client, clock: s.id.clock, length: s.length, origin: s.origin, rightOrigin: s.rightOrigin, parent })
  }
  return out
}
