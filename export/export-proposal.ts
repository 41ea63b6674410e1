/**
 * One call from documents to the bytes of an ITU proposal, as the export
 * dialog, the HTTP route and the CLI ask for it: each unit's base (the
 * version in force, or null for a new resolution) and draft (or null to
 * suppress), the options of the dialog, the diff engine's compare; out come
 * the file's bytes, in the conference document ITU issues (header block,
 * page header and footer, cover, marker lines, marked text, reasons).
 */
import type { Node } from 'prosemirror-model'
import { isLanguage, type Language } from '../schema/index.js'
import { conferenceFrame, originalLanguageOf, type ConferenceFrame, type ConferenceOptions } from './conference.js'
import { proposalTitle } from './cover.js'
import { renderLayout, type ExportFormat } from './formats.js'
import type { Layout } from './layout.js'
import type { PdfRenderer } from './pdf.js'
import { layoutProposal, unitFor } from './proposal-document.js'
import { formatProposalId, parseProposalId, type ProposalId } from './proposal-id.js'
import { exportFileName } from './file-name.js'

/** One unit: what the proposal starts from and what it proposes. */
export interface ProposalPair {
  /** The base version (the version in force the proposal is drafted on); null proposes a new resolution (ADD). */
  readonly base: Node | null
  /** The proposed text; null suppresses the resolution (SUP). */
  readonly draft: Node | null
}

/**
 * The options of a proposal export (the export dialog's fields). All are
 * optional; defaults come from the first draft (its marker line, cover and
 * language) and from the proposal id (`APT/44A13/1`: Document 44,
 * Addendum 13, source APT). The base version is chosen by the caller and
 * given as each pair's `base`.
 */
export interface ProposalExportOptions extends ConferenceOptions {
  /** Mark changes made only of white space (default: the new white space, unmarked; diff/whitespace.ts). */
  readonly showWhitespace?: boolean
  /** `docx` (tracked changes, default), `docx-static`, `html` or `pdf`. */
  readonly format?: ExportFormat
  /** The first unit's id (`APT/44A13/1`); default the first draft's marker line. Later units are numbered on. */
  readonly proposalId?: string
  /** Who submits it; default the draft's cover, else the id's source. */
  readonly source?: string
  /** Default the draft's cover, else "Proposed modification of Resolution 50 – Cybersecurity" in the document's language. */
  readonly title?: string
  readonly summary?: string
  readonly introduction?: string
  readonly proposal?: string
  /** Reasons: one text for every unit, or one per unit; default each draft's own `reasons`. */
  readonly reasons?: string | readonly string[]
  /** Credited with revisions that name nobody; default none (the delegation). */
  readonly author?: string | null
  /** Default the id's source. */
  readonly delegation?: string | null
  /** Date of the revisions (ISO); default now. */
  readonly revisionDate?: string
  /** Write the conference document around the proposal (header block, page header and footer); default true. */
  readonly conferenceDocument?: boolean
  /** A browser kept open for PDF. */
  readonly pdfRenderer?: PdfRenderer
}

/** Thrown for options that cannot make a proposal (no marker line and no id, bad id, reasons count); the message says which. */
export class ProposalExportError extends Error {
  constructor(message: string) { super(message); this.name = 'ProposalExportError' }
}

/** Everything decided before writing: the layout, the frame, the id, a file name. */
export interface PreparedProposal {
  readonly layout: Layout
  readonly frame: ConferenceFrame | null
  /** Null for a proposal not numbered yet (its marker line has no number). */
  readonly firstId: ProposalId | null
  readonly format: ExportFormat
  /** `APT-44A13-1.docx`, `APT-44A13-1-static.docx`, `APT-44A13-1.pdf` ... */
  readonly fileName: string
  readonly title: string
}

/** The marker line's proposal id of a document (`MOD<TAB>APT/44A13/1`), or null. */
export function markedProposalId(doc: Node | null): string | null {
  let id: string | null = null
  doc?.forEach(child => { if (child.type.name === 'proposalMarker' && child.attrs.proposalId) id = String(child.attrs.proposalId) })
  return id
}

/** True when a document has a proposal's marker line (`MOD`, numbered or not). */
export function hasMarkerLine(doc: Node | null): boolean {
  let found = false
  doc?.forEach(child => { if (child.type.name === 'proposalMarker') found = true })
  return found
}

/**
 * Lays out a proposal and its conference document from documents and
 * options. A proposal not numbered yet (a marker line without a number, as
 * drafters write before the Secretariat numbers it) is laid out the same,
 * its marker line without a number.
 */
