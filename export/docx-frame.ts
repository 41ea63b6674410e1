/**
 * The conference document around a DOCX body: the header block (a table as
 * on ITU's conference documents: the assembly with place and dates above a
 * rule, then the meeting on one side and "Addendum 13 to / Document 44-A",
 * the date and "Original: English" on the other) and the page header and
 * footer of every page but the first (`w:titlePg`, an empty first-page
 * header): "- 2 -" and the reference `WTSA16/44(Add.13)-A`.
 */
import type { ConferenceFrame } from './conference.js'
import type { DocxWriter } from './docx-ooxml.js'
import type { LayoutRun } from './layout.js'

/** Width of the text area (A4 less ITU's margins), in twips. */
const TEXT_WIDTH = 9639
const LEFT_COL = 6237

function cellParagraph(w: DocxWriter, runs: LayoutRun[], style = 'Tabletext', pPrExtra = ''): string {
  const bidi = w.dir === 'rtl' ? '<w:bidi/>' : ''
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${bidi}${pPrExtra}</w:pPr>${runs.map(r => w.runXml(r)).join('')}</w:p>`
}

function cell(width: number, body: string, borders = '', span = 1): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${borders ? `<w:tcBorders>${borders}</w:tcBorders>` : ''}</w:tcPr>${body}</w:tc>`
}

/** The header block table of page 1 (then an empty paragraph, as Word needs between a table and what follows). */
export function headerBlockXml(w: DocxWriter, frame: ConferenceFrame): string {
  const rule = '<w:bottom w:val="single" w:sz="12" w:space="0" w:color="auto"/>'
  const size = '<w:spacing w:before="0" w:after="0"/>'
  // ITU's logo stands at the far end of this row on ITU's own documents; we write no logo
  const row1 = cell(TEXT_WIDTH,
    cellParagraph(w, [{ text: frame.assembly, strong: true }], 'Tabletext', '<w:spacing w:before="0" w:after="40"/>')
    + cellParagraph(w, [{ text: frame.placeAndDates, strong: true }], 'Tabletext', '<w:spacing w:before="0" w:after="120"/>'), rule, 2)
  const right = [...frame.documentLines.map((text, k) => ({ text, strong: k === frame.documentLines.length - 1 || frame.documentLines.length === 1 })), { text: frame.date }, { text: frame.original }]
  const row2 = cell(LEFT_COL, cellParagraph(w, [{ text: frame.meeting, strong: true }], 'Tabletext', '<w:spacing w:before="240"/>'))
    + cell(TEXT_WIDTH - LEFT_COL, right.map((r, k) => cellParagraph(w, [r], 'Tabletext', k === 0 ? '<w:spacing w:before="240" w:after="0"/>' : size)).join(''))
  const tblPr = `<w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>${w.dir === 'rtl' ? '<w:bidiVisual/>' : ''}<w:tblLayout w:type="fixed"/>`
    + '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
  return `<w:tbl>${tblPr}<w:tblGrid><w:gridCol w:w="${LEFT_COL}"/><w:gridCol w:w="${TEXT_WIDTH - LEFT_COL}"/></w:tblGrid>`
    + `<w:tr>${row1}</w:tr><w:tr>${row2}</w:tr></w:tbl>`
}

const PAGE_FIELD = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'

function part(tag: 'hdr' | 'ftr', body: string, ns: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:${tag} xmlns:w="${ns}">${body}</w:${tag}>`
}

/** header1.xml: "- N -" and the document reference, centred, on every page but the first. */
export function pageHeaderXml(w: DocxWriter, frame: ConferenceFrame, ns: string): string {
  const bidi = w.dir === 'rtl' ? '<w:bidi/>' : ''
  const pageLine = `<w:p><w:pPr><w:pStyle w:val="Header"/>${bidi}</w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r>${PAGE_FIELD}<w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p>`
  const reference = `<w:p><w:pPr><w:pStyle w:val="Header"/>${bidi}<w:spacing w:after="240"/></w:pPr>${w.runXml({ text: frame.reference })}</w:p>`
  return part('hdr', pageLine + reference, ns)
}

/** footer1.xml: the reference and the page number, on every page but the first. */
export function pageFooterXml(w: DocxWriter, frame: ConferenceFrame, ns: string): string {
  const bidi = w.dir === 'rtl' ? '<w:bidi/>' : ''
  return part('ftr', `<w:p><w:pPr><w:pStyle w:val="Footer"/>${bidi}</w:pPr>${w.runXml({ text: `${frame.reference}\t` })}${PAGE_FIELD}</w:p>`, ns)
}

/** The empty header and footer of the first page (the header block stands there instead). */
export function emptyPartXml(tag: 'hdr' | 'ftr', ns: string): string {
  return part(tag, '<w:p><w:pPr><w:pStyle w:val="' + (tag === 'hdr' ? 'Header' : 'Footer') + '"/></w:pPr></w:p>', ns)
}
