/**
 * What changed, in the ITU proposal classes: how many provisions are
 * unchanged (NOC), modified (MOD), added (ADD), suppressed (SUP), moved and
 * renumbered, for the whole resolution and per section (sections, parts and
 * annexes), read back from a revision document. A moved provision counts
 * once, as moved (its subtree is not counted again).
 */
import type { Node } from 'prosemirror-model'
import { isRenumbered, revisionOf, sideText, statusOnSide } from '../schema/revision.js'
import { englishCount } from '../schema/counted.js'

/** Counts of provisions by class. */
export interface ChangeCounts { NOC: number; MOD: number; ADD: number; SUP: number; moved: number; renumbered: number }

/** A section's counts. */
export interface SectionSummary {
  /** The section's id in the revision document. */
  id: string
  /** Section kind (`considering`, `resolves` ...), `part` or `annex`. */
  kind: string
  /** Its heading (the new wording, or the old one for a suppressed section). */
  heading: string
  counts: ChangeCounts
}

/** Counts for a comparison, overall and per section. */
export interface ChangeSummary {
  counts: ChangeCounts
  sections: SectionSummary[]
  /** Text blocks whose word diff was bounded by size (over the work budget, or too many distinct words): a coarser deterministic diff. */
  bounded: number
}

/** Zeroed counts. */
export function emptyCounts(): ChangeCounts { return { NOC: 0, MOD: 0, ADD: 0, SUP: 0, moved: 0, renumbered: 0 } }

function countProvisions(node: Node, total: ChangeCounts, own: ChangeCounts): void {
  for (let k = 0; k < node.childCount; k++) {
    const child = node.child(k)
    const name = child.type.name
    if (name !== 'provision') {
      if (name !== 'item' && !child.isTextblock) countProvisions(child, total, own)
      continue
    }
    const rev = revisionOf(child)
    const status = rev?.status ?? 'unchanged'
    const key = status === 'moved-to' ? 'moved' : status === 'added' ? 'ADD' : status === 'suppressed' ? 'SUP' : status === 'modified' ? 'MOD' : status === 'moved-from' ? null : 'NOC'
    if (key) { total[key]++; own[key]++ }   // a moved-from provision is counted at its destination
    if (rev && isRenumbered(rev)) { total.renumbered++; own.renumbered++ }
    if (status !== 'moved-to' && status !== 'moved-from') countProvisions(child, total, own)
  }
}

const SECTION_NODES = new Set(['preambularSection', 'operativeSection', 'part', 'annex'])

/** Reads the summary back from a revision document. */
export function summarise(rev: Node, bounded = 0): ChangeSummary {
  const counts = emptyCounts()
  const sections: SectionSummary[] = []
  rev.forEach(child => {
    const name = child.type.name
    if (!SECTION_NODES.has(name)) return
    const own = emptyCounts()
    countProvisions(child, counts, own)
    const status = revisionOf(child)?.status
    const first = child.firstChild
    const heading = first && first.isTextblock ? sideText(first, (!status || statusOnSide(status, 'new')) && revisionOf(child)?.joins !== 'new' ? 'new' : 'old') : ''
    const kind = name === 'part' ? 'part' : name === 'annex' ? 'annex' : String(child.attrs.kind)
    sections.push({ id: String(child.attrs.id), kind, heading, counts: own })
  })
  return { counts, sections, bounded }
}

/** A plain-text table of a summary: one line per section, then the totals. */
export function renderSummary(summary: ChangeSummary): string {
  const cols = ['NOC', 'MOD', 'ADD', 'SUP', 'moved', 'renumbered'] as const
  const row = (c: ChangeCounts) => cols.map(k => String(c[k]).padStart(k.length > 3 ? k.length : 4)).join(' ')
  const lines = [`${'section'.padEnd(40)} ${cols.map(k => k.padStart(k.length > 3 ? k.length : 4)).join(' ')}`]
  for (const s of summary.sections) {
    const title = `${s.kind}: ${s.heading}`.replace(/\s+/g, ' ')
    lines.push(`${(title.length > 40 ? title.slice(0, 39) + '…' : title).padEnd(40)} ${row(s.counts)}`)
  }
  lines.push(`${'total'.padEnd(40)} ${row(summary.counts)}`)
  if (summary.bounded > 0) lines.push(`note: ${coarseBlocksNote(summary.bounded)}`)
  return lines.join('\n') + '\n'
}

/** The note on text blocks compared more coarsely (over the word diff's budget), as every output says it. */
export function coarseBlocksNote(n: number): string {
  const were = n === 1 ? 'was' : 'were'
  return `${englishCount(n, 'text block')} ${were} too large for an exact word diff and ${were} compared more coarsely`
}
