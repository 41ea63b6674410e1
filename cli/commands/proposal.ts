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
import { isExportFormat, renderLayout, EXPORT_FORMATS } from '../../export/formats.js'
import { hasMarkerLine, markedProposalId, prepareProposal, ProposalExportError } from '../../export/export-proposal.js'
import { formatProposalId, parseProposalId, ProposalIdError, type ProposalId } from '../../export/proposal-id.js'
import { InputError, parseArgs, UsageError, type CliIO } from '../args.js'
import { readDocumentFile } from '../document-file.js'
import type { Command } from '../main.js'
import { languageOption } from './import.js'

const VALUED = ['id', 'source', 'format', 'out', 'author', 'delegation', 'date', 'title', 'summary', 'introduction', 'proposal', 'reasons', 'lang', 'original',
  'assembly', 'assembly-name', 'place', 'opens', 'closes', 'dates', 'meeting', 'document', 'addendum', 'doc-date']

/** The `proposal` command. */
export const command: Command = {
  summary: 'write an ITU proposal (cover, MOD marker, revision marks, reasons) as DOCX, static DOCX, HTML or PDF',
  usage: 'resdraft proposal BASE|none DRAFT|none [BASE2|none DRAFT2|none ...] --id APT/44A13/1 --source "APT Member Administrations" --format docx|docx-static|html|pdf --out FILE [--author NAME --delegation APT --date ISO --title T --original en --summary S --introduction I --proposal P --reasons R --lang ar] [--assembly WTSA-16 --assembly-name N --place P --opens YYYY-MM-DD --closes YYYY-MM-DD --dates TEXT --meeting M --document 44 --addendum 13|none --doc-date YYYY-MM-DD | --no-frame] [--show-whitespace] (--id defaults to the first draft\'s marker line, which may have no number yet; --reasons once, or once per unit)',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positional, options, repeated } = parseArgs(args, VALUED, ['no-frame', 'show-whitespace'])
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
    // without --id, the first draft's own marker line (`MOD<TAB>APT/44A13/1`) gives the number; a marker line
    // without one (a proposal not numbered yet) gives a proposal whose marker lines have none
    const marked = markedProposalId(doc)
    if (!given && !marked && !hasMarkerLine(doc)) throw new UsageError('--id is required (e.g. APT/44A13/1) when the draft has no marker line')
    const firstId = given ?? (marked ? readId(marked) : null)
    const author = opt('author') ?? null, delegation = opt('delegation') ?? firstId?.source ?? null
    const date = opt('date') ?? new Date().toISOString()
    const whole = (name: string): number | undefined => {
      const v = opt(name)
      if (v === undefined) return undefined
      if (!/^\d{1,4}$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a positive whole number`)
      return Number(v)
    }
    const addendum = opt('addendum') === 'none' ? null : whole('addendum')
    const isoDate = (name: string) => { const v = opt(name); if (v !== undefined && !/^\d{4}-\d\d-\d\d$/.test(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD`); return v }
    const [opens, closes, docDate] = [isoDate('opens'), isoDate('closes'), isoDate('doc-date')]
    const assembly = {
      ...(opt('assembly') ? { acronym: opt('assembly') } : {}), ...(opt('assembly-name') ? { name: opt('assembly-name') } : {}),
      ...(opt('place') ? { place: opt('place') } : {}), ...(opens ? { opens } : {}), ...(closes ? { closes } : {}), ...(opt('dates') ? { dates: opt('dates') } : {})
    }
    const documentNumber = whole('document')
    let prepared
    try {
      const showWhitespace = options.get('show-whitespace') === true
      prepared = prepareProposal(loaded, (a, b) => compare(a, b, { author: { author, delegation, date }, showWhitespace }).doc, {
        showWhitespace,
        format, ...(firstId ? { proposalId: formatProposalId(firstId) } : {}), author, delegation, revisionDate: date,
        ...(opt('source') ? { source: opt('source') } : {}), ...(opt('title') ? { title: opt('title') } : {}),
        ...(original ? { originalLanguage: original } : {}),
        ...(opt('summary') ? { summary: opt('summary') } : {}), ...(opt('introduction') ? { introduction: opt('introduction') } : {}), ...(opt('proposal') ? { proposal: opt('proposal') } : {}),
        ...(reasons.length ? { reasons } : {}),
        assembly, ...(opt('meeting') ? { meeting: opt('meeting') } : {}), ...(documentNumber ? { documentNumber } : {}), ...(addendum !== undefined ? { addendum } : {}),
        ...(docDate ? { date: docDate } : {}), conferenceDocument: options.get('no-frame') !== true
      })
    } catch (e) {
      if (e instanceof ProposalExportError || e instanceof RangeError) throw new UsageError(e.message)
      throw e
    }
    const { layout, frame, title } = prepared
    const units = layout.paragraphs.filter(p => p.style === 'Proposal')
    const docLang = doc.attrs.lang as Language
    const bytes = await renderLayout(layout, format, { title, author: author ?? delegation, ...(frame ? { frame } : {}) })
    try { await writeFile(out, bytes) } catch (e) { throw new InputError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) }
    const ids = units.map(p => p.runs.map(r => r.text).join('')).join(', ')
    io.out(`${ids}: ${format} written to ${out} (${bytes.length} bytes, ${layout.paragraphs.length} paragraphs, language ${docLang})\n`)
    return 0
  }
}
