/**
 * What one proposal does to one unit, read from its revision document: the
 * ITU class of the change, the marked text, and a signature that is equal
 * for two proposals exactly when they make the same change (same words
 * struck and inserted at the same places of the base text). Labels are not
 * part of the signature: a renumbering caused elsewhere does not make two
 * identical changes differ; renumbering is compared on its own.
 */
import type { Node } from 'prosemirror-model'
import { hasMarks, type DocumentUnit } from './units.js'

/** The class of a proposal's change to a unit. */
export type UnitChange = 'NOC' | 'MOD' | 'ADD' | 'SUP' | 'moved-from' | 'moved-to'

/** A run of text with its revision mark (a footnote is one run holding its text). */
export interface MarkedRun {
  readonly text: string
  readonly mark: 'insertion' | 'deletion' | null
  /** True for a footnote reference (its text is the footnote's). */
  readonly footnote?: boolean
}

/** The class of the change a revision-document unit shows. */
export function unitChange(unit: DocumentUnit): UnitChange {
  switch (unit.status) {
    case 'added': return 'ADD'
    case 'suppressed': return 'SUP'
    case 'moved-from': return 'moved-from'
    case 'moved-to': return 'moved-to'
    // the diff engine marks a unit unchanged only when none of its text changed (diff/revision-builder.ts)
    case 'unchanged': return 'NOC'
    default: return unit.blocks.some(b => hasMarks(b)) ? 'MOD' : 'NOC'
  }
}

function markOf(node: Node): MarkedRun['mark'] {
  for (const m of node.marks) if (m.type.name === 'insertion' || m.type.name === 'deletion') return m.type.name
  return null
}

/** The runs of a text block, neighbouring runs with the same mark joined. */
export function markedRuns(block: Node): MarkedRun[] {
  const runs: MarkedRun[] = []
  block.forEach(c => {
    const mark = markOf(c)
    if (!c.isText) { runs.push({ text: c.textContent, mark, footnote: true }); return }
    const last = runs[runs.length - 1]
    if (last && !last.footnote && last.mark === mark) runs[runs.length - 1] = { text: last.text + c.text!, mark }
    else runs.push({ text: c.text!, mark })
  })
  return runs
}

const RUN_CODE = { insertion: '+', deletion: '-', null: '=' } as const

/**
 * The signature of a change: its class, then each block's runs as
 * `=kept` `-struck` `+inserted` (footnotes as `[^text]`). Unchanged units
 * have the signature `NOC`.
 */
export function changeSignature(change: UnitChange, blocks: readonly Node[]): string {
  if (change === 'NOC') return 'NOC'
  const body = blocks.map(b => markedRuns(b).map(r => RUN_CODE[`${r.mark}`] + (r.footnote ? `[^${r.text}]` : r.text)).join('\u0001')).join('\u0002')
  return `${change}\u0003${body}`
}
