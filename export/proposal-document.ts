/**
 * Assembles an ITU proposal: the cover part, then each proposal unit as its
 * marker line (`MOD<TAB>APT/44A13/1`), the resolution text and a `Reasons:`
 * paragraph. What a unit shows depends on its action:
 *
 * - MOD / (MOD): the revision document with its marks (insertions, deletions,
 *   old labels struck and new ones inserted);
 * - NOC: the heading and title only, unmarked;
 * - ADD / ADD*: the new text, without marks;
 * - SUP / SUP*: the heading and title only, unmarked (the text is not reproduced).
 */
import type { Node } from 'prosemirror-model'
import { directionOf, languageInfo, proposalActionOf, type Language, type ProposalAction, revisionOf } from '../schema/index.js'
import { coverFromDocument, coverFromOptions, type ProposalCover } from './cover.js'
import { layoutResolution, type Layout, type LayoutOptions, type LayoutParagraph } from './layout.js'
import { formatProposalId, nthProposalId, type ProposalId } from './proposal-id.js'

/** One unit of a proposal: what is done to one resolution, and why. */
export type ProposalUnit =
  | { readonly action: 'MOD' | '(MOD)' | 'NOC'; readonly revision: Node; readonly reasons?: string }
  | { readonly action: 'ADD' | 'ADD*'; readonly doc: Node; readonly reasons?: string }
  | { readonly action: 'SUP' | 'SUP*'; readonly doc: Node; readonly reasons?: string }

/** Everything a proposal document is assembled from. */
export interface ProposalInput {
  /** The id of the first unit; later units are numbered on (`APT/44A13/1`, `/2` ...). Null: not numbered yet, marker lines without a number. */
  readonly firstId: ProposalId | null
  readonly units: readonly ProposalUnit[]
  /** Cover from options; ignored when `coverSource` has a proposalHeader. */
  readonly cover?: ProposalCover
  /** The proposal (draft) document whose proposalHeader, when present, is the cover. */
  readonly coverSource?: Node | null
  /** Credited with revisions whose marks name nobody. */
  readonly author?: string | null
  readonly delegation?: string | null
  readonly date?: string | null
  /** Mark changes made only of white space (default: no; diff/whitespace.ts). */
  readonly showWhitespace?: boolean
}

/** True when a revision document records any change (a mark or a revised node). */
export function hasChanges(revision: Node): boolean {
  let changed = false
  revision.descendants(node => {
    if (changed) return false
    const rev = revisionOf(node)
    if (rev && rev.status !== 'unchanged') changed = true
    if (node.marks.some(m => m.type.name === 'insertion' || m.type.name === 'deletion')) changed = true
    return !changed
  })
  return changed
}

/**
 * The unit for a base and a draft: ADD without base; SUP without draft, or
 * when the draft's marker line says SUP (the resolution in force is
 * suppressed, whatever text the draft still holds; its reasons are the
 * draft's); else MOD (NOC when nothing changed).
 */
export function unitFor(base: Node | null, draft: Node | null, compare: (a: Node, b: Node) => Node, reasons?: string): ProposalUnit {
  const why = reasons === undefined ? {} : { reasons }
  if (!base && !draft) throw new Error('a proposal unit needs a base or a draft')
  if (!base) return { action: 'ADD', doc: draft!, ...why }
  if (!draft) return { action: 'SUP', doc: base, ...why }
  if (proposalActionOf(draft) === 'SUP') return { action: 'SUP', doc: base, reasons: reasons ?? reasonsOf(draft) }
  const revision = compare(base, draft)
  return { action: hasChanges(revision) ? 'MOD' : 'NOC', revision, ...why }
}

function unitDoc(unit: ProposalUnit): Node {
  return 'revision' in unit ? unit.revision : unit.doc
}

/** The text of a document's `reasons` node ('' when it has none). */
function reasonsOf(doc: Node): string {
  let text = ''
  doc.forEach(child => { if (child.type.name === 'reasons') text = child.textContent })
  return text
}

/** The reasons of a unit: given, else the `reasons` node of its document. */
function reasonsText(unit: ProposalUnit): string {
  return unit.reasons ?? reasonsOf(unitDoc(unit))
}

/** The heading and title of a unit's resolution, unmarked. */
function headingOnly(layout: Layout): LayoutParagraph[] {
  return layout.paragraphs.filter(p => p.style === 'ResNo' || p.style === 'Restitle')
}

/** Lays out a whole proposal: cover, then marker, text and reasons per unit. */
export function layoutProposal(input: ProposalInput): Layout {
  if (input.units.length === 0) throw new Error('a proposal needs at least one unit')
  const lang = (unitDoc(input.units[0]!).attrs.lang ?? 'en') as Language
  const reasonsWord = languageInfo(lang).reasonsWord
  const who: LayoutOptions = { author: input.author ?? null, delegation: input.delegation ?? null, date: input.date ?? null, ...(input.showWhitespace ? { showWhitespace: true } : {}) }
  const paragraphs: LayoutParagraph[] = []
  const cover = (input.coverSource && coverFromDocument(input.coverSource)) ?? (input.cover ? coverFromOptions(input.cover, lang) : [])
  paragraphs.push(...cover)
  input.units.forEach((unit, i) => {
    const id = input.firstId ? formatProposalId(nthProposalId(input.firstId, i)) : null
    paragraphs.push({ style: 'Proposal', runs: [{ text: unit.action, strong: true }, ...(id ? [{ text: `\t${id}` }] : [])] })
    const doc = unitDoc(unit)
    switch (unit.action) {
      case 'MOD': case '(MOD)':
        paragraphs.push(...layoutResolution(doc, who).paragraphs); break
      case 'ADD': case 'ADD*':
        paragraphs.push(...layoutResolution(doc, { plain: true }).paragraphs); break
      default:
        paragraphs.push(...headingOnly(layoutResolution(doc, { plain: true })))
    }
    // the Reasons follow the text they justify: its last paragraph keeps with them, never alone atop the next page
    const last = paragraphs[paragraphs.length - 1]!
    paragraphs[paragraphs.length - 1] = { ...last, keepWithNext: true }
    let reasons = reasonsText(unit).trim()
    if (reasons.startsWith(reasonsWord)) reasons = reasons.slice(reasonsWord.length).trim()
    paragraphs.push({ style: 'Reasons', runs: [{ text: reasonsWord, strong: true }, { text: `\t${reasons}` }] })
  })
  return { lang, dir: directionOf(lang), paragraphs }
}

/** The actions a unit may carry (re-exported for callers that validate input). */
export type { ProposalAction }