export function prepareProposal(pairs: readonly ProposalPair[], compare: (a: Node, b: Node) => Node, opts: ProposalExportOptions = {}): PreparedProposal {
  if (pairs.length === 0) throw new ProposalExportError('a proposal needs at least one unit')
  if (pairs.some(p => !p.base && !p.draft)) throw new ProposalExportError('a unit needs a base or a draft')
  const first = pairs[0]!
  const doc = (first.draft ?? first.base)!
  const idText = opts.proposalId ?? markedProposalId(first.draft)
  if (!idText && !hasMarkerLine(first.draft)) throw new ProposalExportError('a proposal id is needed (e.g. APT/44A13/1): the draft has no marker line')
  let firstId: ProposalId | null = null
  if (idText) { try { firstId = parseProposalId(idText) } catch (e) { throw new ProposalExportError((e as Error).message) } }
  const reasons = opts.reasons
  if (Array.isArray(reasons) && reasons.length !== pairs.length && reasons.length !== 1) throw new ProposalExportError(`${reasons.length} reasons given for ${pairs.length} units: give one, or one per unit`)
  const reasonOf = (i: number): string | undefined => typeof reasons === 'string' ? reasons : reasons?.[reasons.length === 1 ? 0 : i]
  const who = { author: opts.author ?? null, delegation: opts.delegation ?? firstId?.source ?? null, date: opts.revisionDate ?? new Date().toISOString() }
  const units = pairs.map((p, i) => unitFor(p.base, p.draft, compare, reasonOf(i)))
  const title = opts.title ?? units.map((u, i) => proposalTitle((pairs[i]!.draft ?? pairs[i]!.base)!, u.action)).join('; ')
  const layout = layoutProposal({
    firstId, units, coverSource: first.draft, ...who, ...(opts.showWhitespace ? { showWhitespace: true } : {}),
    cover: {
      source: opts.source ?? firstId?.source ?? who.delegation ?? '', title,
      ...(opts.originalLanguage ? { originalLanguage: opts.originalLanguage } : {}),
      ...(opts.summary ? { summary: opts.summary } : {}),
      ...(opts.introduction ? { introduction: opts.introduction } : {}),
      ...(opts.proposal ? { proposal: opts.proposal } : {})
    }
  })
  const lang = (doc.attrs.lang ?? 'en') as Language
  const original = opts.originalLanguage ?? originalLanguageOf(layout) ?? lang
  // the conference document's frame is numbered: a proposal not numbered yet, and given no document number, has none
  const numbered = firstId !== null || opts.documentNumber !== undefined
  const frame = opts.conferenceDocument === false || !numbered ? null : conferenceFrame(lang, { ...opts, originalLanguage: original }, firstId)
  const format = opts.format ?? 'docx'
  return { layout, frame, firstId, format, fileName: exportFileName(firstId ? formatProposalId(firstId) : null, title, format), title }
}

/** Writes an ITU proposal from documents and options: the file's bytes. */
export async function exportProposal(pairs: readonly ProposalPair[], compare: (a: Node, b: Node) => Node, opts: ProposalExportOptions = {}): Promise<Uint8Array> {
  const p = prepareProposal(pairs, compare, opts)
  return renderLayout(p.layout, p.format, {
    title: p.title, author: opts.author ?? opts.delegation ?? p.firstId?.source ?? null,
    ...(p.frame ? { frame: p.frame } : {}), ...(opts.pdfRenderer ? { pdfRenderer: opts.pdfRenderer } : {})
  })
}

/** The query parameters of the export route that set proposal options (the export dialog's fields). */
export const PROPOSAL_QUERY_KEYS = ['proposalId', 'documentNumber', 'addendum', 'acronym', 'assembly', 'place', 'opens', 'closes', 'dates', 'meeting', 'date', 'originalLanguage', 'reasons', 'source', 'title', 'frame'] as const

/**
 * Proposal options from query parameters (`get` returns a parameter or
 * undefined): `proposalId`, `documentNumber`, `addendum` (a number, or
 * `none`), `acronym` (WTSA-16), `assembly` (full name), `place`, `opens`,
 * `closes` (YYYY-MM-DD), `dates` (as written), `meeting`, `date`
 * (YYYY-MM-DD), `originalLanguage`, `reasons` (repeat the parameter for one
 * per unit), `source`, `title`, `frame=0` (no conference document). Bad
 * values throw ProposalExportError naming the parameter.
 */
export function proposalOptionsFromQuery(get: (key: string) => string | readonly string[] | undefined): ProposalExportOptions {
  const one = (k: string): string | undefined => { const v = get(k); const s = Array.isArray(v) ? v[0] : v as string | undefined; return s?.trim() ? s.trim() : undefined }
  const whole = (k: string): number | undefined => {
    const v = one(k)
    if (v === undefined) return undefined
    if (!/^\d{1,4}$/.test(v) || Number(v) < 1) throw new ProposalExportError(`${k} must be a positive whole number, got "${v.slice(0, 40)}"`)
    return Number(v)
  }
  const day = (k: string): string | undefined => {
    const v = one(k)
    if (v !== undefined && (!/^\d{4}-\d\d-\d\d$/.test(v) || Number.isNaN(Date.parse(v)))) throw new ProposalExportError(`${k} must be a date YYYY-MM-DD, got "${v.slice(0, 40)}"`)
    return v
  }
  const text = (k: string, max = 500): string | undefined => {
    const v = one(k)
    if (v !== undefined && v.length > max) throw new ProposalExportError(`${k} is longer than ${max} characters`)
    return v
  }
  const lang = one('originalLanguage')
  if (lang !== undefined && !isLanguage(lang)) throw new ProposalExportError(`originalLanguage must be one of ar, en, fr, es, ru, zh`)
  const raw = get('reasons')
  const reasons = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw as string]).map(r => r.trim())
  if (reasons.some(r => r.length > 5000)) throw new ProposalExportError('reasons are longer than 5000 characters')
  const addendum = one('addendum')?.toLowerCase() === 'none' ? null : whole('addendum')
  const assembly = Object.fromEntries(Object.entries({ acronym: text('acronym', 40), name: text('assembly'), place: text('place', 200), opens: day('opens'), closes: day('closes'), dates: text('dates', 200) }).filter(([, v]) => v !== undefined))
  const documentNumber = whole('documentNumber')
  const opts: Record<string, unknown> = {
    proposalId: one('proposalId'), source: text('source'), title: text('title', 1000), meeting: text('meeting', 200), date: day('date'),
    originalLanguage: lang, documentNumber, ...(addendum !== undefined ? { addendum } : {}),
    ...(Object.keys(assembly).length ? { assembly } : {}),
    ...(reasons.filter(Boolean).length ? { reasons: reasons.length === 1 ? reasons[0] : reasons } : {}),
    ...(one('frame') === '0' || one('frame') === 'false' ? { conferenceDocument: false } : {})
  }
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as ProposalExportOptions
}
