/**
 * A compilation as plain JSON: sources, summary, and rows whose cells carry
 * their text as marked runs (what the browser's synoptic view and scripts read).
 */
import { markedRuns, type MarkedRun } from './change.js'
import type { Compilation } from './compile.js'
import { summariseCompilation, type CompilationSummary } from './summary.js'

/** One cell as JSON. */
export interface CompilationCellJSON {
  change: string
  oldLabel: string | null
  newLabel: string | null
  moveRow: string | null
  blocks: MarkedRun[][]
}

/** One row as JSON. */
export interface CompilationRowJSON {
  key: string
  kind: string
  cls: string
  conflict: string | null
  renumbering: string
  anchor: string | null
  depth: number
  base: { label: string | null; blocks: MarkedRun[][] } | null
  cells: CompilationCellJSON[]
}

/** A compilation as JSON. */
export interface CompilationJSON {
  lang: string
  sources: { name: string; proposalId: string | null }[]
  summary: CompilationSummary
  rows: CompilationRowJSON[]
}

/** The JSON form of a compilation. */
export function compilationToJSON(c: Compilation): CompilationJSON {
  return {
    lang: c.lang,
    sources: c.sources.map(s => ({ ...s })),
    summary: summariseCompilation(c),
    rows: c.rows.map(r => ({
      key: r.key, kind: r.kind, cls: r.cls, conflict: r.conflict, renumbering: r.renumbering, anchor: r.anchor, depth: r.depth,
      base: r.base ? { label: r.base.oldLabel, blocks: r.base.blocks.map(markedRuns) } : null,
      cells: r.cells.map(x => ({ change: x.change, oldLabel: x.oldLabel, newLabel: x.newLabel, moveRow: x.moveRow, blocks: x.blocks.map(markedRuns) }))
    }))
  }
}

/** The summary as text: rows per class, conflicts, and each source's changes. */
export function renderCompilationSummary(c: Compilation): string {
  const s = summariseCompilation(c)
  const lines = [`${s.rows} rows: ${Object.entries(s.classes).map(([k, v]) => `${v} ${k}`).join(', ')}`,
    `conflicts: ${s.conflicts['different-modifications']} different modifications, ${s.conflicts['deletion-vs-modification']} deletion against modification; ${s.renumberingClashes} renumbering clashes`]
  for (const src of s.sources) lines.push(`${src.name}: ${src.changes} changes (${Object.entries(src.classes).filter(([, v]) => v > 0).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'})`)
  return lines.join('\n') + '\n'
}
