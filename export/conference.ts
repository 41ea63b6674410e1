/**
 * The conference document around a proposal, as ITU issues it: the header
 * block at the top of page 1 (assembly with place and dates, meeting,
 * "Addendum 13 to Document 44-A", date, "Original: English"), the line
 * "Proposals for the work of the assembly" under the title, and the running
 * reference of later pages (`WTSA16/44(Add.13)-A`). Everything is worded in
 * the document's language. The English wordings are ITU's (WTSA-16
 * documents); the Arabic ones follow ITU's Arabic documents where seen
 * (الأصل: بالإنكليزية) and are ours otherwise; French, Spanish, Russian and
 * Chinese are the usual ITU formulas, unchecked: data to correct.
 */
import type { Language } from '../schema/index.js'
import { coverWords } from './cover.js'
import type { Layout, LayoutParagraph } from './layout.js'
import type { ProposalId } from './proposal-id.js'

/** The assembly a document is submitted to. Every field has a default (WTSA-16, Hammamet). */
export interface AssemblyOptions {
  /** Acronym with year, e.g. "WTSA-16"; gives the reference prefix ("WTSA16"). Default "WTSA-16". */
  readonly acronym?: string
  /** Full name in the document's language; default "World Telecommunication Standardization Assembly (WTSA-16)" in that language. */
  readonly name?: string
  /** Place in the document's language; default Hammamet (الحمامات ...) when the acronym is WTSA-16. */
  readonly place?: string
  /** First and last day (ISO dates); default 2016-10-25 and 2016-11-03 for WTSA-16. */
  readonly opens?: string
  readonly closes?: string
  /** The dates as written, overriding `opens`/`closes` (e.g. "25 October – 3 November 2016"). */
  readonly dates?: string
}

/**
 * Options of the conference document (the export dialog's fields). Defaults
 * come from the proposal id (`APT/44A13/1`: Document 44, Addendum 13) and
 * the document (language).
 */
export interface ConferenceOptions {
  readonly assembly?: AssemblyOptions
  /** Default "PLENARY MEETING" in the document's language. */
  readonly meeting?: string
  /** The conference document number; default the proposal id's (44). */
  readonly documentNumber?: number
  /** The addendum number; default the proposal id's (13); null for a document without addendum. */
  readonly addendum?: number | null
  /** The document's date (ISO); default today. */
  readonly date?: string
  /** The language the proposal was written in; default the document's. */
  readonly originalLanguage?: Language
}

/** Everything the writers put around the body: the header block and the running reference, worded. */
export interface ConferenceFrame {
  readonly lang: Language
  /** "World Telecommunication Standardization Assembly (WTSA-16)". */
  readonly assembly: string
  /** "Hammamet, 25 October – 3 November 2016". */
  readonly placeAndDates: string
  /** "PLENARY MEETING". */
  readonly meeting: string
  /** "Addendum 13 to", "Document 44-A" (one line each; one line without addendum). */
  readonly documentLines: readonly string[]
  /** "29 September 2016". */
  readonly date: string
  /** "Original: English". */
  readonly original: string
  /** "Proposals for the work of the assembly", written under the title. */
  readonly workLine: string
  /** The running reference of later pages: "WTSA16/44(Add.13)-A". */
  readonly reference: string
}

interface Words {
  assembly: (acronym: string) => string
  meeting: string
  addendum: (n: number) => string
  document: (n: string) => string
  work: string
}

