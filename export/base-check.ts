/**
 * Checking a proposal's base against the version in force. A delegation
 * that drafted on an old or unofficial copy proposes changes to text that
 * no longer exists, or silently "changes" text it never meant to touch.
 * The base (all tracked changes rejected) is compared with the version in
 * force, and every difference is listed provision by provision, word by
 * word, from the revision document of that comparison.
 */
import type { Node } from 'prosemirror-model'
import { PROPOSAL_PARTS, resolutionSchema, revisionOf, type RevisionRecord } from '../schema/index.js'
import { englishCount } from '../schema/counted.js'

/** A comparison function (the diff engine's `compare`, returning the revision document). */
export type CompareDocs = (inForce: Node, base: Node) => Node

/** A part of a resolution's text that is not a provision's (where a discrepancy in it is). */
export type TextPart = 'heading' | 'title' | 'history line' | 'formula' | 'section heading' | 'part title' | 'annex heading' | 'annex title' | 'paragraph' | 'note'

/** Where a discrepancy is: the section's heading words and the labels (the document's own), or a part of the text, or both (a section's heading). */
export interface DiscrepancyPlace {
  readonly section: string
  /** The label, or labels of the item and the provision above it (`2 › a)`). */
  readonly label: string
  readonly part: TextPart | null
}

/** One place where the base differs from the version in force. */
export interface BaseDiscrepancy {
  /** Where, in English words (`considering › b)`, `heading`, `resolves (section heading)`). */
  readonly where: string
  /** The same, in parts, for an interface to say in its own words. */
  readonly place: DiscrepancyPlace
  /** What kind of difference. */
  readonly kind: 'different-text' | 'missing-from-base' | 'not-in-force' | 'moved' | 'renumbered'
  /** The text in force. */
  readonly inForce: string
  /** The text of the base. */
  readonly inBase: string
  /** Words in force that the base lacks. */
  readonly missing: readonly string[]
  /** Words of the base that are not in force. */
  readonly extra: readonly string[]
}

/** The outcome of a base check. */
export interface BaseCheck {
  /** True when the base is the version in force. */
  readonly ok: boolean
  readonly discrepancies: readonly BaseDiscrepancy[]
}


/** The document without a proposal's cover, marker and reasons: only what a version in force has. */
export function resolutionPart(doc: Node): Node {
  const kept: Node[] = []
  doc.forEach(child => { if (!PROPOSAL_PARTS.has(child.type.name)) kept.push(child) })
  return resolutionSchema.nodes.resolution!.create(doc.attrs, kept)
}

interface Sides { inForce: string; inBase: string; missing: string[]; extra: string[] }

/** The two sides of a textblock of the revision document (old = in force, new = base). */
function sides(block: Node): Sides {
  const s: Sides = { inForce: '', inBase: '', missing: [], extra: [] }
  block.forEach(child => {
    const text = child.isText ? child.text ?? '' : child.textContent
    const kind = child.marks.find(m => m.type.name === 'insertion' || m.type.name === 'deletion')?.type.name
    if (kind !== 'insertion') s.inForce += text
    if (kind !== 'deletion') s.inBase += text
    if (kind === 'deletion' && text.trim()) s.missing.push(text.trim())
    if (kind === 'insertion' && text.trim()) s.extra.push(text.trim())
  })
  return s
}

/** Text as compared: NFKC, spacing ignored (a space more or less is not a discrepancy). */
const comparable = (text: string) => text.normalize('NFKC').replace(/[\s\u00a0\u200e\u200f]+/g, '')

const HEADER_NAMES: Record<string, TextPart> = {
  resolutionHeading: 'heading', resolutionTitle: 'title', historyLine: 'history line', assemblyFormula: 'formula',
  sectionHeading: 'section heading', partTitle: 'part title', annexHeading: 'annex heading', annexTitle: 'annex title'
}

