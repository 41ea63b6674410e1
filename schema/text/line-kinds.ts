/**
 * Recognising the lines of the plain-text form that are not provisions: the
 * proposal marker, the resolution heading, history line, assembly formula,
 * part (SECTION) and annex headings, notes and reasons, in the six
 * languages. Patterns are data: add a wording to the right list.
 */
import { PROPOSAL_ACTIONS, type ProposalAction } from '../nodes.js'
import type { Language } from '../languages.js'
import { matchSectionHeading, type HeadingMatch, type SectionPart } from '../vocabulary.js'

let lastRaw = ''
let lastClean = ''

/**
 * A line as the patterns below read it (compatibility forms folded, no
 * tatweel, single spaces). The importer asks several of them about each
 * line in turn: the last line cleaned is remembered, so that a long
 * provision is normalised once.
 */
function clean(text: string): string {
  if (text !== lastRaw) { lastClean = text.normalize('NFKC').replace(/\u0640/g, '').replace(/[\s\u00a0]+/g, ' ').trim(); lastRaw = text }
  return lastClean
}

/** A proposal marker line: `MOD<TAB>APT/44A13/1`. */
export interface MarkerLine { readonly action: ProposalAction; readonly proposalId: string }

const MARKER = /^(\(MOD\)|MOD|ADD\*?|SUP\*?|NOC)(?:[\t ]+(\S+))?[\t ]*$/

/** Reads a proposal marker line, or null. */
export function readMarker(text: string): MarkerLine | null {
  const m = MARKER.exec(text.trim())
  if (!m || !(PROPOSAL_ACTIONS as readonly string[]).includes(m[1]!)) return null
  return { action: m[1] as ProposalAction, proposalId: m[2] ?? '' }
}

/** The words that open a resolution heading, by language (upper case where the language has case). */
const HEADING_WORDS: readonly RegExp[] = [
  /^(?:DRAFT\s+(?:NEW\s+|REVISED\s+)?)?RESOLUTION\s+(.+)$/i,
  /^(?:PROJET\s+DE\s+(?:NOUVELLE\s+)?)?RÉSOLUTION\s+(.+)$/i,
  /^(?:PROYECTO\s+DE\s+(?:NUEVA\s+)?)?RESOLUCIÓN\s+(.+)$/i,
  /^(?:ПРОЕКТ\s+(?:НОВОЙ\s+)?РЕЗОЛЮЦИИ|РЕЗОЛЮЦИЯ)\s+(.+)$/i,
  /^(?:مشروع\s+(?:ال)?قرار\s+(?:جديد\s+)?|(?:ال)?قرار\s+)(.+)$/u
]
const HEADING_NUMBER = /^(\[[^\]]{1,20}\]|\d+[\p{L}]{0,8})\s*(?:\s[(（].*[)）]|[(（].*[)）])?\.?$/u
const ZH_HEADING = /^(?:新)?(?:决议草案\s*(\[[^\]]{1,20}\])|第\s*(\d+\w*)\s*号(?:决议|决议草案)(?:\s*[(（].*[)）])?)$/u

/** Reads a resolution heading (`RESOLUTION 50 (Rev. Dubai, 2012)`, `القرار 50 (...)`); returns its number, or null. */
export function readResolutionHeading(text: string): { number: string } | null {
  const t = clean(text)
  if (t.length > 300) return null
  const zh = ZH_HEADING.exec(t)
  if (zh) return { number: zh[1] ?? zh[2] ?? '' }
  for (const re of HEADING_WORDS) {
    const m = re.exec(t)
    if (!m) continue
    const n = HEADING_NUMBER.exec(m[1]!.trim())
    if (n) return { number: n[1]! }
  }
  return null
}

/** A history line: in parentheses, with a year: `(Florianópolis, 2004; Johannesburg, 2008)`. */
export function isHistoryLine(text: string): boolean {
  const t = clean(text)
  return /^[(（].*[)）]\.?$/u.test(t) && /\d{4}/.test(t) && t.length < 600
}

