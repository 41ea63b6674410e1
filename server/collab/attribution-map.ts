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
