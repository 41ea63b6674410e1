/**
 * Writing the `attribution` root (protocol/shared-doc.ts) of a shared
 * document, in exactly the format Y.PermanentUserData stores and reads: per
 * user description (here: the sources, `"APT"` or `"APT, ARB"`) a Y.Map
 * holding `ids` (a Y.Array of Yjs client ids) and `ds` (a Y.Array of delete
 * sets, each encoded as Yjs's DSEncoderV1 writes it). Only the server
 * writes it: for clients as they send updates (extensions/attribution.ts),
 * and when it builds a committee draft (committee/draft-state.ts).
 *
 * The description `""` marks a client that is no source's (the base text of
 * a committee draft): Y.PermanentUserData reads it as no user, and the
 * server refuses anyone else's update that would use that client id.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { ATTRIBUTION } from '../../protocol/shared-doc.js'

/** A Yjs delete set (Yjs does not export the class's type). */
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>

/** The root map of a document's attribution. */
export function attributionMap(doc: Y.Doc): Y.Map<Y.Map<Y.Array<unknown>>> {
  return doc.getMap(ATTRIBUTION)
}

/** A delete set encoded as Y.PermanentUserData stores it (DSEncoderV1: clients in descending order, ranges sorted). */
export function encodeDeleteSet(ds: DeleteSet): Uint8Array {
  const e = encoding.createEncoder()
  const clients = [...ds.clients.entries()].filter(([, items]) => items.length > 0).sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(e, clients.length)
  for (const [client, items] of clients) {
    encoding.writeVarUint(e, client)
    const sorted = [...items].sort((a, b) => a.clock - b.clock)
    encoding.writeVarUint(e, sorted.length)
    for (const { clock, len } of sorted) { encoding.writeVarUint(e, clock); encoding.writeVarUint(e, len) }
  }
  return encoding.toUint8Array(e)
}

/** Whether a delete set deletes anything. */
export function deletesAnything(ds: DeleteSet): boolean {
  for (const items of ds.clients.values()) if (items.length > 0) return true
  return false
}

/** The entry of `description`, created when missing (call inside a transaction). */
function entryOf(map: Y.Map<Y.Map<Y.Array<unknown>>>, description: string): Y.Map<Y.Array<unknown>> {
  let user = map.get(description)
  if (!user) {
    user = new Y.Map<Y.Array<unknown>>()
    user.set('ids', new Y.Array())
    user.set('ds', new Y.Array())
    map.set(description, user)
  }
  return user
}

/** Registers Yjs client ids as `description`'s (with Y.PermanentUserData's layout). */
export function registerClients(map: Y.Map<Y.Map<Y.Array<unknown>>>, description: string, clients: readonly number[]): void {
  if (clients.length) entryOf(map, description).get('ids')!.push([...clients])
}

/** Appends a delete set to `description`'s deletions. */
export function recordDeletions(map: Y.Map<Y.Map<Y.Array<unknown>>>, description: string, ds: DeleteSet): void {
  if (deletesAnything(ds)) entryOf(map, description).get('ds')!.push([encodeDeleteSet(ds)])
}

/** Every registered client id and its description, as stored in the map. */
export function registeredClients(map: Y.Map<Y.Map<Y.Array<unknown>>>): Map<number, string> {
  const out = new Map<number, string>()
  map.forEach((user, description) => {
    const ids = user instanceof Y.Map ? user.get('ids') : undefined
    if (ids instanceof Y.Array) for (const id of ids.toArray()) if (typeof id === 'number' && !out.has(id)) out.set(id, description)
  })
  return out
}

/** How long a writer remembers an entry it created, to repair it when a concurrent creation elsewhere wins (ms). */
const CREATED_MEMORY_MS = 60_000

/**
 * The server's writer of a document's attribution. Two server instances
 * (sharing documents through Redis) may create the entry of one description
 * at once: Yjs keeps one of the two maps, and what the other instance wrote
 * into its own would be lost (the client ids it registered among them, so
 * that client would be refused). The writer remembers, for a minute, the
 * entries it created and what it wrote into them; `repair()` (after every
 * transaction) writes that again into the entry that won.
 */
export class AttributionWriter {
  private readonly created = new Map<string, { entry: Y.Map<Y.Array<unknown>>; at: number; ids: number[]; ds: Uint8Array[] }>()
  constructor(readonly map: Y.Map<Y.Map<Y.Array<unknown>>>, private readonly now: () => number = Date.now) {}

  private entry(description: string): Y.Map<Y.Array<unknown>> {
    const existing = this.map.get(description)
    if (existing) return existing
    const entry = entryOf(this.map, description)
    this.created.set(description, { entry, at: this.now(), ids: [], ds: [] })
    return entry
  }

  /** Registers client ids as `description`'s (call inside a transaction). */
  register(description: string, clients: readonly number[]): void {
    if (!clients.length) return
    const entry = this.entry(description)
    entry.get('ids')!.push([...clients])
    const mine = this.created.get(description)
    if (mine?.entry === entry) mine.ids.push(...clients)
  }

  /** Appends a delete set to `description`'s deletions (call inside a transaction). */
  recordDeletions(description: string, ds: DeleteSet): void {
    if (!deletesAnything(ds)) return
    const entry = this.entry(description)
    const bytes = encodeDeleteSet(ds)
    entry.get('ds')!.push([bytes])
    const mine = this.created.get(description)
    if (mine?.entry === entry) mine.ds.push(bytes)
  }

  /** Whether an entry this writer created lost to another one (`repair` then has work). */
  needsRepair(): boolean {
    // called after every transaction: nothing to allocate when this writer created no entry lately
    if (this.created.size === 0) return false
    const now = this.now()
    for (const [description, mine] of this.created) {
      if (this.map.get(description) !== mine.entry) return true
      if (now - mine.at > CREATED_MEMORY_MS) this.created.delete(description)
    }
    return false
  }

  /** Writes what went into a lost entry into the one that won; forgets entries older than a minute (call inside a transaction). */
  repair(): void {
    const now = this.now()
    for (const [description, mine] of [...this.created]) {
      const winner = this.map.get(description)
      if (winner && winner !== mine.entry) {
        if (mine.ids.length) winner.get('ids')?.push([...mine.ids])
        if (mine.ds.length) winner.get('ds')?.push([...mine.ds])
        this.created.delete(description)
      } else if (now - mine.at > CREATED_MEMORY_MS) this.created.delete(description)
    }
  }
}
