/**
 * JSON request bodies, bounded by shape as well as size. JSON.parse runs on
 * the event loop, and its cost grows with the structure: 6 MB of nested
 * brackets take it about two seconds, 600,000 keys about half a second,
 * while 6 MB of one string take a few milliseconds. Every body the API
 * takes is a small flat object (a text import's one long string aside), so
 * before a body is parsed its raw bytes are scanned once for nesting depth
 * and the number of values, and a body past either limit is refused with
 * 400 at once. The scan jumps over the contents of strings with a native
 * search, so a legitimate long text costs next to nothing.
 */
import express, { type RequestHandler } from 'express'
import { HttpError } from './errors.js'

/** Limits of one JSON body. */
export interface JsonBodyLimits {
  /** Largest body, bytes after decompression (body-parser's `limit`). */
  bytes: number
  /** Deepest nesting of arrays and objects (a flat object is depth 1). */
  depth: number
  /** Most values (strings, numbers, literals, arrays, objects) in the whole body. */
  values: number
}

/**
 * The shape of the API's bodies: flat objects with a few fields, an array of
 * delegations, and at most a committee draft's 5,000 row choices of three
 * values each (`{"row": {"take": "source", "source": 1}}`, depth 3).
 */
export const API_BODY_SHAPE = { depth: 4, values: 20_000 } as const

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_ARRAY = 0x5b
const OPEN_OBJECT = 0x7b
const CLOSE_ARRAY = 0x5d
const CLOSE_OBJECT = 0x7d
const COMMA = 0x2c

/** The index of the quote that closes the string opened just before `from`, or -1 when there is none. */
function stringEnd(bytes: Uint8Array & { indexOf(value: number, from: number): number }, from: number): number {
  let at = from
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at)
    if (quote < 0) return -1
    let slashes = 0
    while (quote - 1 - slashes >= from && bytes[quote - 1 - slashes] === BACKSLASH) slashes++
    if (slashes % 2 === 0) return quote
    at = quote + 1
  }
}

/**
 * Why a raw JSON body is past the limits, or null when it is within them.
 * Counts structure only (a malformed body is left to JSON.parse to report);
 * the values counted are strings, containers and the items a comma starts,
 * so a body of N values counts at most N + 1.
 */
export function jsonShapeProblem(bytes: Buffer, limits: Pick<JsonBodyLimits, 'depth' | 'values'>): string | null {
  let depth = 0
  let values = 1
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!
    if (c === QUOTE) {
      const end = stringEnd(bytes, i + 1)
      if (end < 0) return null
      i = end
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limits.depth) return `the JSON body is nested deeper than ${limits.depth} levels`
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--
    } else if (c === COMMA) {
      if (++values > limits.values) return `the JSON body holds more than ${limits.values} values`
    }
  }
  return null
}

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a string of a parsed body, or one of its keys, matches `pattern` (the values are bounded by `jsonShapeProblem`, so the walk is too). */
function anyString(value: unknown, pattern: RegExp): boolean {
  if (typeof value === 'string') return pattern.test(value)
  if (Array.isArray(value)) return value.some(v => anyString(v, pattern))
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => pattern.test(k) || anyString(v, pattern))
  return false
}

/**
 * Whether a parsed body holds a string with a lone surrogate: JSON's `\ud800`
 * escape makes one, which is not Unicode text (UTF-8 cannot store it; the
 * store would keep U+FFFD instead).
 */
export function holdsLoneSurrogate(value: unknown): boolean {
  return anyString(value, LONE_SURROGATE)
}

/**
 * Whether a parsed body holds a NUL character (JSON's `\u0000`): no text a
 * user writes has one, and PostgreSQL's text cannot hold it (the store
 * failed after writing part of what it was given: the fourteenth probe).
 */
export function holdsNul(value: unknown): boolean {
  // eslint-disable-next-line no-control-regex
  return anyString(value, /\u0000/)
}

/**
 * Express middleware parsing a JSON body within `limits`: 413 past the
 * size, 400 past the depth or the number of values (checked on the raw
 * bytes, before parsing), 400 for malformed JSON (errors.ts answers them),
 * and 400 for a string that is not text (a lone surrogate, a NUL).
 */
export function jsonBody(limits: JsonBodyLimits): RequestHandler {
  const parse = express.json({
    limit: limits.bytes,
    verify: (_req, _res, buf) => {
      const problem = jsonShapeProblem(buf, limits)
      if (problem) throw new HttpError(400, problem, 'bad-shape')
    }
  })
  return (req, res, next) => parse(req, res, error => {
    if (error) next(error)
    else if (holdsLoneSurrogate(req.body)) next(new HttpError(400, 'the body holds a lone surrogate (half of a UTF-16 pair), which is not text', 'bad-shape'))
    else if (holdsNul(req.body)) next(new HttpError(400, 'the body holds a NUL character (U+0000), which is not text', 'bad-shape'))
    else next()
  })
}
