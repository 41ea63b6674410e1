/**
 * Commenting in a Yjs update: comment entries inserted into the document's
 * comments (the root Y.Array `comments`), and entries of it deleted, and
 * nothing else. Validation (extensions/validation.ts) takes such an update
 * without applying it to a copy of the whole document, which cost 7 ms a
 * comment on Resolution 50 and 83 ms on a document of 2,000 provisions:
 * what the comments are after it is read off the live array and the
 * update's own entries. What counts as commenting here must be exactly what
 * cannot touch anything but the comments:
 *
 * - every struct of the update is an item of well-formed comment entries
 *   (Yjs's ContentAny, as `Y.Array.push` and `insert` write them; at least
 *   one) with no map key, whose neighbours (origin, right origin) are items
 *   of the comments the document holds or earlier items of the update; an
 *   item with neither names the root `comments` as its parent;
 * - every item starts where its client's known clocks end: no gap, no
 *   overlap with what the document holds;
 * - every deletion removes entries of the comments the document holds (or
 *   ranges already deleted and collected), at least one clock;
 * - the document waits for nothing (no pending structs or deletions), its
 *   comments are all entries (no JSON or other content, which no page
 *   writes), and no client is listed twice, nor listed with nothing.
 *
 * Anything else (an entry of the wrong shape too) is not commenting, and is
 * checked in full on a copy. So is commenting that `acceptableCommenting`
 * does not take (in another's name, a reply taken away ...): the full check
 * then gives the reasons, worded as for any other update. (Ranges of length
 * 0, and clients listed twice, are refused before either:
 * collab/integration-cost.ts.)
 */
import * as Y from 'yjs'
import { commentProblem } from '../../protocol/comments.js'
import { COMMENTS } from '../../protocol/shared-doc.js'
import { commentAuthorshipProblems, type CommentWriter } from './comment-authorship.js'
import { entryBytes, noCommentChange, TOMBSTONE_BYTES, type CommentChange } from './comment-room.js'
import { clientsListedOnce } from './integration-cost.js'
import { structAt } from './typing.js'
import { decodedOnce, type Decoded } from './update-problems.js'

/** What a commenting update does to the comments of a document. */
export interface Commenting {
  /** The entries it inserts, in the update's order. */
  readonly inserted: readonly unknown[]
  /** Per item of the live comments it deletes entries of: the offsets of those entries in the item. */
  readonly deleted: ReadonlyMap<Y.Item, ReadonlySet<number>>
  /** What it does to the comments, per client that wrote them (comment-room.ts), as applying it would count. */
  readonly change: CommentChange
}

/** Whether a struct is an item of the comments array `comments`. */
const inComments = (s: Y.Item | Y.GC | null, comments: Y.Array<unknown>): s is Y.Item => s instanceof Y.Item && s.parent === comments && s.parentSub === null

/**
 * What `update`, an update to `doc`, does to its comments, when it is
 * commenting (see the module comment); null when it is anything else, or
 * cannot be read. `acceptedEnd` tells where the clocks of a client's
 * updates accepted but not applied yet end (0 when none).
 */
export function commentingOf(doc: Y.Doc, update: Uint8Array, acceptedEnd: (client: number) => number = () => 0): Commenting | null {
  try {
    return readCommenting(doc, update, decodedOnce(update), acceptedEnd)
  } catch {
    return null
  }
}

