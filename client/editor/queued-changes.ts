/**
 * What a page changed while its socket was away is sent once, by its sync,
 * not again keystroke by keystroke.
 *
 * HocuspocusProviderWebsocket queues every message sent while its socket
 * is not open and sends the queue once the next socket is open and answers.
 * A page that typed a few paragraphs offline sent every keystroke as a
 * message of its own, right after its sync had sent all of them in one
 * update (the sync answers the server's request with everything the page
 * holds that the server lacks). Each such message is checked, applied and
 * relayed to every other page of the document: when a conference network
 * comes back, every page at once (thirty pages of 250 keystrokes: 7,500
 * messages in, some 220,000 out), and past one socket's message rate (400
 * at once) for a page that typed more than that, whose socket was then
 * closed to send again.
 *
 * So, as the socket connects, the queued document updates and presence
 * updates of the page's document are dropped: the sync carries the first,
 * and the provider sends the page's presence again as it syncs. Whatever
 * else waits in the queue is sent as before.
 */
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'

/** The protocol's message types and sync steps that the sync makes again (y-protocols, Hocuspocus). */
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const SYNC_UPDATE = 2

/** Whether a queued message is a document update or a presence update of `documentName` (made again by the sync). */
export function madeAgainBySync(message: Uint8Array, documentName: string): boolean {
  try {
    const d = decoding.createDecoder(message)
    if (decoding.readVarString(d) !== documentName) return false
    const type = decoding.readVarUint(d)
    return type === MESSAGE_AWARENESS || (type === MESSAGE_SYNC && decoding.readVarUint(d) === SYNC_UPDATE)
  } catch {
    return false
  }
}

/**
 * Drops, each time `socket` connects, what its queue holds of `documentName`'s
 * document and presence updates; see the module comment. Returns a function
 * that stops doing so.
 */
export function sendNoQueuedChanges(socket: HocuspocusProviderWebsocket, documentName: string): () => void {
  // (the provider sends its queue right after telling its listeners it is connected)
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return
    const held = socket as unknown as { messageQueue?: unknown[] }
    if (!Array.isArray(held.messageQueue)) return
    held.messageQueue = held.messageQueue.filter(m => !(m instanceof Uint8Array && madeAgainBySync(m, documentName)))
  }
  socket.on('status', onStatus)
  return () => { socket.off('status', onStatus) }
}
