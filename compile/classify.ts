/**
 * The class of each row of a compilation, as a committee needs to know it:
 * nobody touches the unit; one source changes it; several sources make the
 * same change; they conflict (different changes to the same unit, or one
 * deletes what another modifies); or several sources add different text at
 * the same place. Renumbering is judged apart: sources that keep a unit may
 * agree or clash on its new label.
 */
import type { CompilationCell, CompilationRow } from './compile.js'

/** The class of a row. */
export type RowClass = 'untouched' | 'single' | 'same' | 'conflict' | 'additions-same-place'

/** What kind of conflict a row holds. */
export type ConflictKind = 'different-modifications' | 'deletion-vs-modification'

/** Whether the sources that renumber a unit agree on its new label: nobody renumbers it, one source does, several give it the same new label, or different ones. */
export type RenumberingAgreement = 'none' | 'one-source' | 'agreed' | 'clash'

/** The row classes, in the order summaries list them. */
export const ROW_CLASSES: readonly RowClass[] = ['untouched', 'single', 'same', 'conflict', 'additions-same-place']

type Unclassified = Omit<CompilationRow, 'cls' | 'conflict' | 'renumbering'>

const REMOVES = new Set(['SUP', 'moved-from'])

/** True when a cell changes its unit (renumbering alone is not a change). */
export function isChange(cell: CompilationCell): boolean {
  return cell.change !== 'NOC' && cell.change !== 'absent'
}

/** Classifies every row (see the module comment). */
export function classifyRows(rows: readonly Unclassified[]): CompilationRow[] {
  const sourcesAddingAt = new Map<string, Set<number>>()
  for (const r of rows) {
    if (r.base) continue
    const at = r.anchor ?? '^'
    const set = sourcesAddingAt.get(at) ?? new Set<number>()
    for (const c of r.cells) if (isChange(c)) set.add(c.source)
    sourcesAddingAt.set(at, set)
  }
  return rows.map(r => {
    const changed = r.cells.filter(isChange)
    let cls: RowClass
    let conflict: ConflictKind | null = null
    if (changed.length === 0) cls = 'untouched'
    else if (!r.base) {
      const others = sourcesAddingAt.get(r.anchor ?? '^')!.size
      cls = others > changed.length ? 'additions-same-place' : changed.length === 1 ? 'single' : 'same'
    } else if (changed.length === 1) cls = 'single'
    else if (new Set(changed.map(c => c.signature)).size === 1) cls = 'same'
    else {
      cls = 'conflict'
      const removes = changed.some(c => REMOVES.has(c.change))
      const keeps = changed.some(c => !REMOVES.has(c.change))
      conflict = removes && keeps ? 'deletion-vs-modification' : 'different-modifications'
    }
    return { ...r, cls, conflict, renumbering: renumbering(r) }
  })
}

function renumbering(r: Unclassified): RenumberingAgreement {
  if (!r.base || r.base.oldLabel === null) return 'none'
  const kept = r.cells.filter(c => c.change !== 'absent' && !REMOVES.has(c.change) && c.newLabel !== null)
  const renumbered = kept.filter(c => c.newLabel !== r.base!.oldLabel)
  if (renumbered.length === 0) return 'none'
  if (new Set(renumbered.map(c => c.newLabel)).size > 1) return 'clash'
  return renumbered.length === 1 ? 'one-source' : 'agreed'
}
