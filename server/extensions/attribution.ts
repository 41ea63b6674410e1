/**
 * Attribution: the server records who wrote what in each document's
 * `attribution` root (collab/attribution-map.ts, Y.PermanentUserData's
 * format), for every document. After each update a connection sends is
 * applied, the Yjs client ids it used for the first time are registered
 * under the session user's delegation at once, and what it deleted is
 * appended to that delegation's deletions, gathered for half a second (and
 * before the document unloads), each in a transaction whose origin is
 * `ATTRIBUTION_ORIGIN` (relayed like any update and appended to the store
 * after the update it records). Before an update is applied: one that
 * writes with a client id registered to another description, or with a
 * client id the document already holds but nobody registered (the base
 * text, the server's own), or with a client id that has written nothing
 * but stands for another participant in the document's presence (now, or
 * as it last did: collab/presence-identities.ts), is refused. Clients never
 * write the root (validation refuses it).
 *
 * Cost on the relay path: reading the update's client ids before (from the
 * struct-header scan validation also uses, collab/typing.ts, for plain
 * typing; `Y.parseUpdateMeta` for anything else), a look at the
 * transaction's state vectors after; a write for a new client id, and one
 * per half second of deletions (bench/attribution.bench.ts).
 */
import type { Document, Extension, afterLoadDocumentPayload, beforeHandleMessagePayload, beforeUnloadDocumentPayload, onLoadDocumentPayload } from '@hocuspocus/server'
import * as Y from 'yjs'
import { AttributionWriter, attributionMap, deletesAnything, recordDeletions, registeredClients } from '../collab/attribution-map.js'
import { parseMessage } from '../collab/messages.js'
import { typingCandidate } from '../collab/typing.js'
import { standsForAnother } from '../collab/presence-identities.js'
import { REFUSED_INVALID, droppedUnread, droppingMessages, refuse } from '../collab/refusal.js'
import type { Logger } from '../log.js'
import type { User } from '../store/types.js'

/** How long deletions are gathered before they are written to the attribution, ms. */
const DELETIONS_MS = 500

/** The origin of the server's attribution transactions. */
export const ATTRIBUTION_ORIGIN = Object.freeze({ attribution: true })

/** Options of the attribution extension. */
export interface AttributionOptions {
  /** Stores an attribution update (appended after the update it records). */
  persist: (documentName: string, update: Uint8Array) => Promise<void>
  /** Where refusals and failures to store are reported. */
  logger?: Logger | undefined
}

/** The session user of a transaction applied from a client connection (null for the server's own and Redis peers'). */
function writerOf(origin: unknown): User | null {
  if (!origin || typeof origin !== 'object' || !('socketId' in origin) || !('context' in origin)) return null
  const c = origin as { readOnly?: boolean; context?: { user?: User | null } }
  return c.readOnly ? null : c.context?.user ?? null
}

/** The registered clients of a live document, read again after the root changes. */
class Registry {
  private clients: Map<number, string> | null = null
  constructor(readonly map: Y.Map<Y.Map<Y.Array<unknown>>>) {
    map.observeDeep(() => { this.clients = null })
  }
  get(): Map<number, string> {
    this.clients ??= registeredClients(this.map)
    return this.clients
  }
}

/**
 * Why an update of `delegation` may not be applied to `document` (null when
 * it may). `standsForOther` tells whether a client id that has written
 * nothing stands for another participant in the document's presence: its
 * first clocks are that participant's alone, or a forger who read the id
 * off the presence could write them for her, or leave content waiting for
 * her first keystroke to bring in (hostile/socket-claimed-client-id.test.ts).
 */
export function clientIdProblem(document: Y.Doc, registered: ReadonlyMap<number, string>, update: Uint8Array, delegation: string, standsForOther: (client: number) => boolean = () => false): string | null {
  // plain typing's struct headers are read once for every extension (collab/typing.ts); anything else in full
  const typing = typingCandidate(update)
  if (typing) {
    // a client's structs come in clock order: one ending past the document's state is enough to check its owner
    for (const { client, clock, length } of typing.structs) {
      const problem = clock + length > Y.getState(document.store, client) ? ownerProblem(document, registered, client, delegation, standsForOther) : null
      if (problem) return problem
    }
    return null
  }
  let to: Map<number, number>
  try { to = Y.parseUpdateMeta(update).to } catch { return 'not a Yjs update' }
  for (const [client, end] of to) {
    // structs the document holds already change nothing (a reconnecting client may resend them)
    if (end <= Y.getState(document.store, client)) continue
    const problem = ownerProblem(document, registered, client, delegation, standsForOther)
    if (problem) return problem
  }
  return null
}

