/**
 * The PDF's footnote pagination (pdf-footnotes.ts) lays the page out a
 * bounded number of times, whatever the number of notes: it measured each
 * note's height just after putting it in the measuring box, so Chromium
 * laid the page out again for every note, time quadratic in the notes (a
 * text of 5,000 footnotes held the printer 15 s there, 10,000 held it 76 s,
 * with no time limit on that step). Counted, not timed: Chromium's own
 * count of layouts (DevTools' `LayoutCount`) while the notes are placed.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { test } from 'node:test'
import { chromium } from 'playwright-core'
import { fn, op, pre, prov, res, txt } from '../schema/builders.js'
import { exportHtml } from './html.js'
import { layoutResolution } from './layout.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './pdf.js'
import { placeFootnotesAtPageFoot } from './pdf-footnotes.js'

test('placing 1,500 footnotes at the foot of their pages lays the page out a few times, not once per note', { timeout: 120_000 }, async t => {
  if (!existsSync(CHROMIUM_PATH)) { t.skip('chromium not installed'); return }
  const notes = 1_500
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: 'Cybersecurity' }, pre('considering', prov('that a;')),
    op('resolves', ...Array.from({ length: notes / 5 }, (_, i) => prov([txt(`that provision ${i} `), ...Array.from({ length: 5 }, (_, k) => fn(`note ${i}.${k} lorem ipsum`))]))))
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true })
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
    const page = await context.newPage()
    const devtools = await context.newCDPSession(page)
    await devtools.send('Performance.enable')
    const layouts = async () => (await devtools.send('Performance.getMetrics')).metrics.find(m => m.name === 'LayoutCount')?.value ?? NaN
    await page.setContent(exportHtml(layoutResolution(doc)), { waitUntil: 'load' })
    const before = await layouts()
    const sheets = await placeFootnotesAtPageFoot(page)
    const laidOut = await layouts() - before
    t.diagnostic(`${notes} notes on ${sheets} pages: ${laidOut} layouts`)
    assert.ok(sheets > 10, `the notes fill pages (${sheets})`)
    // every note at the foot of a page, none lost
    assert.equal(await page.evaluate('document.querySelectorAll(".page-notes p[id^=fn]").length'), notes)
    assert.ok(laidOut < 50, `${laidOut} layouts for ${notes} notes`)
  } finally { await browser.close() }
})
