/**
 * Reading Word's tracked changes. Walks `word/document.xml` (`w:p`, `w:r`,
 * `w:t`, `w:tab`, `w:ins`, `w:del`, `w:delText`, `w:moveFrom`/`w:moveTo`,
 * `w:pStyle`, footnote references) into paragraphs of segments, each plain,
 * inserted or deleted, keeping every revision's author and date. Unlike a
 * converter that silently accepts all changes, both views survive:
 * `trackedViewLines(doc, 'old')` is Word's Reject All, `'new'` its Accept All.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { DocxInputError } from './docx-read.js'
import { FootnotedLength, type FootnoteTotal } from './footnote-fanout.js'
import { FOOTNOTE_MARK_STYLES } from './docx-styles.js'

/** One tracked change as Word recorded it. */
export interface TrackedRevision {
  /** `insertion`/`deletion`; a move counts as a deletion (from) and an insertion (to). */
  readonly kind: 'insertion' | 'deletion'
  /** The element: w:ins, w:del, w:moveFrom or w:moveTo; `formatting` for revision formatting read as a change (docx-static-marks.ts). */
  readonly element: 'w:ins' | 'w:del' | 'w:moveFrom' | 'w:moveTo' | 'formatting'
  /** On runs (`run`), on a paragraph mark (`paragraph-mark`), or elsewhere, e.g. a table row (`other`). */
  readonly scope: 'run' | 'paragraph-mark' | 'other'
  readonly author: string | null
  readonly date: string | null
  /** The text it inserted or deleted (runs only). */
  text: string
}

/** A stretch of a paragraph in one state. */
export interface TrackedSegment {
  readonly text: string
  /** `neither`: inserted then deleted (e.g. a word deleted from moved-in text): in no view. */
  readonly state: 'plain' | 'insertion' | 'deletion' | 'neither'
  readonly revision?: TrackedRevision
  /** Set on a footnote reference: the footnote's id in footnotes.xml. */
  readonly footnoteId?: string
  /** Direct strike-through / underline formatting of the run (revision formatting, read by docx-static-marks.ts). */
  readonly format?: RunFormat
}

/** A run's direct strike-through and underline (`w:strike`, `w:dstrike`, `w:u`), when switched on. */
export interface RunFormat {
  readonly strike?: 'single' | 'double'
  readonly underline?: 'single' | 'double'
}

/** True when an on/off property (`w:strike`, `w:u` ...) is switched on by its `w:val`. */
function switchedOn(value: unknown): boolean {
  return value === undefined || !['0', 'false', 'off', 'none'].includes(String(value))
}

function sameFormat(a: RunFormat | undefined, b: RunFormat | undefined): boolean {
  return a?.strike === b?.strike && a?.underline === b?.underline
}

/** A paragraph of the document with its style and tracked segments. */
export interface TrackedParagraph {
  /** The `w:pStyle` id, or null for the default style. */
  style: string | null
  readonly segments: TrackedSegment[]
  /** The paragraph mark's own tracked change (a paragraph inserted or deleted as a whole). */
  mark?: TrackedRevision
}

/** The body of a Word document with its tracked changes. */
export interface TrackedDocument {
  readonly paragraphs: TrackedParagraph[]
  /** Every w:ins, w:del, w:moveFrom and w:moveTo met, in document order. */
  readonly revisions: TrackedRevision[]
  /** Footnote texts by id (from footnotes.xml). */
  readonly footnotes: ReadonlyMap<string, string>
}

const REVISION_TAGS = new Set(['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo'])
/** Subtrees whose text is not body text: text boxes (their paragraphs would nest), alternate content fallbacks, old formatting. */
const SKIPPED = new Set(['w:txbxContent', 'mc:Fallback', 'w:rPrChange', 'w:pPrChange', 'w:sectPr', 'w:instrText', 'w:delInstrText'])

interface Handlers {
  open(tag: SaxesTagPlain, parent: string | undefined, grand: string | undefined): void
  close(tag: string): void
  text(t: string, parent: string | undefined): void
  /** A w:ins/w:del met inside a skipped subtree (e.g. the old properties of a formatting change). */
  skippedRevision?(tag: SaxesTagPlain): void
}

function parse(xml: string, name: string, handlers: Handlers): void {
  const parser = new SaxesParser({ xmlns: false, position: false })
  const stack: string[] = []
  let skip = 0
  parser.on('error', e => { throw new DocxInputError('corrupt', `${name} is not well-formed XML: ${e.message}`) })
  parser.on('doctype', () => { throw new DocxInputError('unsafe-xml', `${name} contains a DOCTYPE declaration: refused`) })
  parser.on('opentag', tag => {
    if (skip && REVISION_TAGS.has(tag.name)) handlers.skippedRevision?.(tag as SaxesTagPlain)
    if (skip || SKIPPED.has(tag.name)) skip++
    else handlers.open(tag as SaxesTagPlain, stack[stack.length - 1], stack[stack.length - 2])
    stack.push(tag.name)
  })
  parser.on('closetag', tag => {
    stack.pop()
    if (skip) { skip--; return }
    handlers.close(tag.name)
  })
  parser.on('text', t => { if (!skip) handlers.text(t, stack[stack.length - 1]) })
  parser.write(xml).close()
}

