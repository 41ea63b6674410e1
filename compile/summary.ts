/**
 * Counts of a compilation: rows per class, conflicts per kind, renumbering
 * clashes, and per source how many units it changes and in which classes
 * those rows fall.
 */
import type { Compilation } from './compile.js'
import { isChange, ROW_CLASSES, type RowClass } from './classify.js'

/** Counts per row class. */
export type ClassCounts = Record<RowClass, number>

/** What a compilation holds, in numbers. */
export interface CompilationSummary {
  readonly rows: number
  readonly classes: ClassCounts
  readonly conflicts: { readonly 'different-modifications': number; readonly 'deletion-vs-modification': number }
  readonly renumberingClashes: number
  /** Per source (same order as the compilation's sources): units changed, and the classes of the rows they are in. */
  readonly sources: readonly { readonly name: string; readonly changes: number; readonly classes: ClassCounts }[]
}

const zero = (): ClassCounts => Object.fromEntries(ROW_CLASSES.map(c => [c, 0])) as ClassCounts

/** Counts rows per class, conflicts per kind and each source's changes. */
export function summariseCompilation(c: Compilation): CompilationSummary {
  const classes = zero()
  const conflicts = { 'different-modifications': 0, 'deletion-vs-modification': 0 }
  const sources = c.sources.map(s => ({ name: s.name, changes: 0, classes: zero() }))
  let renumberingClashes = 0
  for (const row of c.rows) {
    classes[row.cls]++
    if (row.conflict) conflicts[row.conflict]++
    if (row.renumbering === 'clash') renumberingClashes++
    for (const cell of row.cells) {
      if (!isChange(cell)) continue
      sources[cell.source]!.changes++
      sources[cell.source]!.classes[row.cls]++
    }
  }
  return { rows: c.rows.length, classes, conflicts, renumberingClashes, sources }
}
