/**
 * Modules written by other parts of the project that the server loads only
 * when a request needs them (importer, comparison), so that the server
 * starts without them and says clearly what is missing.
 */
import type { Node } from 'prosemirror-model'

/** Thrown when an optional module is not available. */
export class ModuleMissing extends Error {
  constructor(readonly module: string, cause: unknown) {
    super(`${module} is not available: ${(cause as Error)?.message ?? String(cause)}`)
    this.name = 'ModuleMissing'
  }
}

async function load(specifier: string): Promise<Record<string, unknown>> {
  try { return await import(specifier) as Record<string, unknown> } catch (e) { throw new ModuleMissing(specifier, e) }
}

/** What an import gives: a document and the importer's warnings. */
export interface Imported {
  doc: Node
  warnings: unknown[]
}

/** Imports importable text with schema/text's `importText` (errors are the importer's own). */
export async function importText(text: string, options: { lang?: string } = {}): Promise<Imported> {
  const mod = await load('../schema/text/index.js')
  const fn = mod.importText as ((text: string, options?: unknown) => unknown) | undefined
  if (typeof fn !== 'function') throw new ModuleMissing('schema/text importText', 'not exported')
  const result = fn(text, options) as Node | { doc: Node; warnings?: unknown[] }
  if ('doc' in result && result.doc) return { doc: result.doc, warnings: result.warnings ?? [] }
  return { doc: result as Node, warnings: [] }
}

/** Compares two document JSONs with diff's `compare` (which returns `{doc, summary}`): the revision document as JSON and the summary. */
export async function compareDocuments(oldJSON: unknown, newJSON: unknown, options: { ignoreRenumbering?: boolean } = {}): Promise<{ revision: unknown; summary: unknown }> {
  const mod = await load('../diff/index.js')
  const compare = mod.compare as ((a: Node, b: Node, o?: unknown) => unknown) | undefined
  if (typeof compare !== 'function') throw new ModuleMissing('diff compare', 'not exported')
  const { resolutionFromJSON } = await import('../schema/check.js')
  const result = compare(resolutionFromJSON(oldJSON), resolutionFromJSON(newJSON), options) as { doc?: Node; revision?: Node; summary?: unknown }
  const revision = result.doc ?? result.revision
  if (!revision || typeof revision.toJSON !== 'function') throw new ModuleMissing('diff compare', 'it returned no revision document')
  return { revision: revision.toJSON(), summary: result.summary ?? null }
}
