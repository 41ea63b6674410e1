/**
 * Plain typing in a Yjs update: strings inserted next to text the document
 * already holds, and deletions inside text. Validation (extensions/
 * validation.ts) lets such an update through without applying it to a copy
 * of the document, so what counts as typing here must be exactly what
 * cannot break the document model:
 *
 * - every inserted item is a string (ContentString) with no map key
 *   (`parentSub`), whose neighbour (origin, else right origin) is an item of
 *   a Y.XmlText's text (not one of its map entries) — the document's, an
 *   earlier string of the same update, or one of a typing update accepted
 *   but not applied yet — or, with no neighbour, whose parent is a Y.XmlText
 *   the document holds (never a root named by the update);
 * - every item starts exactly where its client's known clocks end (the
 *   document's state, or the end of that client's updates accepted but not
 *   applied yet), or lies wholly inside what the document holds (Yjs skips
 *   it). An item that overlaps clocks the document holds would be
 *   integrated from the middle, next to whatever holds the clock before it,
 *   possibly in another parent: never typing;
 * - every deletion removes text, formatting or deleted content of a
 *   Y.XmlText that the document already holds;
 * - no text it types into or deletes from lies inside a square bracket (an
 *   inline option, or a provision or item that is an alternative): an
 *   option's words are its delegation's, so that is checked in full
 *   (collab/brackets.ts).
 *
 * `scanTyping` reads an update's struct headers with lib0's decoders
 * (the ones Yjs uses) without building Items, for the common case; an
 * update that holds anything else, or that it cannot read, is not typing
 * (validation then checks it in full). `typingOfDecoded` gives the same view
 * of an update decoded by `Y.decodeUpdate`.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

/** A struct of an update, as its header says: a string, or a range with nothing to integrate (GC) or that Yjs skips (Skip). */
export interface ScannedStruct {
  kind: 'string' | 'gc' | 'skip'
  client: number
  clock: number
  /** Length in clocks (a string's in UTF-16 code units, as Yjs counts it). */
  length: number
  origin: Y.ID | null
  rightOrigin: Y.ID | null
  /** A string's parent item, given only when it has no neighbour. */
  parent: Y.ID | null
}

/** A range of a client's clocks an update deletes. */
export interface DeletedRange { client: number; clock: number; len: number }

/** What a typing candidate update holds: strings, GC and Skip structs (client by client, in clock order), and deletions. */
export interface TypingCandidate {
  structs: ScannedStruct[]
  deletions: DeletedRange[]
}

// Yjs struct info bits (see Yjs readClientsStructRefs)
const CONTENT_BITS = 31
const GC_REF = 0
const STRING_REF = 4
const SKIP_REF = 10
const HAS_ORIGIN = 128
const HAS_RIGHT_ORIGIN = 64
const HAS_PARENT_SUB = 32

const readID = (d: decoding.Decoder) => Y.createID(decoding.readVarUint(d), decoding.readVarUint(d))

/**
 * Reads the struct headers and delete set of a (version 1) Yjs update.
 * Null when the update holds anything but strings without a map key, GC
 * and Skip structs and deletions, names a root, lists a client twice, or
 * cannot be read (validation then decodes it in full and reports it).
 */