/** Why `delegation` may not write new structs with `client` (null when it may). */
function ownerProblem(document: Y.Doc, registered: ReadonlyMap<number, string>, client: number, delegation: string, standsForOther: (client: number) => boolean): string | null {
  const owner = registered.get(client)
  if (owner === undefined ? Y.getState(document.store, client) > 0 : owner !== delegation) {
    return `client id ${client} is not yours: it wrote ${owner === undefined ? 'text you did not write' : owner ? `for ${owner.slice(0, 60)}` : 'the base text'}`
  }
  if (owner === undefined && standsForOther(client)) return `client id ${client} is not yours: it stands for another participant here`
  return null
}

/** The attribution extension. */
export class Attribution implements Extension {
  extensionName = 'resdraft-attribution'
  /**
   * Before validation (200), so that an update validation accepts (and whose
   * bracket operations it records) is not refused afterwards; before
   * persistence (100), so a refused update is never stored.
   */
  priority = 220
  private readonly registries = new WeakMap<Y.Doc, Registry>()
  /** Writes a document's gathered deletions now. */
  private readonly flushes = new WeakMap<Y.Doc, (unloading?: boolean) => void>()

  constructor(private readonly options: AttributionOptions) {}

  private registry(document: Y.Doc): Registry {
    let r = this.registries.get(document)
    if (!r) { r = new Registry(attributionMap(document)); this.registries.set(document, r) }
    return r
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const registry = this.registry(document)
    const writer = new AttributionWriter(registry.map)
    document.on('afterTransaction', (tr: Y.Transaction) => {
      // an entry this instance created lost to another instance's: write what it held into the winner
      if (tr.origin !== ATTRIBUTION_ORIGIN && writer.needsRepair()) document.transact(() => writer.repair(), ATTRIBUTION_ORIGIN)
      const user = writerOf(tr.origin)
      if (!user) return
      const known = registry.get()
      const fresh: number[] = []
      tr.afterState.forEach((clock, client) => { if ((tr.beforeState.get(client) ?? 0) < clock && !known.has(client)) fresh.push(client) })
      // deletions are gathered and written together (one update every DELETIONS_MS, not one per backspace)
      if (deletesAnything(tr.deleteSet)) {
        const list = pending.get(user.delegation) ?? []
        list.push(tr.deleteSet)
        pending.set(user.delegation, list)
        timer ??= setTimeout(() => flush(), DELETIONS_MS)
      }
      // a new client id is registered at once: the next update's check relies on it
      if (fresh.length) document.transact(() => writer.register(user.delegation, fresh), ATTRIBUTION_ORIGIN)
    })
    const pending = new Map<string, ReturnType<typeof Y.createDeleteSet>[]>()
    let timer: ReturnType<typeof setTimeout> | null = null
    /** Writes the gathered deletions: into the live document, or, as it unloads, into a copy whose update is stored (the live one must not change then). */
    const flush = (unloading = false) => {
      if (timer) clearTimeout(timer)
      timer = null
      if (pending.size === 0) return
      const batches = [...pending]
      pending.clear()
      if (!unloading) {
        document.transact(() => { for (const [delegation, sets] of batches) writer.recordDeletions(delegation, Y.mergeDeleteSets(sets)) }, ATTRIBUTION_ORIGIN)
        return
      }
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(document))
      const before = Y.encodeStateVector(copy)
      copy.transact(() => { for (const [delegation, sets] of batches) recordDeletions(attributionMap(copy), delegation, Y.mergeDeleteSets(sets)) })
      const update = Y.encodeStateAsUpdate(copy, before)
      copy.destroy()
      this.options.persist(documentName, update).catch((e: unknown) => {
        this.options.logger?.error('storing attribution failed', { document: documentName, error: (e as Error).message })
      })
    }
    this.flushes.set(document, flush)
  }

  /**
   * What this extension writes is stored from the end of the loading on: listening to 'update' while the stored
   * log was applied made Yjs encode the whole document once more for nothing (a third of a large load's time),
   * and the load writes no attribution (it has no writer).
   */
  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== ATTRIBUTION_ORIGIN) return
      this.options.persist(documentName, update).catch((e: unknown) => {
        this.options.logger?.error('storing attribution failed', { document: documentName, error: (e as Error).message })
      })
    })
  }

  /** Before a document leaves memory: its gathered deletions are written (and stored). */
  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload): Promise<void> {
    this.flushes.get(document)?.(true)
  }

  async beforeHandleMessage({ update: data, connection, document, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    if (droppingMessages(connection)) return droppedUnread()
    if (connection.readOnly) return
    const user = (context as { user?: User }).user
    if (!user) return
    let update: Uint8Array | undefined
    try { update = parseMessage(data).update } catch { return }
    if (!update) return
    // asked only of a client id that has written nothing (the first update of a page)
    const standsForOther = (client: number) => standsForAnother(documentName, (document as Document).awareness, client, user) === true
    const problem = clientIdProblem(document as Document, this.registry(document).get(), update, user.delegation, standsForOther)
    if (!problem) return
    this.options.logger?.warn('update refused', { document: documentName, user: user.username, delegation: user.delegation, code: REFUSED_INVALID, reason: problem })
    throw refuse(connection, REFUSED_INVALID, `invalid update: ${problem}`)
  }
}
