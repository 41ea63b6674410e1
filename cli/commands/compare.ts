/**
 * `resdraft compare OLD NEW`: compares two versions of a resolution and
 * prints the revision document (json), a wdiff view (text), Word's
 * flattened text (flat), a standalone page (html) or the change summary.
 * OLD and NEW are read by cli/document-file.ts: document JSON (or a
 * stored version record) or importable text (docs/text-format.md).
 */
import { writeFile } from 'node:fs/promises'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import { readDocumentFile } from '../document-file.js'
import type { Command } from '../main.js'
import { languageOption } from './import.js'
import { coarseBlocksNote, compare, renderFlat, renderHtml, renderSummary, renderText } from '../../diff/index.js'

const FORMATS = ['json', 'text', 'flat', 'html', 'summary'] as const
type Format = typeof FORMATS[number]

/** The compare command. */
export const command: Command = {
  summary: 'compare two versions of a resolution (document JSON or text) and show the changes',
  usage: 'resdraft compare OLD NEW [--format json|text|flat|html|summary] [--out FILE] [--ignore-renumbering] [--show-whitespace] [--lang ar|en|fr|es|ru|zh]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['format', 'out', 'lang'], ['ignore-renumbering', 'show-whitespace'])
    if (positional.length !== 2) throw new UsageError('need exactly two files, OLD and NEW')
    const format = (options.get('format') ?? 'text') as Format
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${String(format)}"; use one of ${FORMATS.join(', ')}`)
    const lang = languageOption(options.get('lang'))
    const [oldFile, newFile] = positional as [string, string]
    const oldDoc = await readDocumentFile(oldFile, io, { lang })
    const newDoc = await readDocumentFile(newFile, io, { lang })
    const showWhitespace = options.has('show-whitespace')
    const { doc, summary } = compare(oldDoc, newDoc, { ignoreRenumbering: options.has('ignore-renumbering'), showWhitespace })
    const output = format === 'json' ? JSON.stringify({ doc: doc.toJSON(), summary }, null, 2) + '\n'
      : format === 'text' ? renderText(doc, { showWhitespace })
      : format === 'flat' ? renderFlat(doc, { showWhitespace })
      : format === 'html' ? renderHtml(doc, { title: `${oldFile} → ${newFile}`, summary, showWhitespace })
      : renderSummary(summary)
    const out = options.get('out')
    if (typeof out === 'string') {
      try { await writeFile(out, output) } catch (e) { throw new InputError(`cannot write ${out}: ${(e as Error).message}`) }
    } else io.out(output)
    if (summary.bounded > 0) io.err(`resdraft compare: ${coarseBlocksNote(summary.bounded)}\n`)
    return 0
  }
}
