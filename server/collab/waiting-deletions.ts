/**
 * Whose clocks a deletion may wait for. Yjs keeps a deletion of clocks it
 * has not received until they come, and then applies it: a deletion that
 * waits for another writer's clocks deletes that writer's text as it
 * arrives, unseen by the one who sent it. A page deletes only what it
 * holds, and what it holds that the server lacks is its own, or text of its
 * delegation's other sessions (extensions/validation.ts refuses the rest).
 */
import * as Y from 'yjs'
import { attributionMap, registeredClients } from './attribution-map.js'
import { decodedOnce, type Decoded } from './update-problems.js'

/**
 * Whether every deletion of `update` that `copy` (the update applied) still holds waiting is of clocks of the
 * update's own clients, or of clients registered to `delegation`. A client the document holds nothing of and
 * nobody registered is nobody's own: a new page's id is in its presence for everyone to read before it types
 * (hostile/socket-waiting-deletions.test.ts). A page whose own first text went out on a socket that closed, and
 * whose deletion of it overtook it on the next, is refused for now: its next socket's sync sends the text and
 * the deletion together.
 */
export function deletionsWaitForOwnClients(copy: Y.Doc, update: Uint8Array, delegation: string | undefined): boolean {
  let decoded: Decoded
  try { decoded = decodedOnce(update) } catch { return false }
  let registered: ReadonlyMap<number, string> | null = null
  for (const [client, ranges] of decoded.ds.clients) {
    const state = Y.getState(copy.store, client)
    if (!ranges.some(r => r.clock + r.len > state)) continue
    if (decoded.structs.some(s => !(s instanceof Y.Skip) && s.id.client === client)) continue
    registered ??= registeredClients(attributionMap(copy))
    const owner = registered.get(client)
    if (delegation !== undefined && owner === delegation) continue
    return false
  }
  return true
}
