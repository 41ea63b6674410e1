/**
 * Two footnote references side by side read as two ("1, 2"), not as one
 * number ("12"), in the editor.
 */
import { expect, test } from '@playwright/test'
import { caretAfter, freshProposal, openDocument, signedInPage } from './helpers.js'

test('adjacent footnote references are set apart', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT footnotes test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  for (const text of ['الأولى', 'الثانية']) {
    await caretAfter(page, 'غوادالاخارا')
    await page.getByTestId('footnote').click()
    await page.getByTestId('dialog-text').fill(`حاشية ${text}`)
    await page.getByTestId('dialog-ok').click()
    await page.waitForTimeout(200)
  }
  const refs = page.locator('.ProseMirror .provision').first().locator('.footnote-ref')
  await expect(refs).toHaveCount(2)
  // What is painted: each reference's number and what stands before it.
  const painted = await refs.evaluateAll(els => els.map(e => {
    const before = getComputedStyle(e, '::before').content
    const after = getComputedStyle(e, '::after').content
    return `${before === 'none' || before === 'normal' ? '' : JSON.parse(before)}${after === 'none' || after === 'normal' ? '' : JSON.parse(after)}`
  }))
  await page.locator('.ProseMirror .provision').first().screenshot({ path: 'test-results/screens/footnote-refs.png' })
  expect(painted.join('')).toMatch(/^\d+[,،]\s*\d+$/u)
  await amal.context.close()
})
