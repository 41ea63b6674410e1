/**
 * Reading a DOCX package safely. A file uploaded by a delegation is
 * untrusted: it may be too large, not a zip, an encrypted document (an OLE
 * compound file), a zip bomb, or XML carrying a DOCTYPE (external entities,
 * billion laughs). Each is refused with a DocxInputError that says which,
 * before anything is stored.
 *
 * The zip is read from its central directory by hand and each wanted entry
 * is inflated in small steps with fflate's streaming inflater, counting the
 * output, so a bomb is stopped once it passes the caps, whatever sizes its
 * headers declare.
 */
import { Inflate } from 'fflate'

/** Why a DOCX was refused. */
export type DocxProblem = 'too-large' | 'encrypted' | 'not-zip' | 'corrupt' | 'zip-bomb' | 'unsafe-xml' | 'missing-part'

/** Thrown for any input that cannot be read safely; `problem` says which. */
export class DocxInputError extends Error {
  constructor(readonly problem: DocxProblem, message: string) { super(message); this.name = 'DocxInputError' }
}

/** Caps applied while reading. */
export interface DocxLimits {
  /** Largest file accepted, in bytes (default 20 MB). */
  readonly maxFileBytes: number
  /** Largest total of inflated bytes over the entries read (default 100 MB). */
  readonly maxTotalBytes: number
  /** Largest inflated/compressed ratio of an entry past 1 MB (default 100). */
  readonly maxRatio: number
}

/** The default caps. */
export const DEFAULT_LIMITS: DocxLimits = { maxFileBytes: 20 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100 }

/** One entry of the central directory. */
interface ZipEntry { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number }

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

/** Whether the bytes are an OLE compound file: an old Word file (.doc), or a .docx saved with a password. */
export function isOleFile(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, k) => bytes[k] === b)
}

function u16(b: Uint8Array, o: number): number { return b[o]! | (b[o + 1]! << 8) }
function u32(b: Uint8Array, o: number): number { return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0 }

/** Lists the entries of a zip from its central directory; throws DocxInputError on anything malformed. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 65535); o--) {
    if (u32(bytes, o) === 0x06054b50) { eocd = o; break }
  }
  if (eocd < 0) throw new DocxInputError('corrupt', 'not a readable zip archive (no end of central directory); the file is damaged or truncated')
  const count = u16(bytes, eocd + 10)
  const size = u32(bytes, eocd + 12)
  let o = u32(bytes, eocd + 16)
  if (count === 0xffff || o === 0xffffffff) throw new DocxInputError('corrupt', 'ZIP64 archives are not accepted')
  if (o + size > bytes.length) throw new DocxInputError('corrupt', 'zip central directory lies outside the file; the file is damaged or truncated')
  const entries: ZipEntry[] = []
  const decoder = new TextDecoder('utf-8')
  for (let k = 0; k < count; k++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) throw new DocxInputError('corrupt', 'zip central directory is damaged')
    const nameLen = u16(bytes, o + 28), extraLen = u16(bytes, o + 30), commentLen = u16(bytes, o + 32)
    entries.push({
      flags: u16(bytes, o + 8), method: u16(bytes, o + 10),
      compressedSize: u32(bytes, o + 20), size: u32(bytes, o + 24),
      name: decoder.decode(bytes.subarray(o + 46, o + 46 + nameLen)), localOffset: u32(bytes, o + 42)
    })
    o += 46 + nameLen + extraLen + commentLen
  }
  return entries
}

/** Inflates one entry, stopping as soon as it passes the caps. */
function inflateEntry(bytes: Uint8Array, e: ZipEntry, budget: { left: number }, limits: DocxLimits): Uint8Array {
  if (e.flags & 1) throw new DocxInputError('encrypted', `zip entry ${e.name} is encrypted; save the document without a password`)
  const o = e.localOffset
  if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) throw new DocxInputError('corrupt', `zip entry ${e.name} has no local header`)
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28)
  const end = start + e.compressedSize
  if (end > bytes.length) throw new DocxInputError('corrupt', `zip entry ${e.name} runs past the end of the file`)
  const data = bytes.subarray(start, end)
  if (e.method === 0) {
    if (data.length > budget.left) throw new DocxInputError('zip-bomb', 'the document inflates beyond the size limit')
    budget.left -= data.length
    return data
  }
  if (e.method !== 8) throw new DocxInputError('corrupt', `zip entry ${e.name} uses unsupported compression method ${e.method}`)
  const chunks: Uint8Array[] = []
  let total = 0
  const check = () => {
    if (total > budget.left) throw new DocxInputError('zip-bomb', `zip entry ${e.name} inflates beyond the total size limit (${limits.maxTotalBytes} bytes): refused as a possible zip bomb`)
    if (total > 1024 * 1024 && total > limits.maxRatio * Math.max(1, data.length)) throw new DocxInputError('zip-bomb', `zip entry ${e.name} inflates more than ${limits.maxRatio} times its compressed size: refused as a possible zip bomb`)
  }
  const inflater = new Inflate((chunk: Uint8Array) => { chunks.push(chunk); total += chunk.length; check() })
  const STEP = 4096
  try {
    for (let k = 0; k < data.length; k += STEP) inflater.push(data.subarray(k, Math.min(data.length, k + STEP)), k + STEP >= data.length)
    if (data.length === 0) inflater.push(new Uint8Array(0), true)
  } catch (err) {
    if (err instanceof DocxInputError) throw err
    throw new DocxInputError('corrupt', `zip entry ${e.name} cannot be inflated: ${(err as Error).message}`)
  }
  budget.left -= total
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) { out.set(c, at); at += c.length }
  return out
}

