/**
 * A compilation (compile/) as a DOCX the secretariat can hand to a committee:
 * A4 landscape, one table with a column for the text in force and one per
 * source, each row's class in the first column, each source's text marked
 * as in its proposal (struck red, underlined blue: revision formatting, not
 * tracked changes, since the table compares several proposals at once),
 * header row repeated on every page. Arabic compilations are right to left.
 */
import type { Node } from 'prosemirror-model'
import { markedRuns, type Compilation, type CompilationCell, ROW_CLASS_NAMES, summariseCompilation } from '../compile/index.js'
import { directionOf } from '../schema/languages.js'
import { DocxWriter, docxPackage } from './docx-ooxml.js'
import type { Layout } from './layout.js'

const STRUCK = '<w:strike/><w:color w:val="C00000"/>'
const INSERTED = '<w:color w:val="0070C0"/><w:u w:val="single"/>'
const SMALL = '<w:sz w:val="16"/><w:szCs w:val="16"/>'

function blockXml(w: DocxWriter, block: Node): string {
  w.startParagraph()
  const runs = markedRuns(block).map(r => r.footnote
    ? w.runXml({ text: '', footnote: r.text }, { extra: r.mark === 'deletion' ? STRUCK : r.mark === 'insertion' ? INSERTED : '' })
    : w.runXml({ text: r.text }, { extra: r.mark === 'deletion' ? STRUCK : r.mark === 'insertion' ? INSERTED : '' }))
  return w.paragraphXml({ style: 'Normal', runs: [] }, '', runs.join(''))
}

function labelXml(w: DocxWriter, oldLabel: string | null, newLabel: string | null): string {
  if (oldLabel !== null && newLabel !== null && oldLabel !== newLabel) return w.runXml({ text: oldLabel }, { extra: STRUCK }) + w.runXml({ text: ' ' }) + w.runXml({ text: newLabel }, { extra: INSERTED }) + w.runXml({ text: '\t' })
  const label = newLabel ?? oldLabel
  return label ? w.runXml({ text: `${label}\t` }) : ''
}

function cellXml(w: DocxWriter, content: string, shade?: string): string {
  return `<w:tc><w:tcPr>${shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${shade}"/>` : ''}</w:tcPr>${content || w.paragraphXml({ style: 'Normal', runs: [] }, '', '')}</w:tc>`
}

function sourceCell(w: DocxWriter, cell: CompilationCell): string {
  if (cell.change === 'absent') return cellXml(w, '', 'F2F2F2')
  const tag = cell.change === 'moved-from' || cell.change === 'moved-to' ? 'MOVED' : cell.change
  const head = w.paragraphXml({ style: 'Normal', runs: [] }, '', w.runXml({ text: tag, strong: true }, { extra: SMALL }) + w.runXml({ text: ' ' })
    + (cell.change === 'NOC' ? labelXml(w, cell.oldLabel, cell.newLabel) : ''))
  if (cell.change === 'NOC') return cellXml(w, head)
  const label = cell.change === 'ADD' || cell.change === 'moved-to' ? [null, cell.newLabel] as const : cell.change === 'SUP' || cell.change === 'moved-from' ? [cell.oldLabel, null] as const : [cell.oldLabel, cell.newLabel] as const
  const body = cell.blocks.map((b, k) => k === 0 ? blockXml(w, b).replace('</w:pPr>', `</w:pPr>${labelXml(w, label[0], label[1])}`) : blockXml(w, b))
  return cellXml(w, head + body.join(''))
}

const SHADES: Record<string, string> = { conflict: 'FDE9E9', same: 'EAF4EA', 'additions-same-place': 'FFF8DC' }

/** The synoptic table of a compilation as DOCX bytes. */
export function compilationDocx(c: Compilation, options: { title?: string; csFont?: string } = {}): Uint8Array {
  const dir = directionOf(c.lang)
  const w = new DocxWriter(dir, options.csFont ?? 'Traditional Arabic')
  const s = summariseCompilation(c)
  const title = options.title ?? 'Compilation of proposals'
  const intro = [
    w.paragraphXml({ style: 'Title1', runs: [] }, '', w.runXml({ text: title })),
    w.paragraphXml({ style: 'Normal', runs: [] }, '', w.runXml({ text: `${s.rows} rows: ${Object.entries(s.classes).map(([k, v]) => `${v} ${ROW_CLASS_NAMES[k as keyof typeof ROW_CLASS_NAMES]}`).join(', ')}; ${s.renumberingClashes} renumbering clashes.` }))
  ]
  const columns = 2 + c.sources.length
  const widths = [1500, ...Array.from({ length: columns - 1 }, () => Math.floor((14500 - 1500) / (columns - 1)))]
  const grid = `<w:tblGrid>${widths.map(x => `<w:gridCol w:w="${x}"/>`).join('')}</w:tblGrid>`
  const border = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>`).join('')
  const tblPr = `<w:tblPr>${dir === 'rtl' ? '<w:bidiVisual/>' : ''}<w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${border}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>`
  const headerCells = ['', 'Text in force', ...c.sources.map(x => x.proposalId ? `${x.name} (${x.proposalId})` : x.name)]
    .map(text => cellXml(w, w.paragraphXml({ style: 'Normal', runs: [] }, '', w.runXml({ text, strong: true })), 'F2F2F2'))
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${headerCells.join('')}</w:tr>`
  const rows = c.rows.map(r => {
    const cls = w.paragraphXml({ style: 'Normal', runs: [] }, '', w.runXml({ text: ROW_CLASS_NAMES[r.cls] + (r.conflict ? ` (${r.conflict.replace(/-/g, ' ')})` : '') + (r.renumbering === 'clash' ? '; labels clash' : '') }, { extra: SMALL }))
    const base = r.base ? r.base.blocks.map((b, k) => k === 0 ? blockXml(w, b).replace('</w:pPr>', `</w:pPr>${labelXml(w, r.base!.oldLabel, null)}`) : blockXml(w, b)).join('') : ''
    return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cellXml(w, cls, SHADES[r.cls])}${cellXml(w, base)}${r.cells.map(x => sourceCell(w, x)).join('')}</w:tr>`
  })
  const table = `<w:tbl>${tblPr}${grid}${header}${rows.join('')}</w:tbl>`
  const layout: Layout = { lang: c.lang, dir, paragraphs: [] }
  return docxPackage(layout, w, intro.join('') + table + w.paragraphXml({ style: 'Normal', runs: [] }, '', ''), { trackRevisions: false, title, landscape: true })
}
