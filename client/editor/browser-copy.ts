/**
 * This browser's copy of a document: an IndexedDB database (y-indexeddb's
 * layout, an `updates` store of Yjs updates) holding the document as the
 * last page had it, with the words typed offline that wait to be sent.
 *
 * A copy is kept per user and document. One browser may be shared (a
 * conference's machine): words another user typed offline are hers to send,
 * from her next page, and the server registers the Yjs client id that typed
 * them under the delegation of whoever sends them first. So a page loads
 * and sends the signed-in user's copy only.
 *
 * Copies written before copies were kept per user (`unkeyedCopyName`) say
 * nobody's name: unkeyed-copy.ts decides what becomes of them.
 */
import * as Y from 'yjs'

/** The name of the copy of `documentId` this browser keeps for the user whose id is `userId`. */
export function browserCopyName(userId: string, documentId: string): string {
  return `${userCopyPrefix(userId)}${documentId}`
}

/** How the names of every copy this browser keeps for the user whose id is `userId` start. */
export function userCopyPrefix(userId: string): string {
  return `resdraft:user:${encodeURIComponent(userId)}:`
}

/** The names of the copies this browser holds that start with `prefix` (empty where the browser cannot list its databases). */
export async function copiesNamed(prefix: string): Promise<string[]> {
  try {
    const all = await indexedDB.databases()
    return all.map(d => d.name ?? '').filter(name => name.startsWith(prefix))
  } catch { return [] }
}

/** The name of a copy written before copies were kept per user (one per document, whoever typed in it). */
export function unkeyedCopyName(documentId: string): string {
  return `resdraft:${documentId}`
}

/**
 * The Yjs updates the copy `name` holds, or null when this browser has none
 * by that name (or it cannot be read). Creates nothing: opening a database
 * that does not exist is given up before it is made.
 */
export async function readCopy(name: string): Promise<Uint8Array[] | null> {
  const db = await openCopy(name)
  if (!db) return null
  return new Promise(resolve => {
    try {
      const all = db.transaction('updates', 'readonly').objectStore('updates').getAll()
      all.onsuccess = () => { db.close(); resolve((all.result as unknown[]).filter((u): u is Uint8Array => u instanceof Uint8Array)) }
      all.onerror = () => { db.close(); resolve(null) }
    } catch { db.close(); resolve(null) }
  })
}

/** Whether this browser holds a copy named `name` (creates nothing). */
export async function hasCopy(name: string): Promise<boolean> {
  const db = await openCopy(name)
  db?.close()
  return db !== null
}

/** The copy `name`'s database, open, or null when there is none by that name (none is made) or it cannot be opened. */
function openCopy(name: string): Promise<IDBDatabase | null> {
  return new Promise(resolve => {
    let request: IDBOpenDBRequest
    try { request = indexedDB.open(name) } catch { resolve(null); return }
    // no such copy: giving up the version change leaves no database behind
    request.onupgradeneeded = () => { request.transaction?.abort() }
    request.onerror = () => resolve(null)
    request.onblocked = () => resolve(null)
    request.onsuccess = () => {
      const db = request.result
      if (db.objectStoreNames.contains('updates')) resolve(db)
      else { db.close(); resolve(null) }
    }
  })
}

/** Deletes the copy `name` (settles, deleted or not, once the browser has answered). */
export function deleteCopy(name: string): Promise<void> {
  return new Promise(resolve => {
    try {
      const request = indexedDB.deleteDatabase(name)
      request.onsuccess = request.onerror = request.onblocked = () => resolve()
    } catch { resolve() }
  })
}

/**
 * What a copy's `updates` hold that `current` (the document as the server
 * has it) lacks: the document they would make of it, or null when they add
 * nothing (no text, no deletion) or cannot be read.
 */
export function whatCopyAdds(updates: readonly Uint8Array[], current: Y.Doc): Y.Doc | null {
  if (updates.length === 0) return null
  const merged = new Y.Doc({ gc: false })
  try {
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(current))
    const before = Y.snapshot(merged)
    Y.transact(merged, () => { for (const u of updates) Y.applyUpdate(merged, u) })
    // (what cannot be put in yet, waiting for structs the server does not hold, counts as added: it is not thrown away)
    const waiting = merged.store.pendingStructs !== null || merged.store.pendingDs !== null
    if (!waiting && Y.equalSnapshots(before, Y.snapshot(merged))) { merged.destroy(); return null }
    return merged
  } catch {
    merged.destroy()
    return null
  }
}

/** The Yjs client ids that wrote what `updates` add to `current` (beyond its state vector). */
export function clientsAdding(updates: readonly Uint8Array[], current: Y.Doc): number[] {
  const have = Y.decodeStateVector(Y.encodeStateVector(current))
  const clients = new Set<number>()
  for (const u of updates) {
    try {
      for (const [client, end] of Y.parseUpdateMeta(u).to) if (end > (have.get(client) ?? 0)) clients.add(client)
    } catch { /* not a Yjs update: adds nothing */ }
  }
  return [...clients]
}
