/**
 * Loading a resolution given on the command line or over HTTP: document
 * JSON (a bare document, or a version record `{ doc: ... }`), or the
 * plain-text form read by the text importer.
 */
import { readFile } from 'node:fs/promises'
import type { Node } from 'prosemirror-model'
import { resolutionFromJSON, type Language } from '../schema/index.js'
import { importText, type ImportWarning } from '../schema/text/index.js'

/** A loaded document and the importer's warnings (none for JSON). */
export interface LoadedDocument {
  readonly doc: Node
  readonly warnings: readonly ImportWarning[]
}

/** Thrown when a file cannot be read as a resolution; the message names the file. */
export class DocumentFileError extends Error {
  constructor(message: string) { super(message); this.name = 'DocumentFileError' }
}

/** Reads document JSON: a document, or an object holding one under `doc` or `document`. */
export function documentFromJSON(json: unknown): Node {
  if (json && typeof json === 'object' && !('type' in json)) {
    const inner = (json as Record<string, unknown>).doc ?? (json as Record<string, unknown>).document
    if (inner) return resolutionFromJSON(inner)
  }
  return resolutionFromJSON(json)
}

/** Reads a document from bytes: JSON when it looks like JSON, else the text form. */
export function parseDocument(bytes: Uint8Array, name: string, lang?: Language): LoadedDocument {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart()
  try {
    if (name.endsWith('.json') || head.startsWith('{')) {
      let json: unknown
      try { json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')) }
      catch (e) { throw new DocumentFileError(`${name}: not valid JSON: ${(e as Error).message}`) }
      return { doc: documentFromJSON(json), warnings: [] }
    }
    const result = importText(bytes, { fileName: name, ...(lang ? { lang } : {}) })
    return { doc: result.doc, warnings: result.warnings }
  } catch (e) {
    if (e instanceof DocumentFileError) throw e
    throw new DocumentFileError(`${name}: ${(e as Error).message}`)
  }
}

/** Reads a document file. */
export async function loadDocumentFile(path: string, lang?: Language): Promise<LoadedDocument> {
  let bytes: Uint8Array
  try { bytes = await readFile(path) } catch (e) { throw new DocumentFileError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) }
  return parseDocument(bytes, path, lang)
}
