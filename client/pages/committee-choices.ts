/**
 * The choices offered for one row of a compilation when a committee draft
 * starts, and how a choice is sent to the server (compile/committee-draft.ts
 * `RowChoice`). Values in the form: `base`, `brackets`, `source:<name>`.
 */
import type { CompilationJSON } from '../app/api.js'

type Row = CompilationJSON['rows'][number]
type Source = CompilationJSON['sources'][number]

/** One choice for a row: its form value and the source's name for a source. */
export interface ChoiceOption { value: string; label: string }

/** The sources whose cell in the row changes something. */
function changing(row: Row, sources: readonly Source[]): string[] {
  return sources.filter((_s, i) => { const c = row.cells[i]?.change; return c !== undefined && c !== 'absent' && c !== 'NOC' }).map(s => s.name)
}

/** The choices of a row: the text in force, each source that changes it, and (when two or more do) the alternatives in brackets. */
export function rowChoiceOptions(row: Row, sources: readonly Source[]): ChoiceOption[] {
  const names = changing(row, sources)
  return [
    { value: 'base', label: 'base' },
    ...names.map(name => ({ value: `source:${name}`, label: name })),
    ...(names.length >= 2 ? [{ value: 'brackets', label: 'brackets' }] : [])
  ]
}

/**
 * The preset choice of a row: nothing proposed, the text in force; one
 * source, or all of them the same, that source; a conflict or additions at
 * the same place, the alternatives in brackets.
 */
export function defaultRowChoice(row: Row, sources: readonly Source[]): string {
  const names = changing(row, sources)
  if (names.length === 0) return 'base'
  if (row.cls === 'conflict' || row.cls === 'additions-same-place') return names.length >= 2 ? 'brackets' : `source:${names[0]}`
  return `source:${names[0]}`
}

/** The server's form of a choice. */
export function choiceToJSON(value: string): unknown {
  if (value === 'base' || value === 'brackets') return { take: value }
  return { take: 'source', source: value.slice('source:'.length) }
}
