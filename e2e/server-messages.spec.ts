/**
 * What the server refuses or warns of, said in the interface's language: an Arabic
 * interface says it in Arabic (the server's own English detail, when there
 * is one, follows it isolated), an English one in English.
 */
import { expect, test } from '@playwright/test'
import { freshProposal, openDocument, shot, signedInPage } from './helpers.js'

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

test('an import\'s warnings: Arabic in the Arabic interface, each beside the line it is about', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'sec')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await page.getByTestId('import-text').click()
  const dialog = page.getByTestId('import-dialog')
  const text = [
    'RESOLUTION 99 (Geneva, 2024)',
    'A test resolution',
    'considering',
    'c)\tthat this item is lettered c) where a) is its place;',
    'resolves',
    '1\tto refer to considering f),'
  ].join('\n') + '\n'
  await dialog.getByTestId('field-file').setInputFiles({ name: 'warnings.txt', mimeType: 'text/plain', buffer: Buffer.from(text) })
  const warnings = dialog.getByTestId('warnings')
  await expect(warnings.locator('li')).toHaveCount(2)
  // (the values are isolated: a Latin label keeps its order inside the Arabic sentence)
  const isolated = (value: string) => `\u2068${value}\u2069`
  await expect(warnings.locator('li').first()).toContainText(`الترقيم «${isolated('c)')}» ليس الترقيم المشتق من موضعه «${isolated('a)')}»`)
  await expect(warnings.locator('li').last()).toContainText(`لا فقرة ${isolated('f)')} في قسم «${isolated('considering')}»`)
  await expect(warnings).not.toContainText('kept as')
  await shot(page, 'import-warnings-ar')
  await context.close()
})

test('a proposal number the settings sheet refuses: Arabic in the Arabic interface, with what was typed', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `Arabic settings ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/1' })
  await openDocument(page, id)
  await page.getByTestId('proposal-settings-open').click()
  const sheet = page.getByTestId('proposal-settings')
  await sheet.getByTestId('field-markerId').fill('APT-44-2')
  await sheet.getByTestId('proposal-settings-apply').click()
  const status = sheet.getByTestId('proposal-settings-status')
  await expect(status).toContainText('رقم المقترح ليس على الشكل APT/44A13/1')
  await expect(status).toContainText('APT-44-2')
  await expect(page.locator('.ProseMirror p.Proposal')).toContainText('APT/44A13/1')
  await shot(page, 'proposal-settings-refused-ar')
  await context.close()
})
