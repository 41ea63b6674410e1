/**
 * `resdraft compare OLD NEW`: compares two versions of a resolution and
 * prints the revision document (json), a wdiff view (text), Word's
 * flattened text (flat), a standalone page (html) or the change summary.
 * OLD and NEW are document JSON or importable text (docs/text-format.md).
 */
import { readFile, writeFile } from 'node:fs/promises'
import type { Node } from 'prosemirror-model'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import type { Command } from '../main.js'
import { isLanguage, type Language } from '../../schema/languages.js'
import { resolutionFromJSON, ResolutionCheckError } from '../../schema/check.js'
import { compare, renderFlat, renderHtml, renderSummary, renderText } from '../../diff/index.js'

const FORMATS = ['json', 'text', 'flat', 'html', 'summary'] as const
type Format = typeof FORMATS[number]

interface TextImporter {
  importText(input: string | Uint8Array, options?: { lang?: Language; fileName?: string }): { doc: Node; warnings: readonly { line: number; message: string }[] }
}

/** The text importer (schema/text), loaded only when a text file is given. */
async function loadTextImporter(): Promise<TextImporter> {
  const path = '../../schema/text/index.js'
  try {
    const mod = await import(path) as Partial<TextImporter>
    if (typeof mod.importText !== 'function') throw new Error('it has no importText export')
    return mod as TextImporter
  } catch (e) {
    throw new InputError(`cannot read plain text: the text importer (schema/text/index.js) is not available (${(e as Error).message}); give document JSON instead`)
  }
}

/** Reads a document from a JSON or text file. */
export async function readDocument(file: string, io: CliIO, lang?: Language): Promise<Node> {
  let bytes: Buffer
  try { bytes = await readFile(file) } catch (e) { throw new InputError(`cannot read ${file}: ${(e as Error).message}`) }
  const head = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart()
  if (head.startsWith('{')) {
    let json: unknown
    try { json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) } catch (e) { throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`) }
    try { return resolutionFromJSON(json) } catch (e) {
      if (e instanceof ResolutionCheckError) throw new InputError(`${file}: ${e.message}`)
      throw e
    }
  }
  const { importText } = await loadTextImporter()
  let result: ReturnType<TextImporter['importText']>
  try { result = importText(new Uint8Array(bytes), lang ? { lang, fileName: file } : { fileName: file }) } catch (e) {
    const line = (e as { line?: number }).line
    throw new InputError(`${file}${line === undefined ? '' : `:${line}`}: ${(e as Error).message}`)
  }
  for (const w of result.warnings) io.err(`${file}:${w.line}: ${w.message}\n`)
  return result.doc
}

/** The compare command. */
export const command: Command = {
  summary: 'compare two versions of a resolution (document JSON or text) and show the changes',
  usage: 'resdraft compare OLD NEW [--format json|text|flat|html|summary] [--out FILE] [--ignore-renumbering] [--lang ar|en|fr|es|ru|zh]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['format', 'out', 'lang'], ['ignore-renumbering'])
    if (positional.length !== 2) throw new UsageError('need exactly two files, OLD and NEW')
    const format = (options.get('format') ?? 'text') as Format
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${String(format)}"; use one of ${FORMATS.join(', ')}`)
    const lang = options.get('lang') as string | undefined
    if (lang !== undefined && !isLanguage(lang)) throw new UsageError(`unknown language "${lang}"`)
    const [oldFile, newFile] = positional as [string, string]
    const oldDoc = await readDocument(oldFile, io, lang as Language | undefined)
    const newDoc = await readDocument(newFile, io, lang as Language | undefined)
    const { doc, summary } = compare(oldDoc, newDoc, { ignoreRenumbering: options.has('ignore-renumbering') })
    const output = format === 'json' ? JSON.stringify({ doc: doc.toJSON(), summary }, null, 2) + '\n'
      : format === 'text' ? renderText(doc)
      : format === 'flat' ? renderFlat(doc)
      : format === 'html' ? renderHtml(doc, { title: `${oldFile} → ${newFile}`, summary })
      : renderSummary(summary)
    const out = options.get('out')
    if (typeof out === 'string') {
      try { await writeFile(out, output) } catch (e) { throw new InputError(`cannot write ${out}: ${(e as Error).message}`) }
    } else io.out(output)
    if (summary.timeouts > 0) io.err(`resdraft compare: ${summary.timeouts} text block(s) hit the diff time limit; a coarser diff was used\n`)
    return 0
  }
}