const WORDS: Record<Language, Words> = {
  en: { assembly: a => `World Telecommunication Standardization Assembly (${a})`, meeting: 'PLENARY MEETING', addendum: n => `Addendum ${n} to`, document: n => `Document ${n}`, work: 'Proposals for the work of the assembly' },
  ar: { assembly: a => `الجمعية العالمية لتقييس الاتصالات (${a})`, meeting: 'الجلسة العامة', addendum: n => `الإضافة ${n} إلى`, document: n => `الوثيقة ${n}`, work: 'مقترحات لأعمال الجمعية' },
  fr: { assembly: a => `Assemblée mondiale de normalisation des télécommunications (${a.replace(/^WTSA/, 'AMNT')})`, meeting: 'SÉANCE PLÉNIÈRE', addendum: n => `Addendum ${n} au`, document: n => `Document ${n}`, work: 'Propositions pour les travaux de l\'Assemblée' },
  es: { assembly: a => `Asamblea Mundial de Normalización de las Telecomunicaciones (${a.replace(/^WTSA/, 'AMNT')})`, meeting: 'SESIÓN PLENARIA', addendum: n => `Addéndum ${n} al`, document: n => `Documento ${n}`, work: 'Propuestas para los trabajos de la Asamblea' },
  ru: { assembly: a => `Всемирная ассамблея по стандартизации электросвязи (${a.replace(/^WTSA/, 'ВАСЭ')})`, meeting: 'ПЛЕНАРНОЕ ЗАСЕДАНИЕ', addendum: n => `Дополнительный документ ${n}`, document: n => `к Документу ${n}`, work: 'Предложения для работы Ассамблеи' },
  zh: { assembly: a => `世界电信标准化全会（${a}）`, meeting: '全体会议', addendum: n => `增补文件${n}`, document: n => `文件${n}`, work: '有关全会工作的提案' }
}

/** The letter that ends a document number and reference in each language. */
export const LANGUAGE_LETTER: Record<Language, string> = { en: 'E', ar: 'A', fr: 'F', es: 'S', ru: 'R', zh: 'C' }

/** Hammamet in each language: the default place of WTSA-16. */
const HAMMAMET: Record<Language, string> = { en: 'Hammamet', ar: 'الحمامات', fr: 'Hammamet', es: 'Hammamet', ru: 'Хаммамет', zh: '哈马马特' }

const LOCALES: Record<Language, string> = { en: 'en-GB', ar: 'ar-u-nu-latn', fr: 'fr-FR', es: 'es-ES', ru: 'ru-RU', zh: 'zh-CN' }

/** The default assembly. */
export const WTSA16: Required<Omit<AssemblyOptions, 'name' | 'place' | 'dates'>> = { acronym: 'WTSA-16', opens: '2016-10-25', closes: '2016-11-03' }

function parseDate(iso: string, what: string): Date {
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(iso) ? `${iso}T12:00:00Z` : iso)
  if (Number.isNaN(d.getTime())) throw new RangeError(`${what} "${iso}" is not a date (expected YYYY-MM-DD)`)
  return d
}

/** A date as ITU writes it in a language ("29 September 2016", "29 سبتمبر 2016"), Western digits. */
export function formatDocumentDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parseDate(iso, 'date'))
}

/** "25 October – 3 November 2016" (one month: "3–14 October 2016"); Chinese, year first: "2016年10月25日–11月3日". */
export function formatDateRange(opens: string, closes: string, lang: Language): string {
  const a = parseDate(opens, 'opening date'), b = parseDate(closes, 'closing date')
  const f = (d: Date, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LOCALES[lang], { ...o, timeZone: 'UTC' }).format(d)
  const sameYear = a.getUTCFullYear() === b.getUTCFullYear()
  const sameMonth = sameYear && a.getUTCMonth() === b.getUTCMonth()
  // the year (and month) said once, where a Chinese date starts: at the opening day
  if (lang === 'zh') return `${f(a, { day: 'numeric', month: 'long', year: 'numeric' })}–${f(b, sameMonth ? { day: 'numeric' } : sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' })}`
  if (sameMonth) return `${f(a, { day: 'numeric' })}–${f(b, { day: 'numeric', month: 'long', year: 'numeric' })}`
  const start = sameYear ? f(a, { day: 'numeric', month: 'long' }) : f(a, { day: 'numeric', month: 'long', year: 'numeric' })
  return `${start} – ${f(b, { day: 'numeric', month: 'long', year: 'numeric' })}`
}

/** The running reference: `WTSA16/44(Add.13)-A`. */
export function documentReference(acronym: string, documentNumber: number, addendum: number | null, lang: Language): string {
  return `${acronym.replace(/[^A-Za-z0-9]/g, '')}/${documentNumber}${addendum === null ? '' : `(Add.${addendum})`}-${LANGUAGE_LETTER[lang]}`
}

