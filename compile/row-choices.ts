/**
 * What a committee draft takes for each row of a compilation, and the
 * choices a secretary starts from (defaultChoices): the base, one source's
 * version, or the competing versions in square brackets.
 */
import { isChange } from './classify.js'
import type { Compilation, CompilationCell, CompilationRow } from './compile.js'
import { rowPlaces } from './row-places.js'
import type { UnitKind } from './units.js'

/** What the draft takes for one row: the base, one source's version, or the competing versions in brackets. */
export type RowChoice = { readonly take: 'base' } | { readonly take: 'source'; readonly source: number } | { readonly take: 'brackets' }

/** Choices by row key; a row without one gets its default (defaultChoices). */
export type RowChoices = ReadonlyMap<string, RowChoice>

const REMOVES = new Set(['SUP', 'moved-from'])

/** True when a source's change takes the unit away from its row (a deletion, or a move elsewhere). */
export const removes = (cell: CompilationCell): boolean => REMOVES.has(cell.change)

/** True for the units a provision-level bracket can hold as alternatives. */
export const bracketable = (kind: UnitKind): boolean => kind === 'provision' || kind === 'item'

function keeps(row: CompilationRow, choice: RowChoice): boolean {
  if (choice.take === 'brackets') return true
  if (choice.take === 'base') return false
  const cell = row.cells[choice.source]
  return !!cell && isChange(cell) && !removes(cell)
}

function removesUnit(row: CompilationRow, choice: RowChoice): boolean {
  if (choice.take !== 'source') return false
  const cell = row.cells[choice.source]
  return !!cell && removes(cell)
}

/**
 * The choices a secretary starts from: untouched → base; one source, or several making the same change → that
 * change; conflicts and additions at one place → brackets, except a conflict where every source removes the
 * unit (one deletes it, another moves it away) → the first removal, the move's arrival then in brackets. A provision removed while a unit inside it is kept is
 * bracketed instead (a section so kept keeps its base).
 */
export function defaultChoices(c: Compilation): Map<string, RowChoice> {
  const choices = new Map<string, RowChoice>()
  for (const r of c.rows) {
    const first = r.cells.find(isChange)
    if (r.cls === 'untouched' || !first) choices.set(r.key, { take: 'base' })
    else if (r.cls === 'single' || r.cls === 'same') choices.set(r.key, { take: 'source', source: first.source })
    // all remove it from here (one deletes, another moves it): it goes; the move's other half decides where
    else if (r.cls === 'conflict' && r.cells.filter(isChange).every(removes)) choices.set(r.key, { take: 'source', source: first.source })
    else choices.set(r.key, { take: 'brackets' })
  }
  // a move whose unit another source deletes or changes otherwise is in brackets where it arrives
  const rowOf = new Map(c.rows.map(r => [r.key, r]))
  for (const r of c.rows) {
    const from = r.base ? null : r.cells.find(x => x.change === 'moved-to')?.unit?.movedFromKey
    if (from && rowOf.get(from)?.cls === 'conflict') choices.set(r.key, { take: 'brackets' })
  }
  keepParents(c, choices)
  return choices
}

/** Where a kept unit's parent is removed, the parent is bracketed (provision, item) or keeps its base (the rest). */
function keepParents(c: Compilation, choices: Map<string, RowChoice>): void {
  const places = rowPlaces(c)
  const rowOf = new Map(c.rows.map(r => [r.key, r]))
  for (let i = c.rows.length - 1; i >= 0; i--) {
    const row = c.rows[i]!
    if (!keeps(row, choices.get(row.key)!)) continue
    let parent = places.get(row.key)?.parent ?? null
    while (parent !== null) {
      const pr = rowOf.get(parent)
      if (!pr) break
      if (removesUnit(pr, choices.get(parent)!)) choices.set(parent, bracketable(pr.kind) ? { take: 'brackets' } : { take: 'base' })
      parent = places.get(parent)?.parent ?? null
    }
  }
}
