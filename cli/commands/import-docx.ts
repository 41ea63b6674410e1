/**
 * `resdraft import-docx FILE.docx [--base VERSION.json] [--out-base B.json --out-proposal P.json]`:
 * reads a delegation's Word proposal (tracked changes, or struck/underlined
 * revision formatting) into its base
 * (all changes rejected) and proposal (all accepted), reports who changed
 * what, and checks the base against the version in force. Unsafe or broken
 * files are refused and nothing is written.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { compare } from '../../diff/index.js'
import { isLanguage } from '../../schema/index.js'
import { checkBase, formatBaseCheck } from '../../export/base-check.js'
import { DocumentFileError, loadDocumentFile } from '../../export/document-file.js'
import { describeDocx, DocxImportError, formatDocxFindings, importDocxProposal } from '../../export/docx-import.js'
import { DocxInputError } from '../../export/docx-read.js'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import type { Command } from '../main.js'

/** The `import-docx` command. */
export const command: Command = {
  summary: 'read a Word proposal (tracked changes or struck/underlined formatting) into base and proposal documents, and check its base against the version in force',
  usage: 'resdraft import-docx FILE.docx [--base VERSION.json] [--out-base B.json] [--out-proposal P.json] [--lang ar]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options } = parseArgs(args, ['base', 'out-base', 'out-proposal', 'lang'])
    if (positional.length !== 1) throw new UsageError('expected one FILE.docx')
    const opt = (k: string) => { const v = options.get(k); return typeof v === 'string' ? v : undefined }
    const lang = opt('lang')
    if (lang !== undefined && !isLanguage(lang)) throw new UsageError('--lang must be one of ar, en, fr, es, ru, zh')
    const file = positional[0]!

    let bytes: Uint8Array
    try { bytes = await readFile(file) } catch (e) { throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) }
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
    let inForce = null
    if (opt('base')) {
      try { inForce = (await loadDocumentFile(opt('base')!)).doc } catch (e) {
        if (e instanceof DocumentFileError) throw new InputError(e.message)
        throw e
      }
    }

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
