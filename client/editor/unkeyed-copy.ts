/**
 * A copy of a document this browser kept before copies were kept per user
 * (browser-copy.ts): one copy per document, written by whoever had it open.
 * It says nobody's name, so no page loads it as its own. Once a page of
 * the document is in step with the server, what the copy holds is compared
 * with the document as the server has it:
 *
 * - it adds nothing: it is deleted (nothing is lost);
 * - every word it adds was written with Yjs client ids the server has
 *   registered to the signed-in user's delegation (an earlier page that
 *   sent some of its words, then typed more offline): they are that
 *   delegation's, the server would take them from nobody else, and they
 *   are sent; the copy is deleted once the server has them;
 * - otherwise whose words they are cannot be told: the copy is kept, neither
 *   loaded nor sent, and the page offers to save the document with them as
 *   text (the importer reads it back) or to forget the copy.
 */
import * as Y from 'yjs'
import { readAttribution } from '../../protocol/attribution.js'
import { clientsAdding, deleteCopy, readCopy, unkeyedCopyName, whatCopyAdds } from './browser-copy.js'

/** The record of earlier pages' client ids kept beside an un-keyed copy (own-clients.ts before copies were kept per user). */
const unkeyedClientsRecord = (documentId: string) => `resdraft:clients:${documentId}`

/** What became of a document's un-keyed copy. */
export type UnkeyedCopy =
  /** There was none, or it added nothing (then it is deleted). */
  | { readonly kind: 'none' }
  /** Its words were the user's delegation's: they are sent, and the copy is deleted once the server has them. */
  | { readonly kind: 'sent' }
  /** Whose words it holds cannot be told: kept. */
  | {
    readonly kind: 'kept'
    /** The document as the server has it with the copy's words in. */
    readonly merged: Y.Doc
    /** Deletes the copy (and its record of client ids). */
    forget(): Promise<void>
  }

/** Deletes the un-keyed copy of `documentId` and its record of client ids. */
async function forgetUnkeyedCopy(documentId: string): Promise<void> {
  await deleteCopy(unkeyedCopyName(documentId))
  try { localStorage.removeItem(unkeyedClientsRecord(documentId)) } catch { /* no storage: nothing recorded */ }
}

/**
 * Settles the un-keyed copy of `documentId` (see the module comment) for a
 * page whose `ydoc` is in step with the server, signed in for `delegation`;
 * `whenStored` settles once the server has every change of the page.
 */
export async function settleUnkeyedCopy(documentId: string, ydoc: Y.Doc, delegation: string, whenStored: () => Promise<void>): Promise<UnkeyedCopy> {
  const updates = await readCopy(unkeyedCopyName(documentId))
  if (updates === null) return { kind: 'none' }
  const merged = whatCopyAdds(updates, ydoc)
  if (!merged) { await forgetUnkeyedCopy(documentId); return { kind: 'none' } }
  const writers = clientsAdding(updates, ydoc)
  const attribution = readAttribution(ydoc)
  if (writers.length > 0 && writers.every(client => attribution.getUserByClientId(client) === delegation)) {
    merged.destroy()
    Y.transact(ydoc, () => { for (const u of updates) Y.applyUpdate(ydoc, u) })
    void whenStored().then(() => forgetUnkeyedCopy(documentId))
    return { kind: 'sent' }
  }
  return { kind: 'kept', merged, forget: () => forgetUnkeyedCopy(documentId) }
}
