/**
 * Id repair: concurrent splits, joins and moves of provisions can leave the
 * merged document with an id on two elements or an element without id
 * (collab/id-repair.ts). Validation accepts such updates (`problemsBeyondIds`)
 * and this extension repairs them in the same server step: after every
 * transaction on a live document that adds, removes or re-attributes
 * elements, synchronously, before the update that caused it has returned
 * from being applied, it sets fresh ids in one transaction whose origin is
 * `ID_REPAIR_ORIGIN`. Hocuspocus sends that update to every client (and
 * Redis to other instances) like any other; the extension appends it to the
 * store, after the update it repairs. Documents loaded with broken ids (a
 * log written before the repair was stored) are repaired once loaded.
 *
 * It watches a document from the end of its loading on, not during it: Yjs
 * encodes each transaction as an update for whoever listens to 'update',
 * and listening while the stored log was applied made every load encode the
 * whole document once more for nothing (a third of a large load's time).
 */
import type { Extension, afterLoadDocumentPayload } from '@hocuspocus/server'
import * as Y from 'yjs'
import { repairIds } from '../collab/id-repair.js'
import type { Logger } from '../log.js'

/** The origin of the server's repair transactions. */
export const ID_REPAIR_ORIGIN = Object.freeze({ idRepair: true })

/** Updates applied from another instance through Redis: that instance repairs them. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__'

/** Options of the id-repair extension. */
export interface IdRepairOptions {
  /** Stores a repair update (appended after the update it repairs). */
  persist: (documentName: string, update: Uint8Array) => Promise<void>
  /** Where repairs (info) and failures to store them (error) are reported. */
  logger?: Logger | undefined
}

/**
 * Whether a transaction may have added, removed or re-attributed elements:
 * typing only changes Y.XmlText, comments the Y.Array; anything else (an
 * element, the fragment, or a root not yet read as a fragment, as when a
 * document loads) may have.
 */
const structural = (tr: Y.Transaction) => {
  for (const type of tr.changed.keys()) if (!(type instanceof Y.XmlText) && !(type instanceof Y.Array)) return true
  return false
}

/** The id-repair extension. */
export class IdRepair implements Extension {
  extensionName = 'resdraft-id-repair'
  priority = 150

  constructor(private readonly options: IdRepairOptions) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    document.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === ID_REPAIR_ORIGIN || tr.origin === REDIS_ORIGIN || !structural(tr)) return
      const n = repairIds(document, ID_REPAIR_ORIGIN)
      if (n) this.options.logger?.info('ids repaired', { document: documentName, count: n })
    })
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== ID_REPAIR_ORIGIN) return
      this.options.persist(documentName, update).catch((e: unknown) => {
        this.options.logger?.error('storing an id repair failed', { document: documentName, error: (e as Error).message })
      })
    })
    // the document as loaded (its stored log, and what other instances sent meanwhile)
    const n = repairIds(document, ID_REPAIR_ORIGIN)
    if (n) this.options.logger?.info('ids repaired', { document: documentName, count: n })
  }
}
