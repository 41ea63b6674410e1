/**
 * `resdraft proposal BASE DRAFT [BASE2 DRAFT2 ...] --id APT/44A13/1 --source "..." --format F --out FILE`:
 * compares each draft with its base and writes the ITU proposal (cover,
 * then per unit its marker line, text with revision marks and reasons) as
 * tracked-changes DOCX, revision-formatted DOCX, HTML or PDF. Units after
 * the first are numbered on (`APT/44A13/2` ...); `--reasons` may be given
 * once for all units or once per unit.
 */
import { writeFile } from 'node:fs/promises'
import type { Node } from 'prosemirror-model'
import { compare } from '../../diff/index.js'
import { isLanguage, type Language } from '../../schema/index.js'
import { proposalTitle } from '../../export/cover.js'
import { isExportFormat, renderLayout, EXPORT_FORMATS } from '../../export/formats.js'
import { layoutProposal, unitFor } from '../../export/proposal-document.js'
import { formatProposalId, nthProposalId, parseProposalId, ProposalIdError, type ProposalId } from '../../export/proposal-id.js'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import { readDocumentFile } from '../document-file.js'
import type { Command } from '../main.js'
import { languageOption } from './import.js'

const VALUED = ['id', 'source', 'format', 'out', 'author', 'delegation', 'date', 'title', 'summary', 'introduction', 'proposal', 'reasons', 'lang', 'original']

/** The `proposal` command. */
export const command: Command = {
  summary: 'write an ITU proposal (cover, MOD marker, revision marks, reasons) as DOCX, static DOCX, HTML or PDF',
  usage: 'resdraft proposal BASE|none DRAFT|none [BASE2|none DRAFT2|none ...] --id APT/44A13/1 --source "APT Member Administrations" --format docx|docx-static|html|pdf --out FILE [--author NAME --delegation APT --date ISO --title T --original en --summary S --introduction I --proposal P --reasons R --lang ar] (--id defaults to the first draft\'s marker line; --reasons once, or once per unit)',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options, repeated } = parseArgs(args, VALUED)
    if (positional.length < 2 || positional.length % 2 !== 0) throw new UsageError('expected BASE and DRAFT (and further BASE DRAFT pairs, one per unit)')
    const pairs = Array.from({ length: positional.length / 2 }, (_, i) => [positional[2 * i]!, positional[2 * i + 1]!] as const)
    if (pairs.some(([b, d]) => b === 'none' && d === 'none')) throw new UsageError('BASE and DRAFT cannot both be none')
    const opt = (k: string) => { const v = options.get(k); return typeof v === 'string' ? v : undefined }
    const format = opt('format') ?? 'docx'
    if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`)
    const out = opt('out')
    if (!out) throw new UsageError('--out FILE is required')
    const reasons = repeated.get('reasons') ?? []
    if (reasons.length > 1 && reasons.length !== pairs.length) throw new UsageError(`--reasons given ${reasons.length} times for ${pairs.length} units: give it once, or once per unit`)
    const readId = (text: string): ProposalId => {
      try { return parseProposalId(text) } catch (e) { if (e instanceof ProposalIdError) throw new UsageError(e.message); throw e }
    }
    const given = opt('id') === undefined ? null : readId(opt('id')!)
    const lang = languageOption(options.get('lang'))
    const original = opt('original')
    if (original !== undefined && !isLanguage(original)) throw new UsageError(`--original must be one of ar, en, fr, es, ru, zh`)

    // `none` as BASE proposes a new resolution (ADD), as DRAFT suppresses one (SUP)
    const loaded: { base: Node | null; draft: Node | null }[] = []
    for (const [b, d] of pairs) {
      loaded.push({ base: b === 'none' ? null : await readDocumentFile(b, io, { lang }), draft: d === 'none' ? null : await readDocumentFile(d, io, { lang }) })
    }
    const first = loaded[0]!
    const doc = (first.draft ?? first.base)!
    // without --id, the first draft's own marker line (`MOD<TAB>APT/44A13/1`) gives the number
    let marked: string | null = null
    doc.forEach(child => { if (child.type.name === 'proposalMarker' && child.attrs.proposalId) marked = String(child.attrs.proposalId) })
    if (!given && !marked) throw new UsageError('--id is required (e.g. APT/44A13/1) when the draft has no marker line')
    const firstId = given ?? readId(marked!)
    const author = opt('author') ?? null, delegation = opt('delegation') ?? firstId.source
    const date = opt('date') ?? new Date().toISOString()
    const who = { author, delegation, date }
    const units = loaded.map(({ base, draft }, i) => unitFor(base, draft, (a, b) => compare(a, b, { author: who }).doc, reasons[reasons.length === 1 ? 0 : i]))
    // several units: the default title names each resolution in turn
    const defaultTitle = units.map((u, i) => proposalTitle((loaded[i]!.draft ?? loaded[i]!.base)!, u.action)).join('; ')
    const docLang = doc.attrs.lang as Language
    const layout = layoutProposal({
      firstId, units, coverSource: first.draft, ...who,
      cover: {
        source: opt('source') ?? firstId.source,
        title: opt('title') ?? defaultTitle,
        ...(original ? { originalLanguage: original } : {}),
        ...(opt('summary') ? { summary: opt('summary') } : {}),
        ...(opt('introduction') ? { introduction: opt('introduction') } : {}),
        ...(opt('proposal') ? { proposal: opt('proposal') } : {})
      }
    })
    const bytes = await renderLayout(layout, format, { title: opt('title') ?? defaultTitle, author: author ?? delegation })
    try { await writeFile(out, bytes) } catch (e) { throw new InputError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) }
    const ids = units.map((u, i) => `${u.action}\t${formatProposalId(nthProposalId(firstId, i))}`).join(', ')
    io.out(`${ids}: ${format} written to ${out} (${bytes.length} bytes, ${layout.paragraphs.length} paragraphs, language ${docLang})\n`)
    return 0
  }
}