const FORMULAS: readonly RegExp[] = [
  /^The World Telecommunication Standardization Assembly\b/i,
  /^إن الجمعية العالمية لتقييس الاتصالات/u,
  /^L['’]Assemblée mondiale de normalisation des télécommunications/iu,
  /^La Asamblea Mundial de Normalización de las Telecomunicaciones/iu,
  /^Всемирная ассамблея по стандартизации электросвязи/iu,
  /^世界电信标准化全会/u
]

/** The assembly formula in a known wording (`The World Telecommunication Standardization Assembly (...),`). */
export function isKnownFormula(text: string): boolean {
  const t = clean(text)
  return FORMULAS.some(re => re.test(t))
}

/** A line that can stand as the formula when it comes right after the title or history: it ends like one (`,` `،` `:`). */
export function looksLikeFormula(text: string): boolean {
  return /[,،:：]$/u.test(clean(text)) && clean(text).length < 400
}

const PART = /^(?:SECTION|SECCIÓN|РАЗДЕЛ|القسم)\s+(\d+(?:\s?(?:bis|ter|quater))?|[IVXLC]+)$/iu
const ZH_PART = /^第\s*(\d+(?:bis|ter|quater)?)\s*节$/u

/** Reads a part heading (`SECTION 3`, `Section 1bis`); returns its label as written, or null. */
export function readPartHeading(text: string): { label: string } | null {
  const t = clean(text)
  const m = PART.exec(t) ?? ZH_PART.exec(t)
  return m ? { label: m[1]! } : null
}

/** The part heading line for a label in a language. */
export function writePartHeading(label: string, lang: Language, partWord: string): string {
  return lang === 'zh' ? `第${label}节` : `${partWord} ${label}`
}

const ANNEX_UPPER = /^(?:ANNEX|APPENDIX|ATTACHMENT|ANNEXE|APPENDICE|ANEXO|APÉNDICE|ПРИЛОЖЕНИЕ|ДОПОЛНЕНИЕ|附件|附录|الملحق|ملحق|التذييل|تذييل)(?:\s+[\p{L}\p{N}.-]{1,12})?(?:\s*[(（].*[)）])?\s*[.:]?$/u
const ANNEX_TITLE_CASE = /^(?:Annex|Appendix|Attachment|Annexe|Appendice|Anexo|Apéndice|Приложение|Дополнение)\s+(?:[A-Z]|[IVXLC]+|\d+)(?:\s*[(（].*[)）])?\s*[.:]?$/u

/** An annex or appendix heading: `ANNEX A (to Resolution 50 ...)`, `Appendix I (...)`, `الملحق`. */
export function isAnnexHeading(text: string): boolean {
  const t = clean(text)
  return t.length < 300 && (ANNEX_UPPER.test(t) || ANNEX_TITLE_CASE.test(t))
}

const NOTE = /^(?:NOTE|NOTA|ПРИМЕЧАНИЕ|ملاحظة|注)(?:\s*\d+)?\s*[–—-]/iu

/** A NOTE paragraph: `NOTE – ...`, `NOTE 1 – ...`, `ملاحظة – ...`. */
export function isNote(text: string): boolean {
  return NOTE.test(clean(text))
}

const REASONS = /^(?:Reasons?|Motifs?|Motivos?|Основания|Причины|理由|الأسباب)\s*[:：]/iu

/** A reasons paragraph after a proposal: `Reasons: ...`, `الأسباب: ...`. */
export function isReasons(text: string): boolean {
  return REASONS.test(clean(text))
}

/**
 * A section heading as the importer reads it: `matchSectionHeading` of the
 * vocabulary, except that a line recognised only by its first words and
 * ending like a sentence (`.` `;`) is not taken for a heading.
 */
export function readSectionHeading(text: string, lang: Language): HeadingMatch | null {
  const m = matchSectionHeading(text, lang)
  if (!m) return null
  if (m.how === 'prefix' && /[.;؛。]$/u.test(text.trim())) return null
  return m
}

const SECTION_ESCAPE = /^\[(preambular|operative):([a-z-]+)\]/

/** Reads an explicit `[preambular:KIND]` / `[operative:KIND]` prefix. */
export function readSectionEscape(text: string): { part: SectionPart; kind: string; rest: string } | null {
  const m = SECTION_ESCAPE.exec(text)
  return m ? { part: m[1] as SectionPart, kind: m[2]!, rest: text.slice(m[0].length) } : null
}
