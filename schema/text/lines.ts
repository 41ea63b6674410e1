/**
 * Reading the raw input: UTF-8 decoding (strict), line splitting, the `#`
 * provenance header, and the Word leftovers that are not content
 * (`[bookmark: ...]`).
 */
import { ImportError } from './errors.js'
import { IMPORT_LIMITS, ImportLimitError } from './limits.js'

/** Lines longer than this are refused: no resolution paragraph is that long, a binary or minified file is. */
export const MAX_LINE_LENGTH = 100_000

/** One input line with its 1-based number in the file. */
export interface SourceLine {
  readonly number: number
  readonly text: string
}

/** Decodes bytes as UTF-8 (throws ImportError on invalid bytes) and drops a leading BOM. */
export function decodeUtf8(input: string | Uint8Array): string {
  let text: string
  if (typeof input === 'string') text = input
  else {
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(input) }
    catch {
      const { line, offset } = firstBadByte(input)
      throw new ImportError(`the file is not valid UTF-8 (first bad byte at offset ${offset}); save it as UTF-8 text`, line)
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Finds the first invalid UTF-8 sequence, for the error message. */
function firstBadByte(bytes: Uint8Array): { line: number; offset: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lo = 0
  let hi = bytes.length
  // Binary search for the shortest prefix that fails to decode (a truncated trailing sequence counts as failing).
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    try { decoder.decode(bytes.subarray(0, mid + 1)); lo = mid + 1 } catch { hi = mid }
  }
  // `lo` is where the failing prefix ends; step back over continuation bytes to the start of the sequence.
  let offset = Math.min(lo, bytes.length - 1)
  while (offset > 0 && (bytes[offset]! & 0xc0) === 0x80 && lo - offset < 3) offset--
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return { line, offset }
}

/**
 * Splits text into numbered lines (LF, CRLF or CR), skipping the provenance
 * header: the `#` lines (and blank lines among them) at the very top.
 */
export function splitLines(text: string): SourceLine[] {
  const raw = text.split(/\r\n|\n|\r/)
  if (raw.length > IMPORT_LIMITS.lines) {
    throw new ImportLimitError('lines', `the text has ${raw.length} lines (the limit is ${IMPORT_LIMITS.lines}); a resolution is far shorter`)
  }
  const out: SourceLine[] = []
  let inHeader = true
  raw.forEach((line, i) => {
    if (line.length > MAX_LINE_LENGTH) {
      throw new ImportError(`line is ${line.length} characters long (the limit is ${MAX_LINE_LENGTH}); is this really a text file?`, i + 1)
    }
    if (inHeader) {
      if (line.startsWith('#') || line.trim() === '') return
      inHeader = false
    }
    out.push({ number: i + 1, text: line })
  })
  return out
}

const BOOKMARK = /\[bookmark:[^\]]*\]/g

/** Removes Word bookmarks (`[bookmark: _Toc349551587]`) left by flattening. */
export function stripBookmarks(text: string): string {
  return text.includes('[bookmark:') ? text.replace(BOOKMARK, '') : text
}
