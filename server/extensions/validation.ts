/**
 * Validation: every incoming Yjs update is checked before Hocuspocus
 * applies, stores or relays it. Plain typing (strings inserted into, or
 * deleted from, existing text) is recognised from the update itself and the
 * live document, at the cost of decoding the update. Anything else is
 * applied to a copy of the document (the live state plus the updates
 * accepted in the last seconds, which may not have reached it yet) and the
 * result checked: ProseMirror schema and `findProblems`, the comments'
 * shape, no other top-level content. An update that fails, is too large or
 * is not a Yjs update is refused (see collab/refusal.ts).
 */
import type { beforeHandleMessagePayload, Document, Extension, afterUnloadDocumentPayload } from '@hocuspocus/server'
import * as Y from 'yjs'
import { commentAuthorshipProblems } from '../collab/comment-authorship.js'
import type { CommentWriter } from '../collab/comment-authorship.js'
import type { Node } from 'prosemirror-model'
import { hasBrackets, reviewBrackets, type BracketOperation } from '../collab/brackets.js'
import { attributionChanged, commentsProblems, nodeFromYDoc, rootProblems } from '../collab/content.js'
import { problemsBeyondIds } from '../collab/id-repair.js'
import { ATTRIBUTION, COMMENTS, FRAGMENT } from '../../protocol/shared-doc.js'
import { parseMessage } from '../collab/messages.js'
import type { Logger } from '../log.js'
import { REFUSED_INVALID, REFUSED_READ_ONLY, REFUSED_TOO_LARGE, refuse } from '../collab/refusal.js'

/** Options of the validation extension. */
export interface ValidationOptions {
  /** Largest message accepted, in bytes (default 1 MiB). */
  maxMessageBytes?: number | undefined
  /** Largest encoded state of a document, in bytes (default 8 MiB): an update that would pass it is refused. */
  maxDocumentBytes?: number | undefined
  /** Where refused updates are reported, with document and user. */
  logger?: Logger | undefined
  /** Told the bracket operations of each accepted update (collab/brackets.ts), for the activity log. */
  onBracketOperations?: ((documentName: string, user: CommentWriter, operations: BracketOperation[]) => void) | undefined
}

/** A copy of a live document. */
function newCopy(source: Document): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  doc.getXmlFragment(FRAGMENT)
  doc.getArray(COMMENTS)
  doc.getMap(ATTRIBUTION)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
  return doc
}

function onlyInsertsText(update: Uint8Array): boolean {
  const { structs } = Y.decodeUpdate(update)
  return structs.every(s => s instanceof Y.GC || s instanceof Y.Skip || (s instanceof Y.Item && s.content instanceof Y.ContentString && s.parentSub === null))
}

const hasPending = (doc: Y.Doc) => {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown }
  return store.pendingStructs != null || store.pendingDs != null
}

/**
 * What is wrong with `doc` (a copy of a document) after `update` (empty when
 * the update is acceptable). With `writer`, comments must also be changed
 * only as their authorship allows (collab/comment-authorship.ts).
 */
export function problemsAfter(doc: Y.Doc, update: Uint8Array, writer?: CommentWriter, operations?: BracketOperation[]): string[] {
  let textOnly: boolean
  try { textOnly = onlyInsertsText(update) } catch { return ['not a Yjs update'] }
  const pendingBefore = hasPending(doc)
  const commentsBefore = writer ? doc.getArray(COMMENTS).toJSON() : []
  // the bracket rules compare the document before and after (collab/brackets.ts); only in this slow path
  let before: Node | null = null
  if (writer) { try { before = nodeFromYDoc(doc) } catch { before = null } }
  let changed: Y.AbstractType<unknown>[] = []
  const collect = (tr: Y.Transaction) => { changed = [...tr.changed.keys()] as Y.AbstractType<unknown>[] }
  doc.on('afterTransaction', collect)
  try { Y.applyUpdate(doc, update) } catch (e) { return [`not a Yjs update (${(e as Error).message})`] } finally { doc.off('afterTransaction', collect) }
  const roots = rootProblems(doc)
  if (roots.length) return roots
  if (attributionChanged(doc, changed)) return [`changes to "${ATTRIBUTION}", which only the server writes`]
  const comments = doc.getArray(COMMENTS)
  // Formatting items are not "countable", so Yjs does not list their type in
  // `transaction.changed`: only updates made of plain strings (and deletions
  // inside text) may skip the whole-document check.
  const fast = textOnly && !pendingBefore && !hasPending(doc)
  const problems: string[] = []
  if (!fast || changed.includes(comments as Y.AbstractType<unknown>)) {
    problems.push(...commentsProblems(doc))
    if (writer && problems.length === 0) problems.push(...commentAuthorshipProblems(commentsBefore, comments.toJSON(), writer))
  }
  // ids repeated or dropped by concurrent edits are repaired by the server (extensions/id-repair.ts), not refused
  if (!fast || changed.some(t => t !== comments && !(t instanceof Y.XmlText))) problems.push(...problemsBeyondIds(doc))
  if (writer && before && problems.length === 0) {
    let after: Node | null = null
    try { after = nodeFromYDoc(doc) } catch { after = null }
    if (after && (hasBrackets(before) || hasBrackets(after))) {
      const review = reviewBrackets(before, after, writer)
      problems.push(...review.problems)
      operations?.push(...review.operations)
    }
  }
  return problems
}

