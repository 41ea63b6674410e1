/**
 * `resdraft text FILE.json|FILE.txt [--labels derived|source]`: prints a
 * resolution document in the plain-text form, with the labels the document
 * shows by default (`--labels source` writes labels as found, which is the
 * form that imports back to the same document). A `.txt` input is imported
 * first (its warnings go to stderr).
 */
import { serialiseText } from '../../schema/text/index.js'
import { parseArgs, UsageError, type CliIO } from '../args.js'
import { readDocumentFile } from '../document-file.js'
import type { Command } from '../main.js'
import { languageOption } from './import.js'

/** The `text` command. */
export const command: Command = {
  summary: 'print a resolution document (JSON, or importable text) in the plain-text form',
  usage: 'resdraft text FILE.json|FILE.txt [--labels derived|source] [--lang ar|en|fr|es|ru|zh]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['labels', 'lang'])
    if (positional.length !== 1) throw new UsageError(positional.length ? 'expected one FILE' : 'expected the FILE to print')
    const labels = options.get('labels') ?? 'derived'
    if (labels !== 'derived' && labels !== 'source') throw new UsageError('--labels must be derived or source')
    const doc = await readDocumentFile(positional[0]!, io, { lang: languageOption(options.get('lang')) })
    io.out(serialiseText(doc, { labels }))
    return 0
  }
}
