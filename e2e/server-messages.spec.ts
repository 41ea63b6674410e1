/**
 * What the server refuses, said in the interface's language: an Arabic
 * interface says it in Arabic (the server's own English detail, when there
 * is one, follows it isolated), an English one in English.
 */
import { expect, test } from '@playwright/test'
import { shot, signedInPage } from './helpers.js'

test('a document that does not exist: Arabic in the Arabic interface, English in the English one', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  await expect(amal.page.locator('html')).toHaveAttribute('lang', 'ar')
  await amal.page.goto('/#/doc/no-such-document')
  const error = amal.page.getByTestId('page-error')
  await expect(error).toContainText('هذه الوثيقة غير موجودة')
  await expect(amal.page.locator('#app')).not.toContainText('no such document')
  await shot(amal.page, 'server-message-ar')
  // the way back to the list of documents
  await amal.page.getByRole('link', { name: 'الوثائق' }).last().click()
  await expect(amal.page.getByTestId('doc-row').first()).toBeVisible()
  await amal.context.close()

  const rita = await signedInPage(browser, 'rita')
  await rita.page.goto('/#/doc/no-such-document')
  await expect(rita.page.getByTestId('page-error')).toContainText('This document does not exist')
  await rita.context.close()
})
