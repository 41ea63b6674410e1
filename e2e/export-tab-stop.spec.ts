/**
 * The HTML (and so the PDF) export sets a provision's text at one tab stop,
 * as ITU's Word documents do: after `أ )`, `ب)`, a renumbered `د ب)` or `1`
 * the text starts at the same place, level with the section heading above
 * it, not a fixed gap after however wide the label is.
 */
import { expect, test } from '@playwright/test'
import { documentId, signedInPage } from './helpers.js'

test('in the exported HTML every provision\'s text starts at the same tab stop, whatever its label', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  const id = await documentId(page.request, 'APT proposal on Resolution 50')
  const r = await page.request.get(`/api/documents/${encodeURIComponent(id)}/export?format=html`)
  expect(r.status()).toBe(200)
  await page.setContent(await r.text())
  // where the text after each first TAB begins (its right edge in this right-to-left page), by the label before it
  const starts = await page.evaluate(() => {
    const out: { label: string; at: number; wide: boolean }[] = []
    for (const p of document.querySelectorAll('p')) {
      const tab = p.querySelector('.tab')
      if (!tab || p.closest('.footnotes') || p.classList.contains('Proposal')) continue
      const before = document.createRange()
      before.setStart(p, 0)
      before.setEndBefore(tab)
      const label = before.toString().trim()
      if (label.length === 0 || label.length > 6) continue
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
      walker.currentNode = tab
      let text = walker.nextNode()
      while (text && (tab.contains(text) || !text.textContent!.trim())) text = walker.nextNode()
      if (!text) continue
      const first = document.createRange()
      first.setStart(text, text.textContent!.search(/\S/))
      first.setEnd(text, text.textContent!.search(/\S/) + 1)
      // a label wider than the stop (less a small gap) pushes its text on, as a Word TAB goes to a later stop
      const wide = before.getBoundingClientRect().width > 1.8 * parseFloat(getComputedStyle(p).fontSize)
      out.push({ label, at: first.getBoundingClientRect().right, wide })
    }
    return out
  })
  expect(starts.length).toBeGreaterThan(10)
  expect(starts.some(s => s.label.length >= 3), 'a renumbered label (old and new) is among them').toBe(true)
  // one place, give or take a pixel of glyph rounding; a wide label's text further on (left, in this page)
  const places = starts.filter(s => !s.wide).map(s => s.at)
  expect(Math.max(...places) - Math.min(...places), JSON.stringify(starts)).toBeLessThanOrEqual(1.5)
  for (const s of starts.filter(s => s.wide)) expect(s.at, s.label).toBeLessThan(Math.min(...places))
  await context.close()
})