/**
 * What empty assembly fields give, worded for a language: the assembly's name from its acronym (WTSA-16
 * unless given), and for WTSA-16 its place and dates (another assembly has none but those given). The
 * export dialog shows them as its placeholders.
 */
export function assemblyDefaults(lang: Language, acronym = ''): { assembly: string; place: string; dates: string } {
  const name = acronym.trim() || WTSA16.acronym
  const isWtsa16 = name === WTSA16.acronym
  return { assembly: WORDS[lang].assembly(name), place: isWtsa16 ? HAMMAMET[lang] : '', dates: isWtsa16 ? formatDateRange(WTSA16.opens, WTSA16.closes, lang) : '' }
}

/** Words the frame is built from, worded for a language; the proposal id gives document and addendum unless the options do. */
export function conferenceFrame(lang: Language, opts: ConferenceOptions = {}, proposalId: ProposalId | null = null): ConferenceFrame {
  const w = WORDS[lang]
  const a = opts.assembly ?? {}
  const acronym = a.acronym?.trim() || WTSA16.acronym
  const defaults = assemblyDefaults(lang, acronym)
  const documentNumber = opts.documentNumber ?? proposalId?.document
  if (documentNumber === undefined || !Number.isInteger(documentNumber) || documentNumber < 1) throw new RangeError('a document number is needed (give documentNumber, or a proposal id such as APT/44A13/1)')
  const addendum = opts.addendum === undefined ? proposalId?.addendum ?? null : opts.addendum
  if (addendum !== null && (!Number.isInteger(addendum) || addendum < 1)) throw new RangeError(`addendum must be a positive whole number, got ${addendum}`)
  const place = a.place?.trim() || defaults.place
  const dates = a.dates?.trim() || (a.opens && a.closes ? formatDateRange(a.opens, a.closes, lang) : defaults.dates)
  const comma = lang === 'ar' ? '، ' : lang === 'zh' ? '，' : ', '
  // in a right-to-left line a number after Arabic words is laid out right to left ("A-44"): a left-to-right mark keeps "44-A" whole
  const number = `${lang === 'ar' ? '\u200e' : ''}${documentNumber}-${LANGUAGE_LETTER[lang]}`
  const cover = coverWords(lang)
  return {
    lang,
    assembly: a.name?.trim() || defaults.assembly,
    placeAndDates: [place, dates].filter(Boolean).join(comma),
    meeting: opts.meeting?.trim() || w.meeting,
    documentLines: addendum === null ? [w.document(number)] : [w.addendum(addendum), w.document(number)],
    date: formatDocumentDate(opts.date ?? new Date().toISOString().slice(0, 10), lang),
    original: `${cover.original} ${cover.languages[opts.originalLanguage ?? lang]}`,
    workLine: w.work,
    reference: documentReference(acronym, documentNumber, addendum, lang)
  }
}

/** The original language a cover's "Original:" line names ("الأصل: بالإنكليزية" -> en), or null. */
export function originalLanguageOf(layout: Layout): Language | null {
  const origin = layout.paragraphs.find(p => p.style === 'Origin')
  if (!origin) return null
  const text = origin.runs.map(r => r.text).join('').trim()
  const words = coverWords(layout.lang)
  const named = (Object.entries(words.languages) as [Language, string][]).find(([, name]) => text.endsWith(name))
  return named ? named[0] : null
}

/**
 * The body of a framed document: the cover's "Original:" line moves into
 * the header block, and "Proposals for the work of the assembly" follows
 * the (first) title.
 */
export function frameLayout(layout: Layout, frame: ConferenceFrame): Layout {
  const paragraphs: LayoutParagraph[] = []
  let placed = false
  for (const p of layout.paragraphs) {
    if (p.style === 'Origin') continue
    paragraphs.push(p)
    if (!placed && p.style === 'Title1') { paragraphs.push({ style: 'Title2', runs: [{ text: frame.workLine }] }); placed = true }
  }
  if (!placed) paragraphs.unshift({ style: 'Title2', runs: [{ text: frame.workLine }] })
  return { ...layout, paragraphs }
}
