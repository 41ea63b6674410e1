/**
 * A standalone HTML page of a proposal or revision layout: ITU paragraph
 * styles as classes, insertions in `<ins>` (underlined) and deletions in
 * `<del>` (struck), each titled with author and date; footnotes at the end;
 * `dir="rtl" lang="ar"` and a Naskh font for Arabic; a print stylesheet
 * (A4, ITU margins) so that Chromium's print gives the PDF.
 */
import type { Layout, LayoutParagraph, LayoutRun, RevisionMark } from './layout.js'
import { revisionAuthor } from './docx-ooxml.js'
import { xmlEscape as esc } from './xml-escape.js'

/** Options of the HTML page. */
export interface HtmlOptions {
  /** The page title. */
  readonly title?: string
}

const ARABIC_FONTS = '"Noto Naskh Arabic", "Traditional Arabic", "Amiri", serif'
const LATIN_FONTS = '"Times New Roman", "Liberation Serif", "Noto Serif", serif'

function stylesheet(rtl: boolean): string {
  const font = rtl ? `${ARABIC_FONTS}` : LATIN_FONTS
  return `
body { font-family: ${font}; font-size: ${rtl ? '14pt' : '11pt'}; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; }
p { margin: 0.5em 0 0; text-align: justify; }
.tab { display: inline-block; min-width: 2.2em; }
.ResNo, .SectionNo, .AnnexNo { text-align: center; text-transform: uppercase; font-size: 1.25em; margin-top: 1.2em; }
.Restitle, .Sectiontitle, .Annextitle { text-align: center; font-weight: bold; font-size: 1.25em; margin-top: 0.9em; }
.Resref { text-align: center; font-style: italic; }
.Normalaftertitle { margin-top: 1.3em; }
.Call { font-style: italic; margin-inline-start: 2.2em; margin-top: 0.9em; break-after: avoid; }
.enumlev1 { padding-inline-start: 2.2em; }
.enumlev2 { padding-inline-start: 3.3em; }
.enumlev3 { padding-inline-start: 4.4em; }
.Note { font-size: 0.9em; }
.Proposal { font-weight: normal; margin-top: 1.5em; break-after: avoid; }
.Reasons { margin: 1em 0 1.5em; }
.Origin { font-weight: bold; }
.Source { text-align: center; font-weight: bold; font-size: 1.25em; margin-top: 2em; }
.Title1 { text-align: center; text-transform: uppercase; font-size: 1.2em; margin-bottom: 1em; }
.Headingb { font-weight: bold; margin-top: 1em; break-after: avoid; }
ins { color: #0000c0; text-decoration: underline; }
del { color: #c00000; text-decoration: line-through; }
p.moved-from del, p.moved-to ins { color: #007000; text-decoration-style: double; }
sup.fn { font-size: 0.7em; }
.footnotes { border-top: 1px solid #888; margin-top: 2em; font-size: 0.9em; }
@page { size: A4; margin: 25mm 20mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  ins, del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`
}

function revisionTitle(mark: RevisionMark): string {
  return `${mark.kind === 'insertion' ? 'Inserted' : 'Deleted'} by ${revisionAuthor(mark)}${mark.date ? `, ${mark.date}` : ''}`
}

function runHtml(run: LayoutRun): string {
  let html = run.footnote !== undefined
    ? `<sup class="fn"><a href="#fn${esc(run.text)}" id="fnref${esc(run.text)}">${esc(run.text)}</a></sup>`
    : run.text.split('\t').map(esc).join('<span class="tab">\t</span>')
  if (run.em) html = `<em>${html}</em>`
  if (run.strong) html = `<strong>${html}</strong>`
  if (run.script) html = `<${run.script === 'super' ? 'sup' : 'sub'}>${html}</${run.script === 'super' ? 'sup' : 'sub'}>`
  if (run.revision) {
    const tag = run.revision.kind === 'insertion' ? 'ins' : 'del'
    const date = run.revision.date ? ` datetime="${esc(run.revision.date)}"` : ''
    html = `<${tag}${date} title="${esc(revisionTitle(run.revision))}">${html}</${tag}>`
  }
  return html
}

function paragraphHtml(p: LayoutParagraph): string {
  const classes = [p.style, p.move ? `moved-${p.move.side}` : ''].filter(Boolean).join(' ')
  const body = p.runs.map(runHtml).join('')
  return `<p class="${classes}">${body || '<br>'}</p>`
}

/** The layout as a complete HTML page. */
export function exportHtml(layout: Layout, opts: HtmlOptions = {}): string {
  const rtl = layout.dir === 'rtl'
  const notes = layout.paragraphs.flatMap(p => p.runs.filter(r => r.footnote !== undefined))
  const footnotes = notes.length
    ? `<section class="footnotes">${notes.map(n => `<p id="fn${esc(n.text)}"><a href="#fnref${esc(n.text)}">${esc(n.text)}</a><span class="tab">\t</span>${esc(n.footnote ?? '')}</p>`).join('')}</section>`
    : ''
  const title = opts.title ?? layout.paragraphs.find(p => p.style === 'Restitle')?.runs.map(r => r.text).join('') ?? 'Resolution'
  return `<!DOCTYPE html>
<html lang="${layout.lang}" dir="${rtl ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${stylesheet(rtl)}</style>
</head>
<body>
${layout.paragraphs.map(paragraphHtml).join('\n')}
${footnotes}
</body>
</html>
`
}
