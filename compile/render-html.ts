/**
 * The synoptic table of a compilation as a standalone HTML page: one column
 * for the base and one per source, one row per unit, each source's text
 * marked as in its proposal (struck red, underlined blue), the row's class
 * in the margin, sticky column headers, and a "conflicts only" switch that
 * works without script (CSS `:has`). Arabic compilations are right to left.
 */
import type { Node } from 'prosemirror-model'
import { escapeHtml } from '../diff/render-html.js'
import { directionOf } from '../schema/languages.js'
import { markedRuns } from './change.js'
import type { Compilation, CompilationCell, CompilationRow } from './compile.js'
import { summariseCompilation, type CompilationSummary } from './summary.js'

/** Labels of the row classes, for headers and legends. */
export const ROW_CLASS_NAMES: Record<CompilationRow['cls'], string> = {
  untouched: 'untouched', single: 'one source', same: 'same change', conflict: 'conflict', 'additions-same-place': 'additions at the same place'
}

function blockHtml(block: Node): string {
  return markedRuns(block).map(r => {
    const text = r.footnote ? `<sup class="fn" title="${escapeHtml(r.text)}">*</sup>` : escapeHtml(r.text)
    return r.mark === 'insertion' ? `<ins>${text}</ins>` : r.mark === 'deletion' ? `<del>${text}</del>` : text
  }).join('')
}

function labelHtml(oldLabel: string | null, newLabel: string | null): string {
  if (oldLabel === null && newLabel === null) return ''
  if (oldLabel !== null && newLabel !== null && oldLabel !== newLabel) return `<span class="label"><del>${escapeHtml(oldLabel)}</del> <ins>${escapeHtml(newLabel)}</ins></span> `
  return `<span class="label">${escapeHtml(newLabel ?? oldLabel ?? '')}</span> `
}

function cellHtml(cell: CompilationCell, rowsByKey: ReadonlyMap<string, CompilationRow>): string {
  if (cell.change === 'absent') return '<td class="absent"></td>'
  if (cell.change === 'NOC') return `<td class="noc">${labelHtml(cell.oldLabel, cell.newLabel)}<span class="tag">NOC</span></td>`
  const label = cell.change === 'ADD' || cell.change === 'moved-to' ? labelHtml(null, cell.newLabel)
    : cell.change === 'SUP' || cell.change === 'moved-from' ? labelHtml(cell.oldLabel, null) : labelHtml(cell.oldLabel, cell.newLabel)
  const other = cell.moveRow ? rowsByKey.get(cell.moveRow) : undefined
  const moveNote = cell.change === 'moved-from' ? ` → ${escapeHtml(other?.cells[cell.source]?.newLabel ?? '')}`
    : cell.change === 'moved-to' ? ` ← ${escapeHtml(rowsByKey.get(cell.unit?.movedFromKey ?? '')?.base?.oldLabel ?? '')}` : ''
  return `<td class="change ${cell.change}"><span class="tag">${cell.change === 'moved-from' || cell.change === 'moved-to' ? 'MOVED' : cell.change}${moveNote}</span> ${label}${cell.blocks.map(b => `<div>${blockHtml(b)}</div>`).join('')}</td>`
}

function summaryHtml(s: CompilationSummary): string {
  const classes = Object.keys(ROW_CLASS_NAMES) as CompilationRow['cls'][]
  return `<table class="summary"><thead><tr><th></th>${classes.map(c => `<th>${escapeHtml(ROW_CLASS_NAMES[c])}</th>`).join('')}<th>changes</th></tr></thead><tbody>`
    + s.sources.map(src => `<tr><th>${escapeHtml(src.name)}</th>${classes.map(c => `<td>${src.classes[c]}</td>`).join('')}<td>${src.changes}</td></tr>`).join('')
    + `</tbody><tfoot><tr><th>rows</th>${classes.map(c => `<td>${s.classes[c]}</td>`).join('')}<td>${s.rows}</td></tr></tfoot></table>`
    + `<p class="counts" dir="ltr">${s.conflicts['different-modifications']} different modifications, ${s.conflicts['deletion-vs-modification']} deletions against modifications, ${s.renumberingClashes} renumbering clashes</p>`
}

const STYLE = `
body { font-family: "Times New Roman", "Noto Naskh Arabic", serif; margin: 1em; line-height: 1.4; }
del { color: #c00000; text-decoration: line-through; }
ins { color: #0070c0; text-decoration: underline; }
table.synoptic { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.synoptic th, table.synoptic td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; }
table.synoptic thead th { position: sticky; top: 0; background: #f4f4f4; z-index: 1; }
td.cls { font: 11px sans-serif; width: 7em; }
td.noc { color: #888; }
td.absent { background: #fafafa; }
.tag { font: bold 11px sans-serif; color: #555; }
tr.conflict td.cls { color: #c00000; font-weight: bold; }
tr.conflict { background: #fff4f4; }
tr.same td.cls { color: #2a7a2a; }
tr.additions-same-place { background: #fffbe8; }
tr.renumbering-clash td.cls::after { content: " · labels clash"; color: #c00000; }
table.summary { border-collapse: collapse; font: 13px sans-serif; margin-bottom: 1em; }
table.summary td, table.summary th { border: 1px solid #ccc; padding: 2px 6px; }
body:has(#only-conflicts:checked) tbody tr:not(.conflict) { display: none; }
`

/** Renders a compilation as a standalone HTML page. */
export function renderCompilationHtml(c: Compilation, options: { title?: string } = {}): string {
  const rowsByKey = new Map(c.rows.map(r => [r.key, r]))
  const title = options.title ?? 'Compilation of proposals'
  const header = `<tr><th>class</th><th>base</th>${c.sources.map(s => `<th>${escapeHtml(s.name)}${s.proposalId ? `<br><small>${escapeHtml(s.proposalId)}</small>` : ''}</th>`).join('')}</tr>`
  const rows = c.rows.map(r => {
    const base = r.base ? `${labelHtml(r.base.oldLabel, null)}${r.base.blocks.map(b => `<div>${blockHtml(b)}</div>`).join('')}` : ''
    const cls = `${r.cls}${r.renumbering === 'clash' ? ' renumbering-clash' : ''}`
    return `<tr class="${cls} kind-${r.kind}" id="row-${escapeHtml(r.key)}"><td class="cls">${escapeHtml(ROW_CLASS_NAMES[r.cls])}${r.conflict ? `<br>${escapeHtml(r.conflict.replace(/-/g, ' '))}` : ''}</td><td class="base">${base}</td>${r.cells.map(x => cellHtml(x, rowsByKey)).join('')}</tr>`
  })
  return `<!DOCTYPE html>\n<html lang="${c.lang}" dir="${directionOf(c.lang)}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`
    + `<h1>${escapeHtml(title)}</h1>\n${summaryHtml(summariseCompilation(c))}\n`
    + `<p><label><input type="checkbox" id="only-conflicts"> conflicts only</label></p>\n`
    + `<table class="synoptic"><thead>${header}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>\n</body>\n</html>\n`
}
