/**
 * A session that ends while a document is open (signed out in another tab,
 * or expired): the page asks to sign in again, and once signed in the
 * drafter is back on the document, not on the list.
 */
import { expect, test } from '@playwright/test'
import { documentId, openDocument, signedInPage, USERS } from './helpers.js'

test('signed out in another tab, the drafter signs in again and is back on the document', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  const id = await documentId(page.request, 'APT proposal on Resolution 50')
  await openDocument(page, id)
  // the session ends elsewhere: another tab of the same browser signs out
  const other = await context.newPage()
  expect((await other.request.post('/api/logout')).ok()).toBeTruthy()
  await other.close()
  // the page sees it (its connection is refused) and asks to sign in
  await expect(page.locator('input[name=username]')).toBeVisible()
  // in the language she works in (it was English: only a language picked on the sign-in page itself was remembered)
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  const fresh = await context.newPage()
  await fresh.goto('/')
  await expect(fresh.locator('input[name=username]')).toBeVisible()
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'ar')
  await fresh.close()
  await page.locator('input[name=username]').fill(USERS.amal.username)
  await page.locator('input[name=password]').fill(USERS.amal.password)
  await page.locator('form.login button[type=submit]').click()
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  expect(new URL(page.url()).hash).toBe(`#/doc/${encodeURIComponent(id)}`)
  await context.close()
})
