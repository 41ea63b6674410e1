/**
 * The one way the command line reads a resolution from a file: document
 * JSON (a bare document, or a record that holds one, such as what
 * `GET /api/versions/:id` and `GET /api/documents/:id` answer), or the
 * plain-text form (docs/text-format.md) read by the text importer.
 * Every failure is an {@link InputError} naming the file, and the line when
 * known; the importer's warnings go to stderr as `FILE:LINE: message`.
 */
import { readFile } from 'node:fs/promises'
import type { Node } from 'prosemirror-model'
import { ResolutionCheckError } from '../schema/check.js'
import { documentFromJSON } from '../schema/document-json.js'
import type { Language } from '../schema/languages.js'
import { ImportError, importText, type ImportOptions, type ImportResult } from '../schema/text/index.js'
import { useRandomSource } from '../schema/ids.js'
import { InputError, type CliIO } from './args.js'

// the ids a command gives what it reads come from Math.random, not Web Crypto, which Node takes about 9 ms to load
// (schema/ids.ts); every command reads its files through this module
useRandomSource(bytes => { for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256) })

/** How to read a file given on the command line. */
export interface ReadOptions {
  /** The document language for text input (detected when not given). */
  readonly lang?: Language | undefined
  /** Where the text importer puts labels that differ from the derived ones. */
  readonly labels?: ImportOptions['labels']
}

/** Reads a file's bytes; a missing or unreadable file is bad input. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try { return await readFile(path) }
  catch (e) {
    const err = e as NodeJS.ErrnoException
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message
    throw new InputError(`${path}: cannot read: ${why}`)
  }
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** The line a JSON.parse error points at (Node 20 says "position N", Node 22+ "line N column M"). */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /\bline (\d+)/.exec(message)
  if (line) return Number(line[1])
  const pos = /position (\d+)/.exec(message)
  return pos ? lineAt(text, Number(pos[1])) : undefined
}

/** Imports text bytes, turning an ImportError into bad input naming the file and line, and prints the warnings. */
export function importFile(path: string, bytes: Uint8Array, io: CliIO, options: ReadOptions = {}): ImportResult {
  let result: ImportResult
  try {
    result = importText(bytes, {
      fileName: path,
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.labels ? { labels: options.labels } : {})
    })
  } catch (e) {
    if (e instanceof ImportError) throw new InputError(`${path}${e.line === undefined ? '' : `:${e.line}`}: ${e.message}`)
    throw e
  }
  for (const w of result.warnings) io.err(`${path}:${w.line}: ${w.message}\n`)
  return result
}

/** Is this file document JSON? `.json` is, `.txt` is not; otherwise JSON when its text starts with `{`. */
function looksLikeJSON(path: string, bytes: Uint8Array): boolean {
  const lower = path.toLowerCase()
  if (lower.endsWith('.json')) return true
  if (lower.endsWith('.txt')) return false
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart()
  return head.startsWith('{')
}

/** Reads a document from bytes named `path` (see the module comment). */
export function parseDocumentFile(path: string, bytes: Uint8Array, io: CliIO, options: ReadOptions = {}): Node {
  if (!looksLikeJSON(path, bytes)) return importFile(path, bytes, io, options).doc
  let text: string
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') }
  catch { throw new InputError(`${path}: not valid JSON: the file is not valid UTF-8`) }
  let json: unknown
  try { json = JSON.parse(text) }
  catch (e) {
    const message = (e as Error).message
    const line = jsonErrorLine(text, message)
    throw new InputError(`${path}${line === undefined ? '' : `:${line}`}: not valid JSON: ${message}`)
  }
  try { return documentFromJSON(json) }
  catch (e) {
    if (e instanceof ResolutionCheckError) throw new InputError(`${path}: ${e.message}`)
    throw e
  }
}

/** Reads a document file given on the command line (see the module comment). */
export async function readDocumentFile(path: string, io: CliIO, options: ReadOptions = {}): Promise<Node> {
  return parseDocumentFile(path, await readInputFile(path), io, options)
}
