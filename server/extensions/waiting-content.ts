/**
 * Content that waits for ever is let go. Yjs keeps an update's content or
 * deletions whose earlier clocks it has not received (its pending structs
 * and deletions) and places them once those clocks come: a change that
 * overtook the one before it, or a page's deletion of its own text whose
 * update went out on a socket that closed. Validation accepts such waiting
 * content within bounds (collab/integration-cost.ts). But while anything
 * waits, no update of the document may take the typing fast path
 * (collab/typing.ts): each keystroke of everyone is checked on a copy of
 * the whole document, 33 ms instead of 0.1 ms on a document ten times the
 * size of Resolution 50. Clocks that never come (the page was closed, or
 * the sender made them up) would make that last as long as the document is
 * loaded, and, the update being stored, after every later load too.
 *
 * So content that has waited `expiryMs` without changing is dropped, and
 * so is whatever still waits once a document is loaded (by the load itself,
 * extensions/persistence.ts, which compacts the log it replayed without
 * it). Nothing is lost by
 * that: the missing clocks can only come from the page that made them,
 * through the sync every page makes when it (re)connects, and a page's
 * sync answer holds all the content the server lacks and every deletion the
 * page knows of, the dropped ones included.
 *
 * What is dropped from memory must go from the update log too (`onDropped`:
 * the log compacted without it, extensions/persistence.ts): the log kept a
 * waiting deletion, and its replay at the next load applied it to the text
 * its clocks named once that text had come, typed after the drop, shown to
 * everyone and acknowledged (a drafter deleting ahead the clocks a colleague
 * would type next: hostile/socket-waiting-deletions.test.ts).
 */
import type { Document, Extension, afterLoadDocumentPayload, afterUnloadDocumentPayload } from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { Logger } from '../log.js'

/** How long content may wait unchanged before it is dropped, ms (a change overtaking another waits a round trip). */
export const DEFAULT_WAITING_EXPIRY_MS = 10_000

/** Options of the waiting-content extension. */
export interface WaitingContentOptions {
  /** How long content may wait unchanged, ms (default DEFAULT_WAITING_EXPIRY_MS). */
  expiryMs?: number | undefined
  /** Where dropped content is reported (info). */
  logger?: Logger | undefined
  /** Told of each document whose waiting content was dropped, to drop it from the update log too; a rejection is logged. */
  onDropped?: ((documentName: string) => Promise<void>) | undefined
}

/** Yjs's store fields for what waits (not in its typings). */
interface PendingStore {
  pendingStructs: { update: Uint8Array } | null
  pendingDs: Uint8Array | null
}

const pendingOf = (doc: Y.Doc) => doc.store as unknown as PendingStore

/** Bytes of a document's waiting content and deletions (0 when nothing waits). */
export function waitingBytes(doc: Y.Doc): number {
  const store = pendingOf(doc)
  return (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0)
}

/** Drops what waits in `doc`; returns its bytes. */
export function dropWaiting(doc: Y.Doc): number {
  const bytes = waitingBytes(doc)
  const store = pendingOf(doc)
  store.pendingStructs = null
  store.pendingDs = null
  return bytes
}

/** What waits in one document: its size when last seen, since when it has been that size, and the timer that checks it. */
interface Waiting { bytes: number; since: number; timer: NodeJS.Timeout | null }

/** The waiting-content extension (see the module comment). */
export class WaitingContent implements Extension {
  extensionName = 'resdraft-waiting-content'
  private readonly expiryMs: number
  private readonly waiting = new Map<Document, Waiting>()

  constructor(private readonly options: WaitingContentOptions = {}) {
    this.expiryMs = options.expiryMs ?? DEFAULT_WAITING_EXPIRY_MS
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    document.on('afterTransaction', () => this.seen(document, documentName))
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    for (const [document, w] of this.waiting) {
      if (document.name !== documentName) continue
      if (w.timer) clearTimeout(w.timer)
      this.waiting.delete(document)
    }
  }

  async onDestroy(): Promise<void> {
    for (const w of this.waiting.values()) if (w.timer) clearTimeout(w.timer)
    this.waiting.clear()
  }

  /** After each transaction: starts (or restarts, when it changed) the wait of what waits, or forgets it. */
  private seen(document: Document, documentName: string): void {
    const bytes = waitingBytes(document)
    const w = this.waiting.get(document)
    if (bytes === 0) {
      if (w?.timer) clearTimeout(w.timer)
      this.waiting.delete(document)
      return
    }
    if (w && w.bytes === bytes) return
    if (w?.timer) clearTimeout(w.timer)
    const next: Waiting = { bytes, since: Date.now(), timer: null }
    next.timer = setTimeout(() => this.expire(document, documentName, next), this.expiryMs)
    next.timer.unref()
    this.waiting.set(document, next)
  }

  private expire(document: Document, documentName: string, w: Waiting): void {
    if (this.waiting.get(document) !== w) return
    this.waiting.delete(document)
    if (waitingBytes(document) !== w.bytes) { this.seen(document, documentName); return }
    const bytes = dropWaiting(document)
    this.options.logger?.info('waiting content dropped', { document: documentName, bytes, waitedMs: Date.now() - w.since })
    this.dropFromLog(documentName)
  }

  /** Has the dropped content dropped from the update log too (see the module comment); a failure is logged, not thrown (a timer runs this). */
  private dropFromLog(documentName: string): void {
    this.options.onDropped?.(documentName).catch(e => {
      this.options.logger?.error('waiting content could not be dropped from the update log', { document: documentName, error: (e as Error).message })
    })
  }
}
