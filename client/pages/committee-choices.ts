/**
 * The choices offered for one row of a compilation when a committee draft
 * starts, and how a choice is sent (compile/committee-draft.ts `RowChoice`:
 * the base, a source by its index, or brackets). Form values: `base`,
 * `brackets`, `source:<index>`.
 *
 * The preset mirrors `defaultChoices` row by row (untouched → base; one
 * source or the same change → that source; conflicts and additions →
 * brackets). Only the rows the secretary changes are sent: the others get
 * the server's `defaultChoices`, which also brackets a provision removed
 * while a unit inside it is kept (a rule that needs the whole compilation).
 */
import type { CompilationJSON } from '../app/api.js'

type Row = CompilationJSON['rows'][number]
type Source = CompilationJSON['sources'][number]

/** One choice for a row: its form value and, for a source, the source's name. */
export interface ChoiceOption { value: string; label: string }

/** Whether a cell changes the base (compile/classify.ts `isChange`). */
const changes = (change: string | undefined) => change !== undefined && change !== 'absent' && change !== 'NOC'

/** The indexes of the sources whose cell in the row changes something. */
function changing(row: Row): number[] {
  const out: number[] = []
  row.cells.forEach((c, i) => { if (changes(c.change)) out.push(i) })
  return out
}

/** The choices of a row: the text in force, each source that changes it, and (when any does) the alternatives in brackets. */
export function rowChoiceOptions(row: Row, sources: readonly Source[]): ChoiceOption[] {
  const indexes = changing(row)
  return [
    { value: 'base', label: 'base' },
    ...indexes.map(i => ({ value: `source:${i}`, label: sources[i]?.name ?? `#${i + 1}` })),
    ...(indexes.length ? [{ value: 'brackets', label: 'brackets' }] : [])
  ]
}

/** The preset choice of a row (compile/committee-draft.ts `defaultChoices`, row by row). */
export function defaultRowChoice(row: Row): string {
  const indexes = changing(row)
  if (row.cls === 'untouched' || indexes.length === 0) return 'base'
  if (row.cls === 'single' || row.cls === 'same') return `source:${indexes[0]}`
  return 'brackets'
}

/** The server's form of a choice. */
export function choiceToJSON(value: string): { take: 'base' } | { take: 'brackets' } | { take: 'source'; source: number } {
  if (value === 'base' || value === 'brackets') return { take: value }
  return { take: 'source', source: Number(value.slice('source:'.length)) }
}

/** The choices to send: those of rows changed from their preset, by row key. */
export function changedChoices(rows: readonly Row[], values: ReadonlyMap<string, string>): Record<string, ReturnType<typeof choiceToJSON>> {
  const out: Record<string, ReturnType<typeof choiceToJSON>> = {}
  for (const row of rows) {
    const value = values.get(row.key)
    if (value !== undefined && value !== defaultRowChoice(row)) out[row.key] = choiceToJSON(value)
  }
  return out
}