/** How long accepted updates are kept for copies of the document, ms. */
const RECENT_MS = 3000

type Decoded = ReturnType<typeof Y.decodeUpdate>

/** The item holding `id` in the document, or null when the document does not have it yet. */
function itemAt(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null
  return Y.getItem(doc.store, id) as Y.Item | Y.GC
}

/**
 * Whether a decoded update only types: every inserted struct is a string
 * whose neighbour (and so its parent) is already in a Y.XmlText of the
 * document, and every deletion removes text or formatting inside a
 * Y.XmlText. Such an update cannot break the document model.
 */
export function isPlainTyping(doc: Y.Doc, { structs, ds }: Decoded, acceptedText: (id: Y.ID) => boolean = () => false): boolean {
  const textParent = (item: Y.Item | Y.GC | null) => item instanceof Y.Item && item.parent instanceof Y.XmlText
  const own = new Map<number, Y.Item[]>()
  for (const s of structs) {
    if (s instanceof Y.Skip || s instanceof Y.GC) continue
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString) || s.parentSub !== null) return false
    const neighbour = s.origin ?? s.rightOrigin
    if (neighbour) {
      const inUpdate = own.get(neighbour.client)?.some(o => o.id.clock <= neighbour.clock && neighbour.clock < o.id.clock + o.length)
      if (!inUpdate && !textParent(itemAt(doc, neighbour)) && !acceptedText(neighbour)) return false
    } else {
      const parent = s.parent as unknown
      if (!(parent instanceof Y.ID)) return false
      const holder = itemAt(doc, parent)
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType) || !(holder.content.type instanceof Y.XmlText)) return false
    }
    const list = own.get(s.id.client) ?? []
    list.push(s)
    own.set(s.id.client, list)
  }
  for (const [client, ranges] of ds.clients) {
    const stored = doc.store.clients.get(client)
    for (const { clock, len } of ranges) {
      if (!stored || Y.getState(doc.store, client) < clock + len) return false
      for (let i = Y.findIndexSS(stored, clock); i < stored.length && stored[i]!.id.clock < clock + len; i++) {
        const s = stored[i]!
        if (s instanceof Y.GC) continue
        if (!textParent(s) || !((s as Y.Item).content instanceof Y.ContentString || (s as Y.Item).content instanceof Y.ContentFormat || (s as Y.Item).content instanceof Y.ContentDeleted)) return false
      }
    }
  }
  return true
}

/** An accepted update the live document may not hold yet. */
interface Accepted {
  at: number
  update: Uint8Array
  /** Last clock + 1 per client of its structs. */
  ends: [number, number][]
  /** Whether it was plain typing (its strings sit in a Y.XmlText). */
  text: boolean
  /** First clock per client (for text lookups). */
  starts: [number, number][]
}

/** The validation extension. */
export class Validation implements Extension {
  extensionName = 'resdraft-validation'
  priority = 200
  private readonly maxBytes: number
  private readonly maxDocumentBytes: number
  private readonly logger: Logger | undefined
  private readonly onBracketOperations: ValidationOptions['onBracketOperations']
  /** Updates accepted lately per document, oldest first. */
  private readonly recent = new Map<string, Accepted[]>()
  /**
   * An upper bound of each document's encoded size: measured when unknown or
   * when it passes the limit, else grown by the size of each accepted update
   * (so plain typing costs an addition, not an encoding).
   */
  private readonly sizes = new Map<string, number>()

  constructor(options: ValidationOptions = {}) {
    this.maxBytes = options.maxMessageBytes ?? 1024 * 1024
    this.maxDocumentBytes = options.maxDocumentBytes ?? 8 * 1024 * 1024
    this.logger = options.logger
    this.onBracketOperations = options.onBracketOperations
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.recent.delete(documentName)
    this.sizes.delete(documentName)
  }

  /** Why `update` would make the document too large (null when it fits); updates that only delete always fit. */
  private sizeProblem(document: Document, documentName: string, update: Uint8Array, decoded: Decoded, pending: readonly Accepted[]): string | null {
    const measure = () => {
      let n = Y.encodeStateAsUpdate(document).length
      for (const a of pending) n += a.update.length
      this.sizes.set(documentName, n)
      return n
    }
    let size = this.sizes.get(documentName) ?? measure()
    if (size + update.length > this.maxDocumentBytes) {
      // measure again: the bound may be loose (deletions, text merged into runs)
      size = measure()
      const inserts = decoded.structs.some(s => s instanceof Y.Item)
      if (inserts && size + update.length > this.maxDocumentBytes) return `the document would exceed its size limit of ${this.maxDocumentBytes} bytes (it holds ${size})`
    }
    return null
  }

