/**
 * Importing a delegation's Word proposal with tracked changes. The file is
 * opened safely (docx-read.ts), its tracked changes read (docx-revisions.ts),
 * and two texts rebuilt: the base (every change rejected: the text the
 * delegation started from) and the proposal (every change accepted). Each
 * text is then read by the text importer into a resolution document.
 * Paragraph styles help where the text alone is ambiguous: an ITU `Call`
 * paragraph is a section heading even when its wording is not in the
 * vocabulary.
 */
import type { Node } from 'prosemirror-model'
import { isLanguage, matchSectionHeading, type Language } from '../schema/index.js'
import { detectLanguage, importText, ImportError, type ImportProblem, type ImportWarning } from '../schema/text/index.js'
import { DEFAULT_LIMITS, readDocxPackage, type DocxLimits } from './docx-read.js'
import { readTrackedDocument, trackedViewLines, type TrackedDocument, type TrackedRevision } from './docx-revisions.js'
import { readRevisionFormatting, usesRevisionFormatting, type RevisionFormattingCount, type RevisionFormattingMode } from './docx-static-marks.js'

/** Who changed what in a document: revisions per author. */
export interface RevisionAuthorCount {
  readonly author: string
  readonly insertions: number
  readonly deletions: number
  /** Earliest and latest `w:date` of this author's revisions. */
  readonly firstDate: string | null
  readonly lastDate: string | null
}

/** A Word proposal read into its two texts. */
export interface DocxTexts {
  readonly tracked: TrackedDocument
  /** The language it was read in: the one asked for, else the one detected. */
  readonly lang: Language
  /** The language its text is detected to be in (whatever was asked for). */
  readonly detectedLang: Language
  /** All changes rejected: the text the proposal was drafted on. */
  readonly baseText: string
  /** All changes accepted: the proposed text. */
  readonly proposalText: string
  readonly authors: readonly RevisionAuthorCount[]
  /** Set when the changes were read from revision formatting (struck/underlined runs) rather than tracked changes. */
  readonly revisionFormatting: RevisionFormattingCount | null
}

/** Options of the DOCX import. */
export interface DocxImportOptions {
  /** The document's language; detected from the text when absent. */
  readonly lang?: Language
  readonly limits?: DocxLimits
  /**
   * Read struck runs as deletions and underlined runs as insertions:
   * `auto` (default) when the file has no tracked changes and has struck
   * text, or underlined text and a proposal marker line.
   */
  readonly revisionFormatting?: RevisionFormattingMode
}

/** Counts revisions per author, with the span of their dates. */
export function countByAuthor(revisions: readonly TrackedRevision[]): RevisionAuthorCount[] {
  const by = new Map<string, { insertions: number; deletions: number; first: string | null; last: string | null }>()
  for (const r of revisions) {
    const key = r.author ?? '(unknown)'
    const e = by.get(key) ?? { insertions: 0, deletions: 0, first: null, last: null }
    if (r.kind === 'insertion') e.insertions++; else e.deletions++
    if (r.date && (!e.first || r.date < e.first)) e.first = r.date
    if (r.date && (!e.last || r.date > e.last)) e.last = r.date
    by.set(key, e)
  }
  return [...by].map(([author, e]) => ({ author, insertions: e.insertions, deletions: e.deletions, firstDate: e.first, lastDate: e.last }))
}

const COVER_START = /^\s*(?:Original\s*:|الأصل\s*:|Оригинал|原文)/u
const MARKER = /^\s*\(?(?:MOD|ADD|SUP|NOC)\)?\*?\s+[A-Z][A-Z0-9]{1,11}\/\d/u

/**
 * The lines of a publication's front matter (title page, foreword, copyright)
 * before the first `ResNo` paragraph, when nothing before it belongs to a
 * proposal (no marker line, no "Original:" cover): they are not part of the
 * resolution.
 */
export function frontMatterLength(lines: readonly { style: string | null; text: string }[]): number {
  const first = lines.findIndex(l => l.style === 'ResNo' && l.text.trim())
  if (first <= 0) return 0
  const head = lines.slice(0, first)
  return head.some(l => MARKER.test(l.text) || COVER_START.test(l.text)) ? 0 : first
}

/** Text lines from a view, with ITU `Call` paragraphs the vocabulary does not know marked as section headings. */
function viewText(doc: TrackedDocument, view: 'old' | 'new', lang: Language): string {
  let operative = false
  const lines = trackedViewLines(doc, view)
  return lines.slice(frontMatterLength(lines)).map(({ style, text }) => {
    const line = text.replace(/\r?\n/g, ' ')
    if (style !== 'Call' || !line.trim()) return line
    const known = matchSectionHeading(line, lang)
    if (known) { operative = known.part === 'operative'; return line }
    return `[${operative ? 'operative' : 'preambular'}:other]${line}`
  }).join('\n') + '\n'
}

/** Opens a DOCX and rebuilds its base and proposal texts. Throws DocxInputError for unsafe or broken input. */
export function readDocxTexts(bytes: Uint8Array, opts: DocxImportOptions = {}): DocxTexts {
  const pkg = readDocxPackage(bytes, ['word/document.xml', 'word/footnotes.xml'], opts.limits ?? DEFAULT_LIMITS)
  const tracked = readTrackedDocument(pkg.parts.get('word/document.xml')!, pkg.parts.get('word/footnotes.xml'))
  const mode = opts.revisionFormatting ?? 'auto'
  const formatted = mode === 'read' || (mode === 'auto' && usesRevisionFormatting(tracked)) ? readRevisionFormatting(tracked) : null
  const views = formatted?.doc ?? tracked
  const sample = trackedViewLines(views, 'new').map(l => l.text).join('\n')
  const detectedLang = detectLanguage(sample)
  const lang = opts.lang && isLanguage(opts.lang) ? opts.lang : detectedLang
  return {
    tracked, lang, detectedLang,
    baseText: viewText(views, 'old', lang),
    proposalText: viewText(views, 'new', lang),
    authors: countByAuthor(tracked.revisions),
    revisionFormatting: formatted?.count ?? null
  }
}