export function scanTyping(update: Uint8Array): TypingCandidate | null {
  try {
    const d = decoding.createDecoder(update)
    const structs: ScannedStruct[] = []
    const seen = new Set<number>()
    const clients = decoding.readVarUint(d)
    for (let i = 0; i < clients; i++) {
      const count = decoding.readVarUint(d)
      const client = decoding.readVarUint(d)
      let clock = decoding.readVarUint(d)
      // Yjs keeps only the last list of a client that appears twice: not worth a fast path
      if (seen.has(client)) return null
      seen.add(client)
      for (let k = 0; k < count; k++) {
        if (d.pos >= update.length) return null
        const info = decoding.readUint8(d)
        const ref = info & CONTENT_BITS
        if (ref === GC_REF || ref === SKIP_REF) {
          const length = decoding.readVarUint(d)
          structs.push({ kind: ref === GC_REF ? 'gc' : 'skip', client, clock, length, origin: null, rightOrigin: null, parent: null })
          clock += length
          continue
        }
        if (ref !== STRING_REF) return null
        const origin = (info & HAS_ORIGIN) !== 0 ? readID(d) : null
        const rightOrigin = (info & HAS_RIGHT_ORIGIN) !== 0 ? readID(d) : null
        let parent: Y.ID | null = null
        if (!origin && !rightOrigin) {
          if (decoding.readVarUint(d) === 1) return null // a root named by the update
          parent = readID(d)
          if ((info & HAS_PARENT_SUB) !== 0) return null // a map entry
        }
        const text = decoding.readVarString(d)
        // lib0 reads a string's bytes as a view that may run past the update's end
        if (d.pos > update.length) return null
        structs.push({ kind: 'string', client, clock, length: text.length, origin, rightOrigin, parent })
        clock += text.length
      }
    }
    const deletions: DeletedRange[] = []
    const deleting = decoding.readVarUint(d)
    for (let i = 0; i < deleting; i++) {
      const client = decoding.readVarUint(d)
      const ranges = decoding.readVarUint(d)
      for (let k = 0; k < ranges; k++) deletions.push({ client, clock: decoding.readVarUint(d), len: decoding.readVarUint(d) })
    }
    return d.pos <= update.length ? { structs, deletions } : null
  } catch {
    return null
  }
}

const scanned = new WeakMap<Uint8Array, TypingCandidate | null>()

/**
 * `scanTyping` once per update: the extensions that look at an incoming
 * update (attribution, validation) get it from the same parsed message
 * (collab/messages.ts), so they share one scan. Callers must not change it.
 */
export function typingCandidate(update: Uint8Array): TypingCandidate | null {
  let candidate = scanned.get(update)
  if (candidate === undefined) {
    candidate = scanTyping(update)
    scanned.set(update, candidate)
  }
  return candidate
}

/** The same view of an update decoded by `Y.decodeUpdate` (null when `scanTyping` would give null). */
export function typingOfDecoded({ structs, ds }: ReturnType<typeof Y.decodeUpdate>): TypingCandidate | null {
  const out: ScannedStruct[] = []
  const seen = new Set<number>()
  for (const s of structs) {
    const last = out[out.length - 1]
    if (last?.client !== s.id.client) {
      if (seen.has(s.id.client)) return null // a client listed twice
      seen.add(s.id.client)
    }
    const base = { client: s.id.client, clock: s.id.clock, length: s.length, origin: null, rightOrigin: null, parent: null }
    if (s instanceof Y.GC) { out.push({ kind: 'gc', ...base }); continue }
    if (s instanceof Y.Skip) { out.push({ kind: 'skip', ...base }); continue }
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString) || s.parentSub !== null) return null
    const parent = s.origin || s.rightOrigin ? null : s.parent
    if (!s.origin && !s.rightOrigin && !(parent instanceof Y.ID)) return null
    out.push({ ...base, kind: 'string', origin: s.origin, rightOrigin: s.rightOrigin, parent: parent as Y.ID | null })
  }
  const deletions: DeletedRange[] = []
  for (const [client, ranges] of ds.clients) for (const { clock, len } of ranges) deletions.push({ client, clock, len })
  return { structs: out, deletions }
}

/** Adds a string's clocks to its client's ranges (start, end pairs), joined to the last range when they continue it. */
function addRange(ranges: Map<number, number[]>, client: number, clock: number, length: number): void {
  const list = ranges.get(client)
  if (!list) { ranges.set(client, [clock, clock + length]); return }
  if (list[list.length - 1] === clock) list[list.length - 1] = clock + length
  else list.push(clock, clock + length)
}

/** Whether `clock` lies in one of the ranges (ascending start, end pairs). */
function inRanges(list: readonly number[] | undefined, clock: number): boolean {
  if (!list) return false
  let lo = 0, hi = list.length / 2 - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (clock < list[2 * mid]!) hi = mid - 1
    else if (clock >= list[2 * mid + 1]!) lo = mid + 1
    else return true
  }
  return false
}