function readCommenting(doc: Y.Doc, update: Uint8Array, decoded: Decoded, acceptedEnd: (client: number) => number): Commenting | null {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown }
  if (store.pendingStructs != null || store.pendingDs != null) return null
  const comments = doc.getArray(COMMENTS)
  const change = noCommentChange()
  const inserted: unknown[] = []
  /** The clocks of the update's items so far, per client: start and end (a client's structs come together, in order). */
  const own = new Map<number, [number, number]>()
  const add = (client: number, n: number) => change.byClient.set(client, (change.byClient.get(client) ?? 0) + n)
  let client = -1
  let expected = 0
  for (const s of decoded.structs) {
    if (s.id.client !== client) {
      client = s.id.client
      // Yjs keeps only the last list of a client listed twice: not commenting
      if (own.has(client)) return null
      expected = Math.max(Y.getState(doc.store, client), acceptedEnd(client))
      own.set(client, [expected, expected])
    }
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny) || s.parentSub !== null || s.length <= 0) return null
    if (s.id.clock !== expected) return null
    const neighbours = [s.origin, s.rightOrigin].filter((id): id is Y.ID => id !== null)
    if (neighbours.length === 0 && (s.parent as unknown) !== COMMENTS) return null   // a root is named by a string in a decoded update
    for (const id of neighbours) {
      const earlier = own.get(id.client)
      const ofUpdate = earlier !== undefined && earlier[0] <= id.clock && id.clock < earlier[1]
      if (!ofUpdate && !inComments(structAt(doc, id), comments)) return null
    }
    let bytes = 0
    for (const entry of s.content.getContent()) {
      // an entry of the wrong shape is the full check's to refuse (and it is the full check that says why)
      if (commentProblem(entry, 0) !== null) return null
      inserted.push(entry)
      bytes += entryBytes(entry)
    }
    change.inserted++
    add(client, bytes)
    expected = s.id.clock + s.length
    own.get(client)![1] = expected
  }
  // a client listed with no struct (a second time, its first list then dropped by Yjs) is not seen in the structs
  if (!clientsListedOnce(update, decoded.structs)) return null
  // comments written otherwise than as entries (no page does) are read by the full check alone (walked once the update
  // is known to be commenting: a change of the text, checked in full anyway, does not walk them)
  for (let item = comments._start; item !== null; item = item.right) if (!item.deleted && !(item.content instanceof Y.ContentAny)) return null
  const deleted = new Map<Y.Item, Set<number>>()
  for (const [deleter, ranges] of decoded.ds.clients) {
    const stored = doc.store.clients.get(deleter)
    for (const { clock, len } of ranges) {
      // deletes only what the document holds (an update deleting its own items is checked in full)
      if (len <= 0 || !stored || Y.getState(doc.store, deleter) < clock + len) return null
      for (let i = Y.findIndexSS(stored, clock); i < stored.length && stored[i]!.id.clock < clock + len; i++) {
        const s = stored[i]!
        if (s instanceof Y.GC) continue
        if (!inComments(s, comments)) return null
        if (s.deleted) continue
        const from = Math.max(clock, s.id.clock) - s.id.clock
        const to = Math.min(clock + len, s.id.clock + s.length) - s.id.clock
        const entries = (s.content as Y.ContentAny).getContent()
        const offsets = deleted.get(s) ?? new Set<number>()
        let bytes = 0
        for (let k = from; k < to; k++) if (!offsets.has(k)) { offsets.add(k); bytes += entryBytes(entries[k]) }
        deleted.set(s, offsets)
        // Yjs splits the item at the range's ends and deletes the piece between: one tombstone for it
        if (bytes > 0) add(s.id.client, TOMBSTONE_BYTES - bytes)
      }
    }
  }
  return { inserted, deleted, change }
}

/** The entries of the live comments, and those after `commenting` (the update's own entries last). */
export function commentsBeforeAndAfter(doc: Y.Doc, commenting: Commenting): { before: unknown[]; after: unknown[] } {
  const before: unknown[] = []
  const after: unknown[] = []
  for (let item = doc.getArray(COMMENTS)._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentAny)) continue
    const gone = commenting.deleted.get(item)
    const entries = item.content.getContent()
    for (let k = 0; k < entries.length; k++) {
      before.push(entries[k])
      if (!gone?.has(k)) after.push(entries[k])
    }
  }
  for (const entry of commenting.inserted) after.push(entry)
  return { before, after }
}

/**
 * Whether validation may take `commenting` as it is: with `writer`, the
 * comments change only as their authorship allows (comment-authorship.ts;
 * every entry inserted is well formed, or it would not be commenting).
 * When not, the update is checked in full, which says why.
 */
export function acceptableCommenting(doc: Y.Doc, commenting: Commenting, writer?: CommentWriter): boolean {
  if (!writer) return true
  const { before, after } = commentsBeforeAndAfter(doc, commenting)
  return commentAuthorshipProblems(before, after, writer).length === 0
}