/** Symbol-font characters ITU texts use (`w:sym w:font="Symbol"`), as Unicode. */
const SYMBOL_CHARS: Readonly<Record<number, string>> = { 0x2d: '–', 0xb7: '•', 0xbe: '—', 0xd7: '×', 0xb1: '±', 0xb3: '≥', 0xa3: '≤', 0xae: '→' }

/** The character a `w:sym` stands for: Symbol-font dashes and bullets mapped, others as written. */
export function symbolChar(tag: SaxesTagPlain): string {
  const code = parseInt(String(tag.attributes['w:char'] ?? ''), 16)
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return ''
  const low = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code
  const font = String(tag.attributes['w:font'] ?? '')
  if (/symbol/i.test(font) && SYMBOL_CHARS[low]) return SYMBOL_CHARS[low]!
  return low >= 0x20 && low < 0x7f ? String.fromCharCode(low) : String.fromCodePoint(code)
}

/** Reads footnotes.xml into footnote texts by id (separators left out). */
export function readFootnotes(xml: string | undefined): Map<string, string> {
  const notes = new Map<string, string>()
  if (!xml) return notes
  let id: string | null = null
  let text = ''
  let markRun = false   // a run styled FootnoteReference holds the note's own mark (e.g. a custom "1"), not its text
  parse(xml, 'word/footnotes.xml', {
    open(tag, parent) {
      if (tag.name === 'w:footnote') { id = tag.attributes['w:type'] ? null : String(tag.attributes['w:id'] ?? ''); text = '' }
      else if (tag.name === 'w:rStyle' && parent === 'w:rPr' && FOOTNOTE_MARK_STYLES.has(String(tag.attributes['w:val'] ?? ''))) markRun = true
      // a superscript run before any text is a custom mark ("bis" of footnote 1bis)
      else if (tag.name === 'w:vertAlign' && parent === 'w:rPr' && tag.attributes['w:val'] === 'superscript' && !text.trim()) markRun = true
      else if (tag.name === 'w:sym' && parent === 'w:r') text += symbolChar(tag)
      else if (tag.name === 'w:tab' && parent === 'w:r' && text.trim()) text += '\t'
      else if (tag.name === 'w:noBreakHyphen' && parent === 'w:r') text += '\u2011'
    },
    close(name) {
      if (name === 'w:r') markRun = false
      else if (name === 'w:footnote' && id !== null) { notes.set(id, text.trim()); id = null }
    },
    text(t, parent) { if (parent === 'w:t' && !markRun) text += t }
  })
  return notes
}

