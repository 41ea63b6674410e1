/**
 * Reading revision formatting: a Word proposal whose changes are not
 * tracked but written as character formatting, struck-through runs for
 * deleted text and underlined runs for inserted text (how many published
 * ITU proposals look, and what our `docx-static` export writes). Double
 * strike-through and double underline mark the two sides of a moved
 * provision (our static export; Word prints moves the same way).
 *
 * The runs' formatting (read by docx-revisions.ts) becomes the same
 * plain/inserted/deleted segments a tracked file gives, so the two views
 * (base and proposal) are rebuilt the same way for both kinds of file. A
 * paragraph whose every word is inserted (deleted) counts as inserted
 * (deleted) as a whole, like a tracked paragraph mark.
 */
import type { TrackedDocument, TrackedParagraph, TrackedRevision, TrackedSegment } from './docx-revisions.js'

/** Whether to read strike-through/underline as revisions: `auto` (default) decides from the file. */
export type RevisionFormattingMode = 'auto' | 'read' | 'ignore'

/** What was read from revision formatting. */
export interface RevisionFormattingCount {
  /** Stretches of underlined (inserted) text. */
  readonly insertions: number
  /** Stretches of struck (deleted) text. */
  readonly deletions: number
  /** Paragraphs shown as moved (double strike or double underline throughout). */
  readonly movedParagraphs: number
}

const MARKER = /^\s*\(?(?:MOD|ADD|SUP|NOC)\)?\*?\s+[A-Z][A-Z0-9]{1,11}\/\d/u

const hasText = (s: TrackedSegment) => s.footnoteId === undefined && s.text.trim() !== ''

/**
 * True when a file's strike-through/underline should be read as revisions:
 * it has no tracked changes of its own, and it has struck text, or underlined
 * text and a proposal marker line (`MOD<TAB>APT/44A13/1`). Underlining alone
 * in a text that is no proposal (a URL in a publication) is formatting.
 */
export function usesRevisionFormatting(doc: TrackedDocument): boolean {
  if (doc.revisions.some(r => r.scope !== 'other' || r.text)) return false
  let struck = false, underlined = false, marker = false
  for (const p of doc.paragraphs) {
    for (const s of p.segments) {
      if (!hasText(s) || !s.format) continue
      if (s.format.strike) struck = true
      if (s.format.underline) underlined = true
    }
    if (!marker && MARKER.test(p.segments.map(s => s.text).join(''))) marker = true
  }
  return struck || (underlined && marker)
}

function formattingRevision(kind: 'insertion' | 'deletion', scope: TrackedRevision['scope'], text = ''): TrackedRevision {
  return { kind, element: 'formatting', scope, author: null, date: null, text }
}

/** One paragraph with its formatting read as revisions. */
function readParagraph(p: TrackedParagraph, count: { insertions: number; deletions: number; movedParagraphs: number }): TrackedParagraph {
  const stateOf = (s: TrackedSegment): TrackedSegment['state'] => {
    if (s.state !== 'plain' || !s.format) return s.state
    const { strike, underline } = s.format
    return strike && underline ? 'neither' : strike ? 'deletion' : underline ? 'insertion' : 'plain'
  }
  const words = p.segments.filter(hasText)
  const states = words.map(stateOf)
  const movedTo = words.some(s => s.format?.underline === 'double')
  const movedFrom = words.some(s => s.format?.strike === 'double')
  const noPlain = words.length > 0 && !states.includes('plain')
  let whole: 'insertion' | 'deletion' | null = null
  if (noPlain && movedTo && !movedFrom) whole = 'insertion'
  else if (noPlain && movedFrom && !movedTo) whole = 'deletion'
  else if (noPlain && states.every(s => s !== 'deletion')) whole = states.includes('insertion') ? 'insertion' : null
  else if (noPlain && states.every(s => s !== 'insertion')) whole = states.includes('deletion') ? 'deletion' : null
  if (whole && (movedTo || movedFrom)) count.movedParagraphs++

  const segments: TrackedSegment[] = []
  const stretches: TrackedRevision[] = []
  let current: TrackedRevision | undefined
  for (const s of p.segments) {
    let state = stateOf(s)
    // inside a paragraph inserted whole, struck words were inserted then deleted (a word the move dropped): in neither view
    if (whole && state !== 'plain' && state !== whole && s.state === 'plain') state = 'neither'
    if (state === 'plain' || s.state !== 'plain') { segments.push(s.state === state ? s : { ...s, state }); current = undefined; continue }
    if (state === 'insertion' || state === 'deletion') {
      if (!current || current.kind !== state) stretches.push(current = formattingRevision(state, 'run'))
      current.text += s.text
      segments.push({ ...s, state, revision: current })
    } else {
      current = undefined
      segments.push({ ...s, state })
    }
  }
  for (const r of stretches) if (r.text.trim()) count[r.kind === 'insertion' ? 'insertions' : 'deletions']++
  return { style: p.style, segments, ...(p.mark ? { mark: p.mark } : whole ? { mark: formattingRevision(whole, 'paragraph-mark') } : {}) }
}

/** The document with its revision formatting read as insertions and deletions, and what was found. */
export function readRevisionFormatting(doc: TrackedDocument): { readonly doc: TrackedDocument; readonly count: RevisionFormattingCount } {
  const count = { insertions: 0, deletions: 0, movedParagraphs: 0 }
  const paragraphs = doc.paragraphs.map(p => readParagraph(p, count))
  return { doc: { paragraphs, revisions: doc.revisions, footnotes: doc.footnotes }, count }
}
