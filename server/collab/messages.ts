/**
 * Reads just enough of a Hocuspocus message (document name, message type,
 * y-sync step and payload) for the extensions to look at an incoming
 * update before Hocuspocus applies it. Format: varString documentName,
 * varUint type, then for Sync messages varUint step and varUint8Array.
 */

/** Hocuspocus message type of a Yjs sync message. */
export const MESSAGE_SYNC = 0
/** Hocuspocus message type of a sync reply (same body as Sync). */
export const MESSAGE_SYNC_REPLY = 4
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
}

class Reader {
  pos = 0
  constructor(readonly data: Uint8Array) {}
  varUint(): number {
    let num = 0
    let mult = 1
    for (;;) {
      if (this.pos >= this.data.length) throw new Error('unexpected end of message')
      const b = this.data[this.pos++]!
      num += (b & 0x7f) * mult
      if (b < 0x80) return num
      mult *= 128
      if (mult > 2 ** 53) throw new Error('integer out of range')
    }
  }
  bytes(): Uint8Array {
    const len = this.varUint()
    if (this.pos + len > this.data.length) throw new Error('unexpected end of message')
    const out = this.data.subarray(this.pos, this.pos + len)
    this.pos += len
    return out
  }
  string(): string { return new TextDecoder('utf-8', { fatal: true }).decode(this.bytes()) }
}

const cache = new WeakMap<Uint8Array, ParsedMessage>()

/** Parses (once per message buffer) an incoming message; throws when it is malformed. */
export function parseMessage(data: Uint8Array): ParsedMessage {
  const cached = cache.get(data)
  if (cached) return cached
  const r = new Reader(data)
  const documentName = r.string()
  const type = r.varUint()
  const parsed: ParsedMessage = { documentName, type }
  if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
    parsed.syncStep = r.varUint()
    if (parsed.syncStep === SYNC_STEP_2 || parsed.syncStep === SYNC_UPDATE) parsed.update = r.bytes()
  }
  cache.set(data, parsed)
  return parsed
}
