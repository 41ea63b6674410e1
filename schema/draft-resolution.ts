/**
 * The first text of a draft new resolution (a proposal's ADD), as document
 * JSON in one language: what every ITU resolution has, empty where the
 * drafter writes:
 *
 *   DRAFT NEW RESOLUTION [APT-1]     the heading, numbered by its source as ITU does
 *                                    ([APT-1], [APT-2] ... in turn: nextDraftNumber)
 *   (title)                          empty
 *   (history line)                   empty: the place and year of adoption
 *   The World Telecommunication Standardization Assembly (…),
 *   considering                      a preambular section with item a), empty
 *   resolves                         an operative section with item 1, empty
 *
 * The formula and the two headings are in the document's language
 * (languages.ts, vocabulary.ts).
 */
import { newId } from './ids.js'
import { languageInfo, type Language } from './languages.js'
import { defaultHeading } from './vocabulary.js'

/** A node in ProseMirror's JSON form. */
export interface JSONNode { type: string; attrs?: Record<string, unknown>; content?: JSONNode[]; text?: string }

const textblock = (type: string, text = '', attrs?: Record<string, unknown>): JSONNode =>
  ({ type, ...(attrs ? { attrs } : {}), ...(text ? { content: [{ type: 'text', text }] } : {}) })

/**
 * The code a draft new resolution is numbered by in brackets (`APT` in
 * `[APT-1]`): the source of its proposal number when it has one
 * (`APT/44A13/1`), else the proposing delegation's name in capitals, kept to
 * letters and digits; `DRAFT` when neither gives one.
 */
export function draftCode(proposalId: string, delegation: string): string {
  const fromId = /^([A-Z][A-Z0-9]{0,9})\//.exec(proposalId.trim().toUpperCase())?.[1]
  if (fromId) return fromId
  const fromName = delegation.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '').slice(0, 10)
  return fromName || 'DRAFT'
}

/**
 * The number the next draft new resolution of source `code` takes: one more
 * than the highest `[CODE-n]` among the numbers already given (headings of
 * the drafts in the store), 1 for the first.
 */
export function nextDraftNumber(code: string, numbersInUse: Iterable<string>): number {
  let highest = 0
  for (const number of numbersInUse) {
    const m = /^\[([^\]-]+)-(\d{1,6})\]$/.exec(number.trim())
    if (m && m[1]!.toUpperCase() === code.toUpperCase()) highest = Math.max(highest, Number(m[2]))
  }
  return highest + 1
}

/** The heading, title, history line, formula and two sections of the `ordinal`th new resolution of source `code` (see the module comment). */
export function draftResolutionContent(lang: Language, code: string, makeId: () => string = newId, ordinal = 1): JSONNode[] {
  const info = languageInfo(lang)
  const number = `[${code}-${ordinal}]`
  const section = (type: string, kind: string) => ({
    type, attrs: { id: makeId(), kind },
    content: [textblock('sectionHeading', defaultHeading(kind, lang)), { type: 'provision', attrs: { id: makeId() }, content: [textblock('paragraph')] }]
  })
  return [
    textblock('resolutionHeading', `${info.draftHeading} ${number}`, { number }),
    textblock('resolutionTitle'),
    textblock('historyLine'),
    textblock('assemblyFormula', info.assemblyFormula),
    section('preambularSection', 'considering'),
    section('operativeSection', 'resolves')
  ]
}
