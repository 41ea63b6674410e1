/**
 * Work taken in turns per key: what reads a document's state and then
 * writes on what it read (an adoption checks which version is in force,
 * then writes the text and names the next one) must not interleave with
 * other such work on that document, or both pass the check on the same
 * state. Within this process only: the store's `inTurn` uses these for the
 * embedded store (one process has the file), and PostgreSQL's adds a turn
 * shared by every instance on the database (store/postgres-turns.ts).
 */

/** Work refused because its key's turn was held, by another instance sharing the store, for longer than it may wait. */
export class TurnBusyError extends Error {
  constructor(key: string) {
    super(`another server is busy with ${key}; try again in a moment`)
    this.name = 'TurnBusyError'
  }
}

/**
 * Work whose turn was lost before it wrote: its lease ran out while it
 * stalled (the store's traffic held up), so another instance may have
 * taken the turn and written on the same state. Nothing was written.
 */
export class TurnLostError extends Error {
  constructor(key: string) {
    super(`the server lost its turn on ${key} while the store was slow to answer; nothing was written; try again in a moment`)
    this.name = 'TurnLostError'
  }
}

/**
 * The turn a work holds. `confirm` resolves when the turn is still the
 * work's, with time left to write in, and rejects with TurnLostError
 * otherwise: work calls it just before its first write, after whatever may
 * have stalled (reading the store, loading the document).
 */
export interface HeldTurn {
  confirm(): Promise<void>
}

/** A turn taken within this process only: held until the work ends, whatever stalls. */
export const TURN_HELD_HERE: HeldTurn = { confirm: () => Promise.resolve() }

/** Runs work one at a time per key, in the order asked; keys with nothing running are forgotten. */
export class Turns {
  /** The last work asked for each key, settled (never rejects). */
  private readonly last = new Map<string, Promise<void>>()

  /** Runs `work` once every earlier work of `key` has settled; resolves or rejects as `work` does. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(key) ?? Promise.resolve()
    const mine = before.then(work)
    const settled = mine.then(() => undefined, () => undefined)
    this.last.set(key, settled)
    void settled.then(() => { if (this.last.get(key) === settled) this.last.delete(key) })
    return mine
  }

  /** Keys with work running or waiting (for tests). */
  get size(): number { return this.last.size }
}
