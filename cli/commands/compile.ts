/**
 * `resdraft compile BASE PROPOSAL...`: lines up several proposals on one
 * base version (compile/): one row per unit, each source's marked text,
 * rows classed (untouched, one source, same change, conflict, additions at
 * the same place). Each PROPOSAL names its source by its MOD line
 * (`MOD APT/44A13/1` → APT), or is given as `--source NAME=FILE`.
 */
import { writeFile } from 'node:fs/promises'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import type { Command } from '../main.js'
import { isLanguage, type Language } from '../../schema/languages.js'
import { compile, compilationToJSON, proposalSource, renderCompilationHtml, renderCompilationSummary, type CompilationSource } from '../../compile/index.js'
import { readDocumentFile } from '../document-file.js'

const FORMATS = ['json', 'html', 'docx', 'summary'] as const
type Format = typeof FORMATS[number]

/** The compile command. */
export const command: Command = {
  summary: 'line up several proposals on one base version: a synoptic table with each row classed (same change, conflict ...)',
  usage: 'resdraft compile BASE PROPOSAL... [--source NAME=FILE]... [--format json|html|docx|summary] [--out FILE] [--lang ar|en|fr|es|ru|zh]',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options, repeated } = parseArgs(args, ['format', 'out', 'lang', 'source'])
    const format = (options.get('format') ?? 'summary') as Format
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${String(format)}"; use one of ${FORMATS.join(', ')}`)
    const lang = options.get('lang') as string | undefined
    if (lang !== undefined && !isLanguage(lang)) throw new UsageError(`unknown language "${lang}"`)
    const [baseFile, ...proposalFiles] = positional
    const named = (repeated.get('source') ?? []).map(spec => {
      const at = spec.indexOf('=')
      if (at <= 0 || at === spec.length - 1) throw new UsageError(`--source takes NAME=FILE, not "${spec}"`)
      return { name: spec.slice(0, at), file: spec.slice(at + 1) }
    })
    if (!baseFile || proposalFiles.length + named.length === 0) throw new UsageError('need a BASE and at least one PROPOSAL')
    const read = (file: string) => readDocumentFile(file, io, { lang: lang as Language | undefined })
    const base = await read(baseFile)
    const sources: CompilationSource[] = []
    for (const file of proposalFiles) {
      const doc = await read(file)
      const source = proposalSource(doc)
      if (!source) throw new InputError(`${file}: no MOD line names its source (e.g. "MOD<TAB>APT/44A13/1"); give it as --source NAME=${file}`)
      sources.push({ name: source.name, proposalId: source.proposalId, doc })
    }
    for (const { name, file } of named) {
      const doc = await read(file)
      sources.push({ name, proposalId: proposalSource(doc)?.proposalId ?? null, doc })
    }
    const seen = new Set<string>()
    for (const s of sources) {
      if (seen.has(s.name)) throw new InputError(`two proposals name the same source "${s.name}"; rename one with --source NAME=FILE`)
      seen.add(s.name)
    }
    const compilation = compile(base, sources)
    const title = `Compilation: ${sources.map(s => s.proposalId ?? s.name).join(', ')}`
    if (format === 'docx') {
      const out = options.get('out')
      if (typeof out !== 'string') throw new UsageError('--format docx needs --out FILE')
      const { compilationDocx } = await import('../../export/compilation-docx.js')
      try { await writeFile(out, compilationDocx(compilation, { title })) } catch (e) { throw new InputError(`cannot write ${out}: ${(e as Error).message}`) }
      return 0
    }
    const output = format === 'json' ? JSON.stringify(compilationToJSON(compilation), null, 2) + '\n'
      : format === 'html' ? renderCompilationHtml(compilation, { title })
      : renderCompilationSummary(compilation)
    const out = options.get('out')
    if (typeof out === 'string') {
      try { await writeFile(out, output) } catch (e) { throw new InputError(`cannot write ${out}: ${(e as Error).message}`) }
    } else io.out(output)
    return 0
  }
}