/** Lists every difference recorded in a revision document of (in force -> base). */
export function discrepanciesOf(revision: Node): BaseDiscrepancy[] {
  const out: BaseDiscrepancy[] = []
  const visit = (node: Node, section: string, label: string) => {
    const rev = revisionOf(node)
    const name = node.type.name
    let here = label
    if (rev && (name === 'provision' || name === 'item' || name === 'part')) {
      here = `${label ? `${label} › ` : ''}${rev.newLabel ?? rev.oldLabel ?? '?'}`
      const where = `${section}${section ? ' › ' : ''}${here}`
      const place: DiscrepancyPlace = { section, label: here, part: null }
      const text = node.firstChild ? sides(node.firstChild) : { inForce: '', inBase: '', missing: [], extra: [] }
      const kinds: Partial<Record<RevisionRecord['status'], BaseDiscrepancy['kind']>> = {
        added: 'not-in-force', suppressed: 'missing-from-base', 'moved-from': 'moved', 'moved-to': 'moved'
      }
      const kind = kinds[rev.status]
      if (kind) {
        if (rev.status !== 'moved-to') out.push({ where, place, kind, inForce: text.inForce, inBase: text.inBase, missing: text.missing, extra: text.extra })
        return
      }
      if (rev.oldLabel && rev.newLabel && rev.oldLabel !== rev.newLabel) {
        out.push({ where, place, kind: 'renumbered', inForce: rev.oldLabel, inBase: rev.newLabel, missing: [rev.oldLabel], extra: [rev.newLabel] })
      }
    }
    if (node.isTextblock) {
      const s = sides(node)
      if ((s.missing.length || s.extra.length) && comparable(s.inForce) !== comparable(s.inBase)) {
        const part = HEADER_NAMES[name] ?? null
        const where = part && name !== 'sectionHeading' ? part : `${section}${section && here ? ' › ' : ''}${here}${part ? ` (${part})` : ''}`
        // a paragraph or note outside any section and provision is named by what it is
        const loose: TextPart | null = where ? null : name === 'paragraph' || name === 'note' ? name : null
        const place: DiscrepancyPlace = part && name !== 'sectionHeading' ? { section: '', label: '', part } : { section, label: here, part: part ?? loose }
        out.push({ where: where || name, place, kind: 'different-text', ...s })
      }
      return
    }
    let sectionName = section
    if (name === 'preambularSection' || name === 'operativeSection') {
      const heading = node.firstChild
      sectionName = heading ? sides(heading).inForce || sides(heading).inBase : name
    }
    node.forEach(child => visit(child, sectionName, here))
  }
  visit(revision, '', '')
  return out
}

/** Compares a base with the version in force and lists every discrepancy. */
export function checkBase(base: Node, inForce: Node, compare: CompareDocs): BaseCheck {
  const revision = compare(resolutionPart(inForce), resolutionPart(base))
  const discrepancies = discrepanciesOf(revision)
  return { ok: discrepancies.length === 0, discrepancies }
}

/** What each kind of discrepancy is, in the report's words. */
const KIND_WORDS: Record<BaseDiscrepancy['kind'], string> = {
  'different-text': 'the text differs',
  'missing-from-base': 'missing from the base',
  'not-in-force': 'not in the version in force',
  moved: 'moved in the base',
  renumbered: 'renumbered in the base'
}

/** The discrepancies as lines of a report. */
export function formatBaseCheck(check: BaseCheck): string {
  if (check.ok) return 'The base is the version in force: no discrepancy.\n'
  const lines = [`The base differs from the version in force in ${englishCount(check.discrepancies.length, 'place')}:`]
  for (const d of check.discrepancies) {
    lines.push(`- ${d.where}: ${KIND_WORDS[d.kind]}`)
    if (d.missing.length) lines.push(`    in force, not in the base: ${d.missing.map(w => `«${w}»`).join(', ')}`)
    if (d.extra.length) lines.push(`    in the base, not in force: ${d.extra.map(w => `«${w}»`).join(', ')}`)
  }
  return lines.join('\n') + '\n'
}
