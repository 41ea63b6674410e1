/**
 * Room for comments in a shared document, so that comments cannot starve
 * the text. Comments travel in the document (the Y.Array `comments`) and
 * count towards its size limit (`MAX_DOCUMENT_BYTES`); a reviewer posting
 * comments as fast as she was let filled a document to its limit in a few
 * minutes, after which every drafter's insertion was refused. Two rules:
 *
 * - all comments together may not take the document past three quarters
 *   of its limit (`COMMENT_CEILING_SHARE`): an update that inserts anything
 *   into the comments is refused past it, and the last quarter is the
 *   text's. Deleted comments (Yjs keeps a small record of each) and
 *   everything else in the document count, since the document's size does;
 * - one delegation's comments, its accounts together, may take at most an
 *   eighth of the limit in one document (`DELEGATION_SHARE`). What a
 *   delegation holds is counted by who wrote each entry, not by the name in
 *   it: a reply is written as a new copy of its comment, and the copy is
 *   its writer's (the copy it replaces no longer counts for whoever wrote
 *   that), so copies of another delegation's comment are paid by the
 *   copier. A deleted entry still counts `TOMBSTONE_BYTES` for its writer,
 *   so posting and deleting without end is bounded too.
 *
 * The count is kept per Yjs client (each page's session), from each
 * transaction's state vectors and delete set, never by reading the whole
 * array again (`commentChange`); which clients are a delegation's is the
 * document's attribution (collab/attribution-map.ts). A refused update is
 * neither applied nor stored; the page says why (4413, too large).
 */
import * as Y from 'yjs'
import { COMMENTS } from '../../protocol/shared-doc.js'

/** Share of the document's size limit past which nothing may be inserted into the comments. */
export const COMMENT_CEILING_SHARE = 3 / 4
/** Share of the document's size limit one delegation's comments may take in one document. */
export const DELEGATION_SHARE = 1 / 8
/** What a deleted comment entry still counts for its writer (Yjs keeps its ids and neighbours: some 20 bytes). */
export const TOMBSTONE_BYTES = 24
/** How every reason of this module starts (extensions/validation.ts refuses them as too large, not invalid). */
export const NO_ROOM = 'no room for comments: '

/** The bounds for a document size limit of `maxDocumentBytes`. */
export interface CommentRoom {
  /** Size past which an update inserting into the comments is refused, bytes. */
  ceiling: number
  /** Bytes one delegation's comments may take in one document. */
  perDelegation: number
}

/** The bounds that go with a document size limit. */
export function commentRoomFor(maxDocumentBytes: number): CommentRoom {
  return { ceiling: Math.floor(maxDocumentBytes * COMMENT_CEILING_SHARE), perDelegation: Math.floor(maxDocumentBytes * DELEGATION_SHARE) }
}

/** Bytes of one comment entry as the document holds it (its JSON in UTF-8: Yjs writes its strings so). */
export function entryBytes(entry: unknown): number {
  return Buffer.byteLength(JSON.stringify(entry) ?? '')
}

/** Bytes of the entries an item of the comments holds (0 for one whose content is gone). */
function itemBytes(item: Y.Item): number {
  if (!(item.content instanceof Y.ContentAny)) return 0
  let n = 0
  for (const entry of item.content.getContent()) n += entryBytes(entry)
  return n
}

/** How one transaction changed the comments. */
export interface CommentChange {
  /** Per Yjs client: what its entries count now less what they counted before (an entry deleted leaves `TOMBSTONE_BYTES`). */
  byClient: Map<number, number>
  /** Items inserted into the comments (deleted in the same transaction or not). */
  inserted: number
}

/** An empty change, to be filled by `addCommentChange`. */
export function noCommentChange(): CommentChange {
  return { byClient: new Map(), inserted: 0 }
}

/**
 * Adds to `change` what `tr` did to `comments`: the items inserted are those
 * of the clocks between the transaction's state vectors, the items deleted
 * those of its delete set; nothing else of the array is read. Call it from
 * an 'afterTransaction' listener (deleted entries still hold their content
 * then; Yjs collects them after).
 */
export function addCommentChange(change: CommentChange, tr: Y.Transaction, comments: Y.Array<unknown>): void {
  const add = (client: number, n: number) => change.byClient.set(client, (change.byClient.get(client) ?? 0) + n)
  const clients = tr.doc.store.clients
  tr.afterState.forEach((end, client) => {
    const start = tr.beforeState.get(client) ?? 0
    const structs = clients.get(client)
    if (end <= start || !structs) return
    for (let i = Y.findIndexSS(structs, start); i < structs.length && structs[i]!.id.clock < end; i++) {
      const s = structs[i]!
      if (!(s instanceof Y.Item) || s.parent !== comments) continue
      change.inserted++
      add(client, s.deleted ? TOMBSTONE_BYTES : itemBytes(s))
    }
  })
  Y.iterateDeletedStructs(tr, tr.deleteSet, s => {
    // an item inserted by this transaction was counted above
    if (s instanceof Y.Item && s.parent === comments && s.id.clock < (tr.beforeState.get(s.id.client) ?? 0)) add(s.id.client, TOMBSTONE_BYTES - itemBytes(s))
  })
}

/**
 * What the comments of a live document count, per Yjs client that wrote
 * them: read once (every item of the array), then kept up to date from the
 * document's transactions that change the comments.
 */
export class CommentBytes {
  private readonly held = new Map<number, number>()

  constructor(document: Y.Doc) {
    const comments = document.getArray(COMMENTS)
    for (let item = comments._start; item !== null; item = item.right) this.add(item.id.client, item.deleted ? TOMBSTONE_BYTES : itemBytes(item))
    document.on('afterTransaction', (tr: Y.Transaction) => {
      if (!tr.changed.has(comments as Y.AbstractType<Y.YEvent<any>>)) return
      const change = noCommentChange()
      addCommentChange(change, tr, comments)
      for (const [client, n] of change.byClient) this.add(client, n)
    })
  }

  private add(client: number, n: number): void {
    const total = (this.held.get(client) ?? 0) + n
    if (total > 0) this.held.set(client, total)
    else this.held.delete(client)
  }

  /** What the comments of the clients `own` accepts count together. */
  heldBy(own: (client: number) => boolean): number {
    let n = 0
    for (const [client, bytes] of this.held) if (own(client)) n += bytes
    return n
  }
}

/**
 * Why an update that made `change` may not be taken for lack of room (null when there is room): one of
 * `delegation`, whose clients `own` accepts, would hold `held` bytes of comments before it.
 */
export function delegationRoomProblem(room: CommentRoom, delegation: string, held: number, change: CommentChange, own: (client: number) => boolean): string | null {
  let grows = 0
  for (const [client, n] of change.byClient) if (own(client)) grows += n
  if (grows <= 0 || held + grows <= room.perDelegation) return null
  return `${NO_ROOM}the comments of ${delegation.slice(0, 60)} in this document would take ${held + grows} bytes, and one delegation's comments may take ${room.perDelegation}; delete some of them to comment again`
}

/** Why an update inserting into the comments may not bring a document of `size` bytes (with it) past the ceiling, or null. */
export function ceilingProblem(room: CommentRoom, size: number): string | null {
  if (size <= room.ceiling) return null
  return `${NO_ROOM}comments may not take the document past ${room.ceiling} bytes, three quarters of its size limit: the rest is kept for the text (it would hold ${size})`
}
