/**
 * `resdraft import-docx FILE.docx [--base VERSION.json] [--out-base B.json --out-proposal P.json]`:
 * reads a delegation's Word proposal (tracked changes, or struck/underlined
 * revision formatting) into its base
 * (all changes rejected) and proposal (all accepted), reports who changed
 * what, and checks the base against the version in force. Unsafe or broken
 * files are refused and nothing is written.
 */
import { writeFile } from 'node:fs/promises'
import { compare } from '../../diff/index.js'
import { checkBase, formatBaseCheck } from '../../export/base-check.js'
import { describeDocx, DocxImportError, formatDocxFindings, importDocxProposal } from '../../export/docx-import.js'
import { DocxInputError } from '../../export/docx-read.js'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import { readDocumentFile, readInputFile } from '../document-file.js'
import type { Command } from '../main.js'
import { languageOption } from './import.js'

/** The `import-docx` command. */
export const command: Command = {
  summary: 'read a Word proposal (tracked changes or struck/underlined formatting) into base and proposal documents, and check its base against the version in force',
  usage: 'resdraft import-docx FILE.docx [--base VERSION.json] [--out-base B.json] [--out-proposal P.json] [--lang ar]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['base', 'out-base', 'out-proposal', 'lang'])
    if (positional.length !== 1) throw new UsageError('expected one FILE.docx')
    const opt = (k: string) => { const v = options.get(k); return typeof v === 'string' ? v : undefined }
    const lang = languageOption(options.get('lang'))
    const file = positional[0]!

    const bytes = await readInputFile(file)
    let imported: ReturnType<typeof importDocxProposal>
    try { imported = importDocxProposal(bytes, lang ? { lang } : {}) }
    catch (e) {
      if (e instanceof DocxInputError) throw new InputError(`${file}: ${e.message}`)
      if (e instanceof DocxImportError) {
        io.out(`${file}: ${formatDocxFindings(e.found)}`)
        throw new InputError(`${file}: ${e.reason}`)
      }
      throw new InputError(`${file}: ${(e as Error).message}`)
    }
    const base = opt('base')
    const inForce = base === undefined ? null : await readDocumentFile(base, io, lang ? { lang } : {})

    io.out(`${file}: ${formatDocxFindings(describeDocx(imported))}`)
    for (const [view, list] of Object.entries(imported.warnings)) {
      for (const w of list) io.err(`${file} (${view}) line ${w.line}: warning: ${w.message}\n`)
    }
    if (inForce) {
      const check = checkBase(imported.base, inForce, (a, b) => compare(a, b).doc)
      io.out(formatBaseCheck(check))
    }
    const outBase = opt('out-base'), outProposal = opt('out-proposal')
    try {
      if (outBase) await writeFile(outBase, JSON.stringify(imported.base.toJSON(), null, 1))
      if (outProposal) await writeFile(outProposal, JSON.stringify(imported.proposal.toJSON(), null, 1))
    } catch (e) { throw new InputError(`cannot write output: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) }
    return 0
  }
}