/** The parts of a DOCX package that were read, by name. */
export interface DocxPackage {
  /** Names of every entry in the archive. */
  readonly names: readonly string[]
  /** The decoded XML of each part read (only those asked for and present). */
  readonly parts: ReadonlyMap<string, string>
}

/** Refuses XML with a document type declaration or entity declaration (XXE, billion laughs). */
export function assertSafeXml(xml: string, name: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new DocxInputError('unsafe-xml', `${name} contains a DOCTYPE or ENTITY declaration, which a Word document never needs: refused (possible XXE or entity-expansion attack)`)
  }
}

function decodeXml(data: Uint8Array, name: string): string {
  try {
    if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(data)
    if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(data)
    return new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    throw new DocxInputError('corrupt', `${name} is not valid UTF-8/UTF-16 text`)
  }
}

/**
 * Opens a DOCX and returns the XML of the wanted parts (e.g.
 * `word/document.xml`, `word/footnotes.xml`); `word/document.xml` must exist.
 */
export function readDocxPackage(bytes: Uint8Array, wanted: readonly string[], limits: DocxLimits = DEFAULT_LIMITS): DocxPackage {
  if (bytes.length > limits.maxFileBytes) throw new DocxInputError('too-large', `file is ${bytes.length} bytes; the limit is ${limits.maxFileBytes} bytes`)
  if (isOleFile(bytes)) throw new DocxInputError('encrypted', 'this is an OLE compound file: an encrypted (password-protected) DOCX or an old .doc file; save it as an unprotected .docx')
  if (bytes.length < 4 || u32(bytes, 0) !== 0x04034b50) throw new DocxInputError('not-zip', 'not a DOCX file (a DOCX is a zip archive starting with "PK")')
  if (bytes.length < 22) throw new DocxInputError('corrupt', `a zip archive cut short (${bytes.length} bytes, shorter than its end record)`)
  const entries = centralDirectory(bytes)
  const budget = { left: limits.maxTotalBytes }
  const parts = new Map<string, string>()
  for (const name of wanted) {
    const e = entries.find(x => x.name === name)
    if (!e) continue
    const xml = decodeXml(inflateEntry(bytes, e, budget, limits), name)
    assertSafeXml(xml, name)
    parts.set(name, xml)
  }
  if (!parts.has('word/document.xml')) throw new DocxInputError('missing-part', 'the archive has no word/document.xml: not a Word document')
  return { names: entries.map(e => e.name), parts }
}
