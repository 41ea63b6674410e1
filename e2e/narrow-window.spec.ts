/**
 * A narrow window (800 px: half a wide screen, a small laptop zoomed in):
 * the page keeps room for its text beside the side panel. The page kept its
 * 2.2 cm margins and the panel its 320 px, and a provision's text ran in a
 * column of about 190 px, four or five Arabic words to a line.
 */
import { expect, test } from '@playwright/test'
import { documentId, openDocument, shot, signedInPage } from './helpers.js'

test('at 800 px wide a provision keeps a readable column beside its label, and the side panel stays beside the page', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await page.setViewportSize({ width: 800, height: 800 })
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  const measure = () => page.evaluate(() => {
    const p = document.querySelector('.ProseMirror .provision > p')!
    const text = p.getBoundingClientRect().width - parseFloat(getComputedStyle(p).paddingInlineStart)
    const pageBox = document.querySelector('.page')!.getBoundingClientRect()
    const side = document.querySelector('.side')!.getBoundingClientRect()
    return { text, besides: side.top < pageBox.bottom && (side.right <= pageBox.left || side.left >= pageBox.right), overflow: document.documentElement.scrollWidth - window.innerWidth }
  })
  const narrow = await measure()
  expect(narrow.text).toBeGreaterThanOrEqual(360)
  expect(narrow.besides).toBe(true)
  expect(narrow.overflow).toBeLessThanOrEqual(0)
  // the amendment view's badges stand in the page's margin, not past its edge
  await page.getByTestId('amend-toggle').check()
  await expect(page.locator('.ProseMirror[data-amendment=current]')).toBeAttached({ timeout: 30_000 })
  const badgesOut = await page.evaluate(() => {
    const pageBox = document.querySelector('.page')!.getBoundingClientRect()
    return [...document.querySelectorAll('.ProseMirror .amend-unit[data-action]:not([data-action=""])')].slice(0, 40).filter(unit => {
      const box = unit.getBoundingClientRect()
      const badge = getComputedStyle(unit, '::before')
      if (badge.content === 'none') return false
      const outer = getComputedStyle(unit).direction === 'rtl' ? box.right - parseFloat(badge.right) : box.left + parseFloat(badge.left)
      return outer > pageBox.right + 0.5 || outer < pageBox.left - 0.5
    }).length
  })
  expect(badgesOut).toBe(0)
  await shot(page, 'narrow-800')
  // a laptop's width keeps the page's own margins
  await page.setViewportSize({ width: 1280, height: 800 })
  expect((await measure()).text).toBeGreaterThanOrEqual(560)
  await amal.context.close()
})
