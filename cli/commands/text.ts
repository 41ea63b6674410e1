/**
 * `resdraft text FILE.json|FILE.txt [--labels derived|source]`: prints a
 * resolution document in the plain-text form, with the labels the document
 * shows by default (`--labels source` writes labels as found, which is the
 * form that imports back to the same document). A `.txt` input is imported
 * first (its warnings go to stderr).
 */
import type { Node } from 'prosemirror-model'
import { ResolutionCheckError, resolutionFromJSON } from '../../schema/check.js'
import type { Language } from '../../schema/languages.js'
import { serialiseText } from '../../schema/text/index.js'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import type { Command } from '../main.js'
import { importFile, languageOption, readInputFile } from './import.js'

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Reads document JSON (`.json`, or content starting with `{`), or imports plain text (`.txt`, or anything else). */
export async function loadDocument(path: string, io: CliIO, lang?: Language): Promise<Node> {
  const bytes = await readInputFile(path)
  let text: string
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  catch { return importFile(path, bytes, io, { lang }).doc }   // the importer reports where the bad bytes are
  const lower = path.toLowerCase()
  if (lower.endsWith('.txt') || (!lower.endsWith('.json') && !text.trimStart().startsWith('{'))) return importFile(path, bytes, io, { lang }).doc
  let json: unknown
  try { json = JSON.parse(text) }
  catch (e) {
    const message = (e as Error).message
    const pos = /position (\d+)/.exec(message)
    throw new InputError(`${path}${pos ? `:${lineAt(text, Number(pos[1]))}` : ''}: not valid JSON: ${message}`)
  }
  try { return resolutionFromJSON(json) }
  catch (e) {
    if (e instanceof ResolutionCheckError) throw new InputError(`${path}: ${e.message}`)
    throw e
  }
}

/** The `text` command. */
export const command: Command = {
  summary: 'print a resolution document (JSON, or importable text) in the plain-text form',
  usage: 'resdraft text FILE.json|FILE.txt [--labels derived|source] [--lang ar|en|fr|es|ru|zh]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['labels', 'lang'])
    if (positional.length !== 1) throw new UsageError(positional.length ? 'expected one FILE' : 'expected the FILE to print')
    const labels = options.get('labels') ?? 'derived'
    if (labels !== 'derived' && labels !== 'source') throw new UsageError('--labels must be derived or source')
    const doc = await loadDocument(positional[0]!, io, languageOption(options.get('lang')))
    io.out(serialiseText(doc, { labels }))
    return 0
  }
}