/** What a Word file was found to hold, said even when it cannot be read as a resolution. */
export interface DocxFindings {
  readonly lang: Language
  readonly paragraphs: number
  /** Tracked changes (w:ins, w:del, moves) by kind. */
  readonly insertions: number
  readonly deletions: number
  readonly authors: readonly RevisionAuthorCount[]
  /** Set when the changes are revision formatting (struck/underlined runs). */
  readonly revisionFormatting: RevisionFormattingCount | null
}

/** The findings of a read file. */
export function describeDocx(texts: DocxTexts): DocxFindings {
  const revisions = texts.tracked.revisions
  return {
    lang: texts.lang, paragraphs: texts.tracked.paragraphs.length,
    insertions: revisions.filter(r => r.kind === 'insertion').length,
    deletions: revisions.filter(r => r.kind === 'deletion').length,
    authors: texts.authors, revisionFormatting: texts.revisionFormatting
  }
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Authors named one by one in the findings and a preview; the rest are counted. */
const MAX_AUTHORS_SAID = 12

/**
 * The authors to name (the first MAX_AUTHORS_SAID, each name and date cut
 * short) and how many more there are: a crafted file named thousands (an
 * 84 KB message), or one with 8 MB (the eighth probe: an 8 MB preview).
 */
export function authorsSaid(authors: readonly RevisionAuthorCount[]): { said: RevisionAuthorCount[]; more: number } {
  const cut = (s: string | null, n: number) => (s !== null && s.length > n ? s.slice(0, n) : s)
  const said = authors.slice(0, MAX_AUTHORS_SAID).map(a => a.author.length <= 80 && (a.firstDate?.length ?? 0) <= 30 && (a.lastDate?.length ?? 0) <= 30
    ? a : { ...a, author: cut(a.author, 80)!, firstDate: cut(a.firstDate, 30), lastDate: cut(a.lastDate, 30) })
  return { said, more: Math.max(0, authors.length - MAX_AUTHORS_SAID) }
}

/** The findings as lines: counts and language, then one line per author (the first MAX_AUTHORS_SAID), then revision formatting if any. */
export function formatDocxFindings(f: DocxFindings): string {
  const lines = [`${count(f.paragraphs, 'paragraph')}, ${count(f.insertions + f.deletions, 'tracked revision')} (${count(f.insertions, 'insertion')}, ${count(f.deletions, 'deletion')}), language ${f.lang}`]
  const { said, more } = authorsSaid(f.authors)
  for (const a of said) lines.push(`  ${a.author}: ${count(a.insertions, 'insertion')}, ${count(a.deletions, 'deletion')}${a.firstDate ? `, ${a.firstDate} – ${a.lastDate ?? ''}` : ''}`)
  if (more > 0) lines.push(`  and ${count(more, 'more author')}`)
  if (f.revisionFormatting) {
    const r = f.revisionFormatting
    lines.push(`  revision formatting: ${count(r.insertions, 'underlined insertion')}, ${count(r.deletions, 'struck deletion')}${r.movedParagraphs ? `, ${count(r.movedParagraphs, 'moved paragraph')}` : ''}`)
  }
  return lines.join('\n') + '\n'
}

/**
 * Thrown when a safely read Word file cannot be read as a resolution; `found`
 * says what it holds, `problem` which problem the text importer named (no
 * resolution heading), and `counts` what it holds as numbers, for an
 * interface to say it in its own language.
 */
export class DocxImportError extends Error {
  /** The paragraphs and tracked revisions the file holds. */
  readonly counts: { readonly paragraphs: number; readonly revisions: number }
  constructor(readonly found: DocxFindings, readonly reason: string, readonly problem?: ImportProblem) {
    super(`the Word file holds ${formatDocxFindings(found).trimEnd().replace(/\n\s*/g, '; ')}; it cannot be read as a resolution: ${reason}`)
    this.name = 'DocxImportError'
    this.counts = { paragraphs: found.paragraphs, revisions: found.insertions + found.deletions }
  }
}

/** A Word proposal imported into documents. */
export interface DocxImport extends DocxTexts {
  /** The base the delegation drafted on (all changes rejected). */
  readonly base: Node
  /** The proposed text (all changes accepted). */
  readonly proposal: Node
  /** What the text importer could not place, per view. */
  readonly warnings: { readonly base: readonly ImportWarning[]; readonly proposal: readonly ImportWarning[] }
}

/**
 * Imports a Word proposal into its base and proposal documents. Throws
 * DocxInputError for unsafe or broken files, DocxImportError (with what the
 * file holds) for a file that is no resolution.
 */
export function importDocxProposal(bytes: Uint8Array, opts: DocxImportOptions = {}): DocxImport {
  const texts = readDocxTexts(bytes, opts)
  // the two views are clean texts (no flattened old/new label overlays), so a label that is not the derived one is a real override (`1bis`, `7.1.0`)
  let base: ReturnType<typeof importText>, proposal: ReturnType<typeof importText>
  try {
    base = importText(texts.baseText, { lang: texts.lang, labels: 'override' })
    proposal = importText(texts.proposalText, { lang: texts.lang, labels: 'override' })
  } catch (e) {
    throw new DocxImportError(describeDocx(texts), (e as Error).message, e instanceof ImportError ? e.problem : undefined)
  }
  return { ...texts, base: base.doc, proposal: proposal.doc, warnings: { base: base.warnings, proposal: proposal.warnings } }
}
