/**
 * Reads just enough of a Hocuspocus message (document name, message type,
 * y-sync step and payload) for the extensions to look at it before
 * Hocuspocus applies it, with lib0's decoders (the ones Hocuspocus and
 * y-protocols use). Format: varString documentName, varUint type, then for
 * Sync messages varUint step and varUint8Array; for Awareness messages a
 * varUint8Array awareness update.
 */
import * as decoding from 'lib0/decoding'

/** Hocuspocus message type of a Yjs sync message. */
export const MESSAGE_SYNC = 0
/** Hocuspocus message type of an awareness update. */
export const MESSAGE_AWARENESS = 1
/** Hocuspocus message type of an authentication message. */
export const MESSAGE_AUTH = 2
/** Hocuspocus message type of an awareness query. */
export const MESSAGE_QUERY_AWARENESS = 3
/** Hocuspocus message type of a sync reply (same body as Sync). */
export const MESSAGE_SYNC_REPLY = 4
/** Hocuspocus message type of a stateless message (to the server only). */
export const MESSAGE_STATELESS = 5
/** Hocuspocus message type of a stateless message the server relays to every connection. */
export const MESSAGE_BROADCAST_STATELESS = 6
/** Hocuspocus message type of a client closing its document connection. */
export const MESSAGE_CLOSE = 7
/** y-sync step asking for the missing state. */
export const SYNC_STEP_1 = 0
/** y-sync step carrying a whole missing state. */
export const SYNC_STEP_2 = 1
/** y-sync message carrying one update. */
export const SYNC_UPDATE = 2

/** What an incoming message is. */
export interface ParsedMessage {
  documentName: string
  type: number
  /** The y-sync step (sync messages only). */
  syncStep?: number
  /** The Yjs update of a SyncStep2 or Update message. */
  update?: Uint8Array
  /** The awareness update of an Awareness message. */
  awareness?: Uint8Array
}

const cache = new WeakMap<Uint8Array, ParsedMessage>()
// a fatal UTF-8 decode: a document name that is not UTF-8 is malformed, not replaced (one decoder: making one costs more than a message)
const utf8 = new TextDecoder('utf-8', { fatal: true })

// lib0 reads past the end as `undefined` bytes in places; check the bounds it does not.
function bytes(d: decoding.Decoder): Uint8Array {
  const len = decoding.readVarUint(d)
  if (d.pos + len > d.arr.length) throw new Error('unexpected end of message')
  return decoding.readUint8Array(d, len)
}

/** Parses (once per message buffer) an incoming message; throws when it is malformed. */
export function parseMessage(data: Uint8Array): ParsedMessage {
  const cached = cache.get(data)
  if (cached) return cached
  const d = decoding.createDecoder(data)
  const documentName = utf8.decode(bytes(d))
  const type = decoding.readVarUint(d)
  const parsed: ParsedMessage = { documentName, type }
  if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
    parsed.syncStep = decoding.readVarUint(d)
    if (parsed.syncStep === SYNC_STEP_2 || parsed.syncStep === SYNC_UPDATE) parsed.update = bytes(d)
  } else if (type === MESSAGE_AWARENESS) {
    parsed.awareness = bytes(d)
  }
  cache.set(data, parsed)
  return parsed
}
