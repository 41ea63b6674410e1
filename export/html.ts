/**
 * A standalone HTML page of a proposal or revision layout: ITU paragraph
 * styles as classes, insertions in `<ins>` (underlined) and deletions in
 * `<del>` (struck), each titled with author and date; footnotes at the end;
 * `dir="rtl" lang="ar"` and a Naskh font for Arabic; a print stylesheet
 * (A4, ITU margins) so that Chromium's print gives the PDF.
 */
import type { ConferenceFrame } from './conference.js'
import type { Layout, LayoutParagraph, LayoutRun, RevisionMark } from './layout.js'
import { revisionAuthor } from './docx-ooxml.js'
import { xmlEscape as esc } from './xml-escape.js'

/** Options of the HTML page. */
export interface HtmlOptions {
  /** The page title. */
  readonly title?: string
  /** The conference document around the body: header block on top, and in print the reference and page number on every page but the first. */
  readonly frame?: ConferenceFrame
}

const ARABIC_FONTS = '"Noto Naskh Arabic", "Traditional Arabic", "Amiri", serif'
// Chinese in ITU texts is set in SimSun; AR PL UMing (Debian's fonts-arphic-uming) and Noto Serif CJK are its free
// Song/Ming kin. Latin text takes the first fonts, Chinese characters fall through to these.
const CJK_FONTS = '"SimSun", "AR PL UMing CN", "Noto Serif CJK SC"'
const LATIN_FONTS = `"Times New Roman", "Liberation Serif", "Noto Serif", ${CJK_FONTS}, serif`
const FRAME_FONTS = '"Times New Roman", "Liberation Serif", "Noto Naskh Arabic", serif'

/** Print margin boxes: "- N -" and the reference on top of every page but the first, the reference and page number at the foot. */
function pageFrameCss(frame: ConferenceFrame | undefined): string {
  if (!frame) return ''
  const ref = JSON.stringify(frame.reference)
  return `
@page { @top-center { content: "- " counter(page) " -\\A" ${ref}; white-space: pre; font-size: 9pt; font-family: ${FRAME_FONTS}; direction: ltr; } @bottom-left { content: ${ref}; font-size: 8pt; font-family: ${FRAME_FONTS}; direction: ltr; } @bottom-right { content: counter(page); font-size: 8pt; font-family: ${FRAME_FONTS}; direction: ltr; } }
@page :first { @top-center { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }`
}

