/**
 * The page is set in its document's language, whatever the interface's: an
 * English resolution opened in the Arabic interface is printed as ITU prints
 * English (Times, 12 pt, its own line spacing), not in the Naskh face with
 * Arabic metrics, whose hyphen sat on the baseline in "ITU‑T"; and the
 * reverse. Marks and bars that depend on the writing direction follow the
 * page's, not the interface's.
 */
import { expect, test, type Page } from '@playwright/test'
import { documentId, freshProposal, openDocument, signedInPage } from './helpers.js'

const pageStyle = (page: Page) => page.locator('.ProseMirror.page-content').evaluate(el => {
  const s = getComputedStyle(el)
  return { font: s.fontFamily, size: s.fontSize }
})

test('an English resolution in the Arabic interface is set as English; an Arabic one in the English interface as Arabic', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  if ((await page.locator('html').getAttribute('lang')) !== 'ar') await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await openDocument(page, await documentId(page.request, 'Resolution 1 '))
  const english = await pageStyle(page)
  expect(english.font).toMatch(/^"Times New Roman"/)
  expect(english.size).toBe('16px')

  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await openDocument(page, await documentId(page.request, 'Resolution 50 '))
  const arabic = await pageStyle(page)
  expect(arabic.font).toMatch(/^"Noto Naskh Arabic"/)
  expect(arabic.size).toBe('18px')
  await amal.context.close()
})

test('an Arabic page slants nothing: Naskh has no italic, and the browser would only skew its letters (the Reasons were)', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await openDocument(page, await freshProposal(page.request, `APT upright ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/9' }))
  const slanted = await page.locator('.ProseMirror.page-content').evaluate(root =>
    [...root.querySelectorAll('.Call, .Resref, .Reasons')].filter(e => getComputedStyle(e).fontStyle !== 'normal').map(e => e.className))
  await expect(page.locator('.ProseMirror .Reasons')).toHaveCount(1)
  expect(slanted).toEqual([])
  await amal.context.close()
})
