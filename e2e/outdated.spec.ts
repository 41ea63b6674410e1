/**
 * A page built against another document model than the server's must not
 * open documents (y-prosemirror would delete what its schema cannot hold):
 * the server answers 409 and the page asks to be reloaded.
 */
import { expect, test } from '@playwright/test'
import { documentId, shot, signedInPage } from './helpers.js'

test('a page out of date with the server is stopped before it opens a document and asked to reload', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'amal')
  const id = await documentId(page.request, 'APT proposal on Resolution 50')
  // The real server answers 409 to another fingerprint; this page pretends to be such a page.
  await page.route('**/api/documents/**', async route => {
    const headers = { ...route.request().headers(), 'x-resdraft-schema': '00000000' }
    await route.continue({ headers })
  })
  await page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(page.getByTestId('outdated')).toBeVisible()
  await expect(page.getByTestId('outdated')).toContainText('إعادة التحميل')
  await expect(page.locator('.ProseMirror')).toHaveCount(0)
  await shot(page, 'outdated')
})