/** Reads the body of document.xml with its tracked changes. */
export function readTrackedDocument(documentXml: string, footnotesXml?: string): TrackedDocument {
  const paragraphs: TrackedParagraph[] = []
  const revisions: TrackedRevision[] = []
  const wrappers: TrackedRevision[] = []
  // how many of the wrappers are insertions and deletions (looking through them for each piece of text was quadratic
  // in their nesting: 80,000 nested w:ins around as many runs took 8.4 s, the eighth probe)
  const within = { insertion: 0, deletion: 0 }
  let para: TrackedParagraph | null = null
  let inPPr = 0
  let textTarget: 'w:t' | 'w:delText' | null = null
  let customMark = false   // the rest of this run is a footnote's custom mark, not text
  let markRun = false      // a run styled FootnoteReference: footnote marks and their separators, not text
  let format: RunFormat | undefined   // the current run's strike/underline

  const add = (text: string, footnoteId?: string) => {
    if (!para) return
    const rev = wrappers[wrappers.length - 1]
    const inserted = within.insertion > 0, deleted = within.deletion > 0
    const state: TrackedSegment['state'] = inserted && deleted ? 'neither' : inserted ? 'insertion' : deleted ? 'deletion' : 'plain'
    if (rev && !footnoteId) rev.text += text
    const last = para.segments[para.segments.length - 1]
    if (last && !footnoteId && !last.footnoteId && last.revision === rev && last.state === state && sameFormat(last.format, format)) para.segments[para.segments.length - 1] = { ...last, text: last.text + text }
    else para.segments.push({ text, state, ...(rev ? { revision: rev } : {}), ...(footnoteId ? { footnoteId } : {}), ...(format ? { format } : {}) })
  }

  parse(documentXml, 'word/document.xml', {
    open(tag, parent, grand) {
      const name = tag.name
      const attr = (k: string) => { const v = tag.attributes[k]; return v === undefined ? null : String(v) }
      if (REVISION_TAGS.has(name)) {
        const kind = name === 'w:ins' || name === 'w:moveTo' ? 'insertion' : 'deletion'
        const scope = parent === 'w:rPr' && grand === 'w:pPr' ? 'paragraph-mark' : parent === 'w:p' || parent === 'w:hyperlink' || parent === 'w:sdtContent' || parent === 'w:smartTag' || parent === 'w:fldSimple' || REVISION_TAGS.has(parent ?? '') ? 'run' : 'other'
        const rev: TrackedRevision = { kind, element: name as TrackedRevision['element'], scope, author: attr('w:author'), date: attr('w:date'), text: '' }
        revisions.push(rev)
        if (scope === 'paragraph-mark' && para) para.mark = rev
        if (scope === 'run' && !tag.isSelfClosing) { wrappers.push(rev); within[kind]++ }
        return
      }
      switch (name) {
        case 'w:p': para = { style: null, segments: [] }; return
        case 'w:pPr': inPPr++; return
        case 'w:pStyle': if (para && inPPr && parent === 'w:pPr') para.style = attr('w:val'); return
        case 'w:t': case 'w:delText': if (parent === 'w:r') textTarget = name; return
        case 'w:tab': if (parent === 'w:r') add('\t'); return
        case 'w:br': case 'w:cr': if (parent === 'w:r') add('\n'); return
        case 'w:noBreakHyphen': if (parent === 'w:r') add('\u2011'); return
        case 'w:sym': if (parent === 'w:r') add(symbolChar(tag as SaxesTagPlain)); return
        case 'w:rStyle': if (parent === 'w:rPr' && grand === 'w:r' && FOOTNOTE_MARK_STYLES.has(attr('w:val') ?? '')) markRun = true; return
        case 'w:strike': case 'w:dstrike': case 'w:u': {
          if (parent !== 'w:rPr' || grand !== 'w:r') return
          const on = switchedOn(tag.attributes['w:val'])
          const double = name === 'w:dstrike' || /^double/.test(attr('w:val') ?? '')
          const key = name === 'w:u' ? 'underline' : 'strike'
          const next: { strike?: 'single' | 'double'; underline?: 'single' | 'double' } = { ...format }
          if (on) next[key] = double ? 'double' : 'single'
          else delete next[key]
          format = next.strike || next.underline ? next : undefined
          return
        }
        case 'w:footnoteReference':
          if (parent === 'w:r') add('', attr('w:id') ?? '')
          customMark = ['1', 'true', 'on'].includes(attr('w:customMarkFollows') ?? '')
          return
      }
    },
    close(name) {
      if (REVISION_TAGS.has(name)) {
        const top = wrappers[wrappers.length - 1]
        if (top && top.element === name) { wrappers.pop(); within[top.kind]-- }
      } else if (name === 'w:p' && para) { paragraphs.push(para); para = null }
      else if (name === 'w:pPr') inPPr--
      else if (name === 'w:t' || name === 'w:delText') textTarget = null
      else if (name === 'w:r') { customMark = false; markRun = false; format = undefined }
    },
    text(t, parent) { if (textTarget && parent === textTarget && !customMark && !markRun) add(t) },
    skippedRevision(tag) {
      const name = tag.name as TrackedRevision['element']
      const attr = (k: string) => { const v = tag.attributes[k]; return v === undefined ? null : String(v) }
      revisions.push({ kind: name === 'w:ins' || name === 'w:moveTo' ? 'insertion' : 'deletion', element: name, scope: 'other', author: attr('w:author'), date: attr('w:date'), text: '' })
    }
  })
  return { paragraphs, revisions, footnotes: readFootnotes(footnotesXml) }
}

/** How a footnote reference is written in the text form: `[footnoteRef:N][N: text]`. */
export type FootnoteWriter = (id: string, text: string) => string

const textFormFootnote: FootnoteWriter = (id, text) => `[footnoteRef:${id}][${id}: ${text}]`

/**
 * The document's lines with all changes rejected (`old`) or accepted (`new`).
 * A paragraph whose mark was inserted (old view) or deleted (new view) runs
 * on into the next paragraph, as in Word.
 */
export function trackedViewLines(doc: TrackedDocument, view: 'old' | 'new', footnote: FootnoteWriter = textFormFootnote): { style: string | null; text: string }[] {
  const dropped = view === 'old' ? 'insertion' : 'deletion'
  const out: { style: string | null; text: string }[] = []
  let carry = ''
  const footnoteText: FootnoteTotal = { chars: 0 }
  for (const p of doc.paragraphs) {
    const kept = p.segments.filter(s => s.state !== dropped && s.state !== 'neither')
    // footnotes are written out at each reference: bounded before they are (footnote-fanout.ts)
    const length = new FootnotedLength(carry.length, out.length + 1, footnoteText)
    for (const s of kept) if (s.footnoteId !== undefined) length.addNote(s.footnoteId, doc.footnotes.get(s.footnoteId)?.length ?? 0)
    const text = carry + kept.map(s => s.footnoteId !== undefined ? footnote(s.footnoteId, doc.footnotes.get(s.footnoteId) ?? '') : s.text).join('')
    if (p.mark?.kind === dropped) { carry = text; continue }
    carry = ''
    out.push({ style: p.style, text })
  }
  if (carry) out.push({ style: null, text: carry })
  return out
}
