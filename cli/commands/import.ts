/**
 * `resdraft import FILE [--lang ar] [--labels source|override] [--out OUT.json]`:
 * reads the plain-text form of a resolution or proposal (docs/text-format.md)
 * and prints or writes the document JSON. Lines that could not be placed as
 * intended are listed on stderr as `FILE:LINE: message`.
 */
import { writeFile } from 'node:fs/promises'
import { isLanguage, LANGUAGES, type Language } from '../../schema/languages.js'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import { importFile, readInputFile } from '../document-file.js'
import type { Command } from '../main.js'

/** The `--lang` option, checked. */
export function languageOption(value: string | true | undefined): Language | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isLanguage(value)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`)
  return value
}

/** The `import` command. */
export const command: Command = {
  summary: 'read a plain-text resolution or proposal into document JSON (warnings on stderr as FILE:LINE: message)',
  usage: 'resdraft import FILE [--lang ar|en|fr|es|ru|zh] [--labels source|override] [--out OUT.json]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['lang', 'out', 'labels'])
    if (positional.length !== 1) throw new UsageError(positional.length ? 'expected one FILE' : 'expected the FILE to import')
    const lang = languageOption(options.get('lang'))
    const labels = options.get('labels')
    if (labels !== undefined && labels !== 'source' && labels !== 'override') throw new UsageError('--labels must be source or override')
    const out = options.get('out')
    if (out === true) throw new UsageError('--out needs a file name')
    const path = positional[0]!
    const { doc } = importFile(path, await readInputFile(path), io, { lang, labels })
    const json = JSON.stringify(doc.toJSON(), null, 2) + '\n'
    if (out === undefined) io.out(json)
    else {
      try { await writeFile(out, json) }
      catch (e) { throw new InputError(`${out}: cannot write: ${(e as Error).message}`) }
    }
    return 0
  }
}