  /** Accepted updates the document does not hold yet (and not older than RECENT_MS). */
  private pending(document: Document, documentName: string): Accepted[] {
    const now = Date.now()
    const list = (this.recent.get(documentName) ?? []).filter(a => a.at >= now - RECENT_MS && (a.ends.length === 0 || a.ends.some(([client, end]) => Y.getState(document.store, client) < end)))
    this.recent.set(documentName, list)
    return list
  }

  /** What is wrong with the document after `update` (empty when it is acceptable); records it when accepted. */
  check(document: Document, documentName: string, update: Uint8Array, writer?: CommentWriter, operations?: BracketOperation[]): string[] {
    let decoded: Decoded
    try { decoded = Y.decodeUpdate(update) } catch { return ['not a Yjs update'] }
    const pending = this.pending(document, documentName)
    const tooLarge = this.sizeProblem(document, documentName, update, decoded, pending)
    if (tooLarge) return [tooLarge]
    const acceptedText = (id: Y.ID) => pending.some(a => a.text && a.starts.some(([c, start], i) => c === id.client && start <= id.clock && id.clock < a.ends[i]![1]))
    const text = isPlainTyping(document, decoded, acceptedText)
    if (!text) {
      const copy = newCopy(document)
      for (const a of pending) Y.applyUpdate(copy, a.update)
      try {
        const problems = problemsAfter(copy, update, writer, operations)
        if (problems.length) return problems
      } finally { copy.destroy() }
    }
    const starts = new Map<number, number>()
    const ends = new Map<number, number>()
    for (const st of decoded.structs) {
      if (!starts.has(st.id.client)) starts.set(st.id.client, st.id.clock)
      ends.set(st.id.client, st.id.clock + st.length)
    }
    pending.push({ at: Date.now(), update, text, starts: [...starts], ends: [...ends] })
    this.sizes.set(documentName, this.sizes.get(documentName)! + update.length)
    return []
  }

  /** Whether `update` changes nothing but the comments (what a reviewer may send). */
  onlyComments(document: Document, documentName: string, update: Uint8Array): boolean {
    const copy = newCopy(document)
    try {
      for (const a of this.pending(document, documentName)) Y.applyUpdate(copy, a.update)
      const comments = copy.getArray(COMMENTS)
      let others = false
      copy.on('afterTransaction', (tr: Y.Transaction) => { for (const t of tr.changed.keys()) if (t !== comments) others = true })
      try { Y.applyUpdate(copy, update) } catch { return false }
      return !others && rootProblems(copy).length === 0 && !hasPending(copy)
    } finally { copy.destroy() }
  }

  async beforeHandleMessage({ update: data, connection, document, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    const user = (context as { user?: CommentWriter & { username?: string } }).user
    const refused = (code: number, reason: string) => {
      this.logger?.warn('update refused', { document: documentName, user: user?.username ?? user?.name, delegation: user?.delegation, code, reason: reason.slice(0, 300) })
      return refuse(connection, code, reason)
    }
    if (data.length > this.maxBytes) throw refused(REFUSED_TOO_LARGE, `message of ${data.length} bytes exceeds the limit of ${this.maxBytes}`)
    let update: Uint8Array | undefined
    try { update = parseMessage(data).update } catch (e) { throw refused(REFUSED_INVALID, `malformed message: ${(e as Error).message}`) }
    if (!update) return
    // A reviewer may change comments only: anything else is refused (not applied, not stored) and the connection closed.
    if ((context as { commentOnly?: boolean }).commentOnly && !this.onlyComments(document, documentName, update)) {
      throw refused(REFUSED_READ_ONLY, 'read-only: reviewers may comment but not change the text')
    }
    if (connection.readOnly) {
      if (!Y.snapshotContainsUpdate(Y.snapshot(document), update)) {
        // Hocuspocus itself refuses it (sync status false); say why.
        connection.sendStateless(JSON.stringify({ type: 'refused', code: REFUSED_READ_ONLY, reason: 'read-only: you may not change this document' }))
      }
      return
    }
    const operations: BracketOperation[] = []
    const problems = this.check(document, documentName, update, user, operations)
    if (!problems.length && operations.length && user) this.onBracketOperations?.(documentName, user, operations)
    if (problems.length) throw refused(problems[0]!.startsWith('the document would exceed') ? REFUSED_TOO_LARGE : REFUSED_INVALID, `invalid update: ${problems.slice(0, 3).join('; ')}`)
  }
}
