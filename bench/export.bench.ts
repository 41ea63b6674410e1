/**
 * Export benchmark (run: node --import tsx bench/export.bench.ts).
 *
 * The Resolution 50 proposal (fixtures/res50-2012-ar.txt vs
 * res50-proposed-ar.txt, compared by the diff engine, laid out as the full
 * ITU proposal with cover and reasons) exported as tracked DOCX, static DOCX,
 * HTML and PDF. Median of several runs each, printed with ratios against two
 * baselines measured in the same run: JSON.stringify of the same revision
 * document, and the HTML render. PDF is measured warm (one Chromium kept open,
 * as the server does) and cold (start, print, close, as the CLI does).
 * Targets: DOCX < 200 ms, PDF < 1 s. Figures are printed, not asserted.
 */
import { existsSync, readFileSync } from 'node:fs'
import { compare } from '../diff/index.js'
import { importText } from '../schema/text/index.js'
import { exportDocxStatic } from '../export/docx-static.js'
import { exportDocxTracked } from '../export/docx-tracked.js'
import { exportHtml } from '../export/html.js'
import { CHROMIUM_PATH, exportPdf, PdfRenderer } from '../export/pdf.js'
import { layoutProposal } from '../export/proposal-document.js'
import { parseProposalId } from '../export/proposal-id.js'

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }
async function measure(runs: number, f: () => unknown): Promise<number> {
  await f()   // warm-up
  const times: number[] = []
  for (let k = 0; k < runs; k++) { const t0 = performance.now(); await f(); times.push(performance.now() - t0) }
  return median(times)
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const who = { author: 'Yuki Tanaka', delegation: 'APT', date: '2016-08-01T10:00:00Z' }
const revision = compare(importText(fixture('res50-2012-ar.txt'), { lang: 'ar' }).doc, importText(fixture('res50-proposed-ar.txt'), { lang: 'ar' }).doc, { author: who }).doc
const proposal = () => layoutProposal({
  firstId: parseProposalId('APT/44A13/1'), units: [{ action: 'MOD', revision, reasons: 'ثمة حاجة لتحديث القرار 50.' }], ...who,
  cover: { source: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', title: 'مقترح لتعديل القرار 50 - الأمن السيبراني', originalLanguage: 'en' }
})
const layout = proposal()
const html = exportHtml(layout)
const docx = exportDocxTracked(layout)
console.log(`Resolution 50 proposal: ${layout.paragraphs.length} paragraphs, ${layout.paragraphs.reduce((n, p) => n + p.runs.filter(r => r.revision).length, 0)} revision runs, DOCX ${docx.length} bytes, HTML ${html.length} chars`)

const RUNS = 15
const json = await measure(RUNS, () => JSON.stringify(revision.toJSON()))
const htmlMs = await measure(RUNS, () => exportHtml(proposal()))
const rows: [string, number, number | null][] = [
  ['baseline: JSON.stringify(revision)', json, null],
  ['layout (cover + units)', await measure(RUNS, proposal), null],
  ['HTML (layout + page)', htmlMs, null],
  ['DOCX tracked (layout + zip)', await measure(RUNS, () => exportDocxTracked(proposal())), 200],
  ['DOCX static (layout + zip)', await measure(RUNS, () => exportDocxStatic(proposal())), 200]
]
if (existsSync(CHROMIUM_PATH)) {
  const renderer = await PdfRenderer.launch()
  try { rows.push(['PDF warm (one Chromium kept open)', await measure(5, async () => renderer.render(exportHtml(proposal()))), 1000]) }
  finally { await renderer.close() }
  rows.push(['PDF cold (start Chromium, print, close)', await measure(3, async () => exportPdf(exportHtml(proposal()))), 1000])
} else console.log('(chromium not installed: PDF not measured)')

console.log('\nmedian of runs                               ms      x JSON   x HTML   target')
for (const [name, ms, target] of rows) {
  const verdict = target === null ? '' : ms < target ? `< ${target} ms: met` : `< ${target} ms: MISSED`
  console.log(`${name.padEnd(40)} ${ms.toFixed(2).padStart(9)} ${(ms / json).toFixed(1).padStart(9)} ${(ms / htmlMs).toFixed(1).padStart(8)}   ${verdict}`)
}