/** The struct holding `id` in the document, or null when the document does not have it yet. */
export function structAt(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null
  return Y.getItem(doc.store, id) as Y.Item | Y.GC
}

/** Whether a struct is an item of a Y.XmlText's text (not of its attributes). */
const inText = (s: Y.Item | Y.GC | null): boolean => s instanceof Y.Item && s.parent instanceof Y.XmlText && s.parentSub === null

const BRACKETED_UNITS = new Set(['provision', 'item'])

/** Whether a text lies inside a square bracket: an inline option (`bracket` / `bracketOption`), or a provision or item with a `bracket` attribute. */
function inBracket(text: Y.XmlText): boolean {
  let p: unknown = text.parent
  while (p instanceof Y.XmlElement) {
    if (p.nodeName === 'bracketOption' || p.nodeName === 'bracket') return true
    if (BRACKETED_UNITS.has(p.nodeName) && typeof p.getAttribute('bracket') === 'string') return true
    p = p.parent
  }
  return false
}

/** What the document knows beyond its own state while checking typing. */
export interface TypingContext {
  /** Whether `id` is in a string of a typing update accepted but not applied yet. */
  acceptedText?: (id: Y.ID) => boolean
  /** Where the clocks of `client`'s accepted updates end (0 when none are pending). */
  acceptedEnd?: (client: number) => number
}

/**
 * Whether `typing` (from `scanTyping` or `typingOfDecoded`) only types
 * into text `doc` holds (see the module comment). A document with pending
 * structs or deletions (waiting for missing updates) never takes typing.
 */
export function typesIntoText(doc: Y.Doc, typing: TypingCandidate, { acceptedText = () => false, acceptedEnd = () => 0 }: TypingContext = {}): boolean {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown }
  if (store.pendingStructs != null || store.pendingDs != null) return false
  const { structs } = typing
  // the clocks of the update's strings so far, per client (a client's structs come together, in clock order)
  const strings = new Map<number, number[]>()
  let client = -1, held = 0, expected = 0
  for (let i = 0; i < structs.length; i++) {
    const s = structs[i]!
    if (s.client !== client) {
      client = s.client
      held = Y.getState(doc.store, client)
      expected = Math.max(held, acceptedEnd(client))
    }
    if (s.kind === 'skip') continue
    // a struct starts where its client's known clocks end (no gap, no overlap), or lies wholly inside the document's
    if (s.clock + s.length > held && s.clock !== expected) return false
    expected = Math.max(expected, s.clock + s.length)
    if (s.kind !== 'string') continue
    const neighbour = s.origin ?? s.rightOrigin
    if (neighbour) {
      const earlier = inRanges(strings.get(neighbour.client), neighbour.clock)
      if (!earlier) {
        const next = structAt(doc, neighbour)
        if (inText(next)) { if (inBracket((next as Y.Item).parent as Y.XmlText)) return false }
        else if (!acceptedText(neighbour)) return false
      }
    } else {
      const holder = s.parent ? structAt(doc, s.parent) : null
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType) || !(holder.content.type instanceof Y.XmlText)) return false
      if (inBracket(holder.content.type)) return false
    }
    addRange(strings, s.client, s.clock, s.length)
  }
  for (const { client, clock, len } of typing.deletions) {
    const stored = doc.store.clients.get(client)
    if (!stored || Y.getState(doc.store, client) < clock + len) return false
    for (let i = Y.findIndexSS(stored, clock); i < stored.length && stored[i]!.id.clock < clock + len; i++) {
      const s = stored[i]!
      if (s instanceof Y.GC) continue
      const content = (s as Y.Item).content
      const parent = (s as Y.Item).parent
      if (!(parent instanceof Y.XmlText) || !(content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentDeleted)) return false
      if (inBracket(parent)) return false
    }
  }
  return true
}
