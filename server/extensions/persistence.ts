/**
 * Persistence: loads a document from its stored updates, appends every
 * accepted incoming update to the store *before* Hocuspocus applies and
 * acknowledges it (so an acknowledged update is durable), and, on
 * Hocuspocus's debounced store, saves the canonical JSON and compacts the
 * update log (replaying it into a Y.Doc and re-encoding the state), also
 * right after a load that was slow (a large deletion in the log: Yjs merges
 * its structs one splice at a time, at every load until compacted); a save
 * that fails is logged and made again at the next change. An
 * update the store cannot take (a full disk, the database away) is logged
 * and not applied, and that client's socket is closed (1011): the client,
 * which still holds the change, reconnects and sends it again.
 */
import type { Extension, afterUnloadDocumentPayload, beforeHandleMessagePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server'
import * as Y from 'yjs'
import type { Actor, Store, User } from '../store/types.js'
import type { Logger } from '../log.js'
import type { StoreHealth } from '../store/store-health.js'
import type { DocumentLoads } from './document-loads.js'
import { jsonFromYDoc, yDocFromUpdates } from '../collab/content.js'
import { dropWaiting } from './waiting-content.js'
import { parseMessage, SYNC_STEP_2 } from '../collab/messages.js'
import { reconnectToResend, STORE_FAILED } from '../collab/refusal.js'
import { SERVER_BUSY } from '../../protocol/refusal.js'
import { countSessionUpdate } from '../collab/session-updates.js'
import type { LoadedShares } from '../collab/loaded-shares.js'

/** Options of the persistence extension. */
export interface PersistenceOptions {
  /** Compact a document's log once it holds this many updates (default 200). */
  compactAfter?: number
  /** Compact a document's log right after a load that took longer than this, ms (default 250). */
  compactLoadsSlowerThanMs?: number
  /** Where updates that could not be stored are reported. */
  logger?: Logger
  /** The loads' turns: a document's load is paid by the user whose opening made it. */
  loads?: DocumentLoads | undefined
  /** Told of every write, taken or refused (`/api/health`). */
  health?: StoreHealth | undefined
  /** Told which account's opening loaded each document, and from how many stored bytes (collab/loaded-shares.ts). */
  shares?: LoadedShares | undefined
}

const isEmptyUpdate = (u: Uint8Array) => u.length <= 2 && u.every(b => b === 0)

/** The persistence extension. */
export class Persistence implements Extension {
  extensionName = 'resdraft-persistence'
  priority = 100
  private readonly compactAfter: number
  private readonly compactLoadsSlowerThanMs: number
  /** Updates appended per document since it was last compacted. */
  private readonly appended = new Map<string, number>()
  /** Who last changed each document. */
  private readonly lastEditor = new Map<string, Actor>()

  constructor(private readonly store: Store, private readonly options: PersistenceOptions = {}) {
    this.compactAfter = options.compactAfter ?? 200
    this.compactLoadsSlowerThanMs = options.compactLoadsSlowerThanMs ?? 250
  }

  /** How many documents this extension keeps counts or an editor of (the loaded ones at most). */
  get documentsHeld(): number {
    return new Set([...this.appended.keys(), ...this.lastEditor.keys()]).size
  }

  async onLoadDocument({ document, documentName, context }: onLoadDocumentPayload): Promise<void> {
    let stored: Awaited<ReturnType<Store['loadUpdates']>>
    // a store that fails (PostgreSQL away) ends the load's turn at once: the next opening need not wait for its time-out;
    // the opening is refused as busy, which the page opens again after (Hocuspocus's word, 'permission-denied', it would
    // take as final: extensions/authentication.ts). Hocuspocus does not destroy a document whose load failed (its
    // unloading finds it not yet loaded): its awareness's 3-second timer, and the document, stayed for good.
    try { stored = await this.store.loadUpdates(documentName) } catch (e) {
      this.options.loads?.release(documentName)
      document.destroy()
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { reason: SERVER_BUSY })
    }
    const { updates, lastSeq } = stored
    const started = performance.now()
    // the load's turn (document-loads.ts): from here to the end of this turn of the event loop, paid by the opener
    const opener = (context as { user?: User } | undefined)?.user
    if (opener) this.options.loads?.loading(opener.id, documentName, started)
    try {
      document.transact(() => { for (const u of updates) Y.applyUpdate(document, u) })
    } catch (e) {
      // a log Yjs cannot replay (updates an earlier server stored): repaired, and the opening refused as busy (the page
      // opens it again a few seconds later, from the repaired log); this document object may hold part of an update
      this.options.loads?.release(documentName)
      document.destroy()
      const skipped = await this.repairLog(documentName, updates, lastSeq)
      if (!skipped) {
        this.options.logger?.error('stored updates could not be replayed, nor repaired; the log is left as it is', { document: documentName, updates: updates.length, error: (e as Error).message })
        throw e
      }
      this.options.logger?.error('stored updates could not be replayed; the log was compacted without them', { document: documentName, skipped: skipped.join(' '), of: updates.length, error: (e as Error).message })
      throw Object.assign(new Error(`the stored log of ${documentName} could not be replayed; it was repaired`), { reason: SERVER_BUSY })
    }
    const took = performance.now() - started
    const slow = took >= this.compactLoadsSlowerThanMs
    // what still waits for clocks never received is dropped once loaded (waiting-content.ts), from the log too
    const dropped = dropWaiting(document)
    if (dropped) this.options.logger?.info('waiting content dropped', { document: documentName, bytes: dropped, when: 'loaded' })
    // the document holds exactly the log through lastSeq: its state is the compacted log
    if (dropped || (updates.length > 1 && (slow || updates.length > this.compactAfter))) await this.store.compact(documentName, Y.encodeStateAsUpdate(document), lastSeq)
    this.appended.set(documentName, 0)
    // counted once loaded: a load that failed leaves nothing to count (nor, with Hocuspocus, any unloading to tell of)
    if (opener) this.options.shares?.loaded(documentName, opener.id, updates.reduce((sum, u) => sum + u.length, 0))
  }

  /**
   * A document that left memory is forgotten (its last save has run: Hocuspocus unloads a document with no save
   * pending); the next load counts afresh. Kept for every document ever loaded, they grew with each proposal an
   * assembly's server opened (soak probe). A load of the same name begun meanwhile keeps its own.
   */
  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    if (instance.documents.has(documentName)) return
    this.options.shares?.unloaded(documentName)
    this.appended.delete(documentName)
    this.lastEditor.delete(documentName)
  }

  async beforeHandleMessage({ update: data, connection, document, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    if (connection.readOnly) return
    const msg = parseMessage(data)
    if (!msg.update || isEmptyUpdate(msg.update)) return
    // A reconnecting client's SyncStep2 often holds nothing new.
    if (msg.syncStep === SYNC_STEP_2 && Y.snapshotContainsUpdate(Y.snapshot(document), msg.update)) return
    const user = (context as { user?: User }).user
    try {
      await this.store.appendUpdate(documentName, msg.update, { userId: user?.id ?? null })
      this.options.health?.writeSucceeded()
    } catch (e) {
      this.options.health?.writeFailed()
      this.options.logger?.error('update could not be stored (not applied; the client sends it again)', { document: documentName, user: user?.username, delegation: user?.delegation, error: (e as Error).message })
      reconnectToResend(connection, STORE_FAILED, 'the server could not store a change; it will be sent again')
      throw e
    }
    this.appended.set(documentName, (this.appended.get(documentName) ?? 0) + 1)
    countSessionUpdate(context)
    if (user) this.lastEditor.set(documentName, { name: user.name, delegation: user.delegation })
  }

  /**
   * Hocuspocus's debounced store. A snapshot that cannot be written (a full
   * disk, the database away) is logged, not thrown: Hocuspocus runs this hook
   * from a timer, where a thrown error would stop the process. Nothing is
   * lost: every accepted update is already in the update log, and the next
   * change (or the document's next unload) writes the snapshot again.
   */
  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    try {
      await this.saveSnapshot(document, documentName)
      this.options.health?.writeSucceeded()
    } catch (e) {
      this.options.health?.writeFailed()
      // on shutdown the server saves every document once more and reports what fails then (app.ts)
      if (this.shuttingDown) return
      this.options.logger?.error('document snapshot could not be written (its updates are in the update log; written again at the next change)', { document: documentName, error: (e as Error).message })
    }
  }

  /** Set once the server shuts down: a failed debounced save is then left to the last save to report. */
  shuttingDown = false

  /** Writes the document's canonical JSON (and compacts its update log when due); throws when the store fails. */
  async saveSnapshot(document: Y.Doc, documentName: string): Promise<void> {
    const meta = await this.store.getDocument(documentName)
    await this.store.storeJSON(documentName, jsonFromYDoc(document, meta?.lang), this.lastEditor.get(documentName) ?? null, new Date().toISOString())
    if ((this.appended.get(documentName) ?? 0) >= this.compactAfter) await this.compact(documentName)
  }

  /**
   * Compacts a document's stored log without the content that waits in it
   * for clocks it never received, once that content was dropped from memory
   * (extensions/waiting-content.ts): replayed later, it would apply to text
   * typed since and kept. Nothing is written when nothing waits.
   */
  async compactWithoutWaiting(documentName: string): Promise<void> {
    const { updates, lastSeq } = await this.store.loadUpdates(documentName)
    const doc = yDocFromUpdates(updates)
    try {
      if (dropWaiting(doc) > 0) await this.store.compact(documentName, Y.encodeStateAsUpdate(doc), lastSeq)
    } finally { doc.destroy() }
  }

  /**
   * Replays `updates` (a document's log through `lastSeq`) one by one,
   * leaving out each that Yjs cannot take (a throw may leave part of one
   * applied: the replay starts again without it), drops what still waits
   * for clocks never received (as every load does, waiting-content.ts), and
   * compacts the log to the result, once that result is known to replay;
   * otherwise the log is left as it is. Returns the places of the updates
   * left out, or null when the log was left.
   */
  private async repairLog(documentName: string, updates: readonly Uint8Array[], lastSeq: number): Promise<number[] | null> {
    const taken: Uint8Array[] = []
    const skipped: number[] = []
    let doc = new Y.Doc()
    let state: Uint8Array
    try {
      updates.forEach((u, k) => {
        try { Y.applyUpdate(doc, u); taken.push(u) } catch {
          skipped.push(k)
          doc.destroy()
          doc = yDocFromUpdates(taken)
        }
      })
      dropWaiting(doc)
      state = Y.encodeStateAsUpdate(doc)
    } finally { doc.destroy() }
    try { yDocFromUpdates([state]).destroy() } catch { return null }
    await this.store.compact(documentName, state, lastSeq)
    return skipped
  }

  /** Replays a document's stored log into one update (safe while other instances append). */
  async compact(documentName: string): Promise<void> {
    const { updates, lastSeq } = await this.store.loadUpdates(documentName)
    if (updates.length > 1) {
      const doc = yDocFromUpdates(updates)
      await this.store.compact(documentName, Y.encodeStateAsUpdate(doc), lastSeq)
      doc.destroy()
    }
    this.appended.set(documentName, 0)
  }
}
