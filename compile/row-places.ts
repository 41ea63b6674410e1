/**
 * The rows of a compilation as a tree: each row's unit under its parent
 * unit's row, at a slot among the parent's own text blocks, as the base and
 * each source have it (unit-places.ts). A committee draft (committee-draft.ts)
 * puts every unit it takes back where its row stands, and defaultChoices
 * (row-choices.ts) keeps the parents of the units it keeps.
 */
import type { Node } from 'prosemirror-model'
import type { Compilation } from './compile.js'
import { unitPlaces, type UnitPlace } from './unit-places.js'

/** Where each row's unit stands: the row key of its parent unit (null at the top) and its slot by origin (null: the base). */
export interface RowPlace {
  readonly parent: string | null
  /**
   * The unit's parent in each source (identical additions may sit in different added parents; a base unit may
   * sit in a container the source adds, a section split off by a heading inserted).
   */
  readonly parentBy: ReadonlyMap<number, string | null>
  readonly slots: ReadonlyMap<number | null, number>
}

/** The place of every row's unit in the draft's tree of units (its parent row, and its slot there by origin). */
export function rowPlaces(c: Compilation): Map<string, RowPlace> {
  const keyOf = new Map<Node, string>()
  for (const r of c.rows) {
    if (r.base) keyOf.set(r.base.node, r.key)
    for (const cell of r.cells) if (cell.unit) keyOf.set(cell.unit.node, r.key)
  }
  const basePlaces = unitPlaces(c.base)
  const revPlaces = c.revisions.map(unitPlaces)
  const parentKey = (place: UnitPlace | undefined) => place?.parent ? keyOf.get(place.parent) ?? null : null
  const out = new Map<string, RowPlace>()
  for (const r of c.rows) {
    const slots = new Map<number | null, number>()
    const parentBy = new Map<number, string | null>()
    let parent: string | null = null
    if (r.base) {
      const place = basePlaces.get(r.base.node)
      parent = parentKey(place)
      slots.set(null, place?.slot ?? 0)
    }
    for (const cell of r.cells) {
      if (!cell.unit) continue
      const place = revPlaces[cell.source]!.get(cell.unit.node)
      if (place) slots.set(cell.source, place.slot)
      parentBy.set(cell.source, parentKey(place))
    }
    if (!r.base) parent = [...parentBy.values()][0] ?? null
    if (!slots.has(null)) slots.set(null, [...slots.values()][0] ?? 0)
    out.set(r.key, { parent, parentBy, slots })
  }
  return out
}
