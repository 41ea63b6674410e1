/**
 * `node --import tsx scripts/itu-look.ts [OUT.png]`: renders our DOCX of the
 * APT proposal on Resolution 50 and ITU's own Word file of Resolution 1 the
 * same way (LibreOffice to PDF, pdftoppm at 100 dpi), and sets our first two
 * pages beside ITU's cover and first page of text in one picture (default docs/itu-look.png),
 * for a person to compare. Needs soffice, pdftoppm and Chromium.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Node } from 'prosemirror-model'
import { compare } from '../diff/index.js'
import { exportProposal } from '../export/export-proposal.js'
import { convertWithLibreOffice } from '../export/libreoffice.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../export/pdf.js'
import { aptProposalPair } from '../export/sample-proposal.js'

const RES1 = '/work/shared/itu-docs/T-RES-T.1-2016-MSW-E.docx'
const out = process.argv[2] ?? new URL('../docs/itu-look.png', import.meta.url).pathname
const dir = await mkdtemp(join(tmpdir(), 'itu-look-'))
try {
  const who = { author: 'Yuki Tanaka', delegation: 'APT', date: '2016-08-01T10:00:00Z' }
  const { base, draft } = aptProposalPair()
  const ours = join(dir, 'apt-res50.docx')
  await writeFile(ours, await exportProposal([{ base, draft }], (a: Node, b: Node) => compare(a, b, { author: who }).doc, { format: 'docx', date: '2016-09-29', author: who.author, revisionDate: who.date }))
  const itu = join(dir, 'itu-res1.docx')
  await writeFile(itu, await readFile(RES1))
  const pdfs = await convertWithLibreOffice([ours, itu], 'pdf', dir)
  const pages: string[] = []
  // ours: pages 1 and 2; ITU's publication: its cover, then the page where the resolution's text starts (page 2 is blank)
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfs[1]!], { encoding: 'utf8' }))![1])
  let start = 2
  for (let n = 2; n <= count; n++) if (/RESOLUTION 1 \(Rev/.test(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdfs[1]!, '-'], { encoding: 'utf8' }))) { start = n; break }
  const chosen = [[1, 2], [1, start]]
  for (const [k, pdf] of pdfs.entries()) {
    for (const n of chosen[k]!) execFileSync('pdftoppm', ['-png', '-r', '100', '-f', String(n), '-l', String(n), pdf!, join(dir, `p${k}-${String(n).padStart(3, '0')}`)])
    // pdftoppm pads the page number to the width of the page count (p0-1.png, p0-01.png ...)
    const files = (await readdir(dir)).filter(f => f.startsWith(`p${k}-`) && f.endsWith('.png')).sort()
    for (const f of files) pages.push(`data:image/png;base64,${(await readFile(join(dir, f))).toString('base64')}`)
  }
  const cell = (src: string, caption: string) => `<figure><figcaption>${caption}</figcaption><img src="${src}"></figure>`
  const html = `<!DOCTYPE html><html><head><style>
body { margin: 0; padding: 8px; background: #888; font: 13px sans-serif; display: grid; grid-template-columns: repeat(4, 420px); gap: 8px; width: max-content; }
figure { margin: 0; } figcaption { color: #fff; padding: 2px 0 4px; } img { width: 420px; display: block; background: #fff; }
</style></head><body>
${cell(pages[0]!, 'resdraft: APT proposal on Res. 50 (DOCX), page 1')}${cell(pages[1]!, 'page 2')}
${cell(pages[2]!, 'ITU: Resolution 1 (T-RES-T.1-2016-MSW-E.docx), page 1')}${cell(pages[3]!, `page ${start} (the resolution starts)`)}
</body></html>`
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] })
  try {
    const page = await browser.newPage({ viewport: { width: 1720, height: 700 } })
    await page.setContent(html)
    await page.screenshot({ path: out, fullPage: true })
  } finally { await browser.close() }
  console.log(`written ${out}`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