function stylesheet(rtl: boolean): string {
  const font = rtl ? `${ARABIC_FONTS}` : LATIN_FONTS
  return `
body { font-family: ${font}; font-size: ${rtl ? '14pt' : '11pt'}; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; }
p { margin: 0.5em 0 0; text-align: justify; }
.tab { display: inline-block; min-width: 2.2em; }
.lead { display: inline-block; min-width: 2.2em; white-space: nowrap; }
.lead .tab { min-width: 0.4em; }
.ResNo, .SectionNo, .AnnexNo { text-align: center; font-size: 1.25em; margin-top: 1.2em; }
.SectionNo, .AnnexNo { text-transform: uppercase; }
.Restitle, .Sectiontitle, .Annextitle { text-align: center; font-weight: bold; font-size: 1.25em; margin-top: 0.9em; }
.Resref { text-align: center; font-style: italic; }
.Normalaftertitle { margin-top: 1.3em; }
.Call { font-style: italic; margin-inline-start: 2.2em; margin-top: 0.9em; break-after: avoid; }
html:lang(zh) .Call, html:lang(zh) .Resref { font-style: normal; }
.enumlev1 { padding-inline-start: 2.2em; }
.enumlev2 { padding-inline-start: 3.3em; }
.enumlev3 { padding-inline-start: 4.4em; }
.Note { font-size: 0.9em; }
.Proposal { font-weight: normal; margin-top: 1.5em; break-after: avoid; }
.Reasons { margin: 1em 0 1.5em; }
.Origin { font-weight: bold; }
.Source { text-align: center; font-weight: bold; font-size: 1.25em; margin-top: 2em; }
.Title1 { text-align: center; text-transform: uppercase; font-size: 1.2em; margin-bottom: 1em; }
.Title2 { text-align: center; font-size: 1.1em; margin-bottom: 1em; }
.Headingb { font-weight: bold; margin-top: 1em; break-after: avoid; }
.keep { break-after: avoid; }
.seg { unicode-bidi: isolate; }
table.itu-header { width: 100%; border-collapse: collapse; margin-bottom: 1.5em; }
table.itu-header td { vertical-align: top; padding: 0.1em 0; text-align: start; }
table.itu-header tr.assembly td { border-bottom: 1.5px solid #000; padding-bottom: 0.5em; font-weight: bold; }
table.itu-header tr.document td { padding-top: 0.8em; }
table.itu-header td.meeting { font-weight: bold; width: 64%; }
table.itu-header p { margin: 0; text-align: start; }
ins { color: #0000c0; text-decoration: underline; }
del { color: #c00000; text-decoration: line-through; }
p.moved-from del, p.moved-to ins { color: #007000; text-decoration-style: double; }
sup.fn { font-size: 0.7em; }
/* adjacent footnote references read as two, as in the editor (client/styles/page.css): "1, 2", in Arabic «1، 2» */
sup.fn + sup.fn::before { content: ", "; }
html[lang="ar"] sup.fn + sup.fn::before { content: "\\060C\\2009"; }
.sources { font-size: 0.8em; color: #505050; font-variant-numeric: normal; }
.footnotes { border-top: 1px solid #888; margin-top: 2em; font-size: 0.9em; }
.page-notes { font-size: 0.9em; break-inside: avoid; }
.page-notes::before { content: ""; display: block; width: 30%; border-top: 1px solid #000; margin-bottom: 0.3em; }
.page-notes p { margin-top: 0.2em; }
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
  if (run.sources) html = `<span class="sources">${html}</span>`
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

/** A run's pieces between TABs (each piece keeps the run's formatting), for `segments`. */
function splitAtTabs(runs: readonly LayoutRun[]): { segments: LayoutRun[][]; tabs: LayoutRun[] } {
  const segments: LayoutRun[][] = [[]]
  const tabs: LayoutRun[] = []
  for (const run of runs) {
    if (run.footnote !== undefined) { segments[segments.length - 1]!.push(run); continue }
    run.text.split('\t').forEach((text, k) => {
      if (k > 0) { tabs.push({ ...run, text: '\t' }); segments.push([]) }
      if (text) segments[segments.length - 1]!.push({ ...run, text })
    })
  }
  return { segments, tabs }
}

/**
 * A paragraph. In a right-to-left page each stretch between TABs is a bidi
 * isolate, so `MOD<TAB>APT/44A13/1` reads MOD first (rightmost) as in Word,
 * where a TAB separates bidi segments, instead of being joined into one
 * left-to-right phrase.
 */
function paragraphHtml(p: LayoutParagraph, rtl: boolean): string {
  const classes = [p.style, p.move ? `moved-${p.move.side}` : '', p.keepWithNext ? 'keep' : ''].filter(Boolean).join(' ')
  let body: string
  if (p.runs.some(r => r.text.includes('\t'))) {
    const { segments, tabs } = splitAtTabs(p.runs)
    const segment = (seg: LayoutRun[]) => !seg.length ? '' : rtl ? `<span class="seg">${seg.map(runHtml).join('')}</span>` : seg.map(runHtml).join('')
    const rest = segments.slice(1).map((seg, k) => (k > 0 ? runHtml(tabs[k]!) : '') + segment(seg)).join('')
    // the label and its TAB: the text after them starts at the tab stop (level with the section heading), as in
    // Word, whatever the label's width; a label wider than the stop pushes it on. The MOD line and the Reasons
    // keep their own gap.
    const first = segment(segments[0]!) + runHtml(tabs[0]!)
    body = p.style === 'Proposal' || p.style === 'Reasons' || !segments[0]!.length ? first + rest : `<span class="lead">${first}</span>${rest}`
  } else body = p.runs.map(runHtml).join('')
  return `<p class="${classes}">${body || '<br>'}</p>`
}

/** The header block of page 1, as on ITU's conference documents. */
function headerBlockHtml(frame: ConferenceFrame): string {
  const lines = (items: readonly string[]) => items.map(t => `<p>${esc(t)}</p>`).join('')
  const docLines = frame.documentLines.map((t, k) => k === frame.documentLines.length - 1 ? `<p><strong>${esc(t)}</strong></p>` : `<p>${esc(t)}</p>`).join('')
  return `<table class="itu-header" role="presentation">
<tr class="assembly"><td colspan="2">${lines([frame.assembly, frame.placeAndDates])}</td></tr>
<tr class="document"><td class="meeting">${esc(frame.meeting)}</td><td>${docLines}${lines([frame.date, frame.original])}</td></tr>
</table>`
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
<style>${stylesheet(rtl)}${pageFrameCss(opts.frame)}</style>
</head>
<body>
${opts.frame ? headerBlockHtml(opts.frame) + '\n' : ''}${layout.paragraphs.map(p => paragraphHtml(p, rtl)).join('\n')}
${footnotes}
</body>
</html>
`
}
