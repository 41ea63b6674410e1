/**
 * The entries of an awareness update (y-protocols: a count, then per entry
 * a client id, a clock and the state as JSON text), read with their states
 * left as bytes: a flood of states for ids that cannot apply is never
 * decoded. Read by the presence check (extensions/presence.ts) and by the
 * fan-out for what other instances send (collab/fan-out.ts).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Most states in one awareness message (a provider echoes every state it receives, so a busy document's are many). */
export const MAX_STATES_PER_MESSAGE = 10_000

/** An entry as sent: its state still the bytes of its JSON text. */
export interface RawEntry { clientId: number; clock: number; json: Uint8Array }

/** Reads the entries' ids and clocks; throws on a malformed update. */
export function readEntries(update: Uint8Array): RawEntry[] {
  const d = decoding.createDecoder(update)
  const n = decoding.readVarUint(d)
  if (n > MAX_STATES_PER_MESSAGE) throw new Error(`${n} awareness states in one message`)
  const entries: RawEntry[] = []
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    const len = decoding.readVarUint(d)
    if (d.pos + len > d.arr.length) throw new Error('unexpected end of message')
    entries.push({ clientId, clock, json: decoding.readUint8Array(d, len) })
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes')
  return entries
}

/** An awareness update of raw entries (the inverse of `readEntries`). */
export function writeRawEntries(entries: readonly RawEntry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarUint8Array(e, json)
  }
  return encoding.toUint8Array(e)
}

const NULL_JSON = [0x6e, 0x75, 0x6c, 0x6c] // "null"

/** Whether an entry's state is `null` ("gone"), read from its bytes. */
export const isGone = (e: RawEntry): boolean => e.json.length === 4 && NULL_JSON.every((b, i) => e.json[i] === b)
