/**
 * Which account made each loaded document load, and how much it loaded: the
 * server's memory, shared out. While the heap is tight (memory-pressure.ts)
 * an account that made as much load as any other, on average, or more, is
 * the one filling it: its openings that would load another document, and
 * its updates that add content, wait; an account that made less load may
 * still open a document and type (the hostile probe's account holding a
 * hundred documents open had stopped everyone else opening or typing
 * anything). A document counts for the account whose opening
 * loaded it, for as long as it stays loaded, at the size of its stored log
 * (at least `MIN_DOCUMENT_BYTES`: a document with little stored still takes
 * memory).
 */

/** What a loaded document counts for at least, bytes. */
export const MIN_DOCUMENT_BYTES = 1024

/** The stored bytes each loaded document was loaded from, and the account that loaded it. */
export class LoadedShares {
  private readonly byDocument = new Map<string, { readonly userId: string; readonly bytes: number }>()
  private readonly byUser = new Map<string, number>()
  private total = 0

  /** `documentName` was loaded by an opening of `userId`, from `bytes` of stored updates. */
  loaded(documentName: string, userId: string, storedBytes: number): void {
    this.unloaded(documentName)
    const bytes = Math.max(storedBytes, MIN_DOCUMENT_BYTES)
    this.byDocument.set(documentName, { userId, bytes })
    this.byUser.set(userId, (this.byUser.get(userId) ?? 0) + bytes)
    this.total += bytes
  }

  /** `documentName` left memory. */
  unloaded(documentName: string): void {
    const entry = this.byDocument.get(documentName)
    if (!entry) return
    this.byDocument.delete(documentName)
    const left = (this.byUser.get(entry.userId) ?? 0) - entry.bytes
    if (left > 0) this.byUser.set(entry.userId, left)
    else this.byUser.delete(entry.userId)
    this.total -= entry.bytes
  }

  /** The stored bytes of the documents `userId`'s openings loaded and still loaded. */
  heldBy(userId: string): number {
    return this.byUser.get(userId) ?? 0
  }

  /** Whether `userId` holds something loaded, and at least the average of the accounts that hold any. */
  atOrAboveFairShare(userId: string): boolean {
    const held = this.heldBy(userId)
    return held > 0 && held * this.byUser.size >= this.total
  }
}
