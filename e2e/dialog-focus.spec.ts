/**
 * Keyboard use of the dialogs and the export menu: a dialog opens with the
 * focus on its first field (not on Cancel, which Enter would press), and
 * Escape closes it and gives the focus back to the control that opened it;
 * Escape closes the drafters' export menu the same way.
 */
import { expect, test } from '@playwright/test'
import { documentId, openDocument, signedInPage } from './helpers.js'

test('the export dialog opens on its first field; Escape closes it and the focus returns to Export…', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'sec')
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  const open = page.getByTestId('export-dialog-open')
  await open.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await expect(page.getByTestId('field-proposalId')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toHaveCount(0)
  await expect(open).toBeFocused()
  await context.close()
})

test('the proposal settings open on the proposal number', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  await page.getByTestId('proposal-settings-open').click()
  await expect(page.getByTestId('proposal-settings')).toBeVisible()
  await expect(page.getByTestId('proposal-settings').locator('input, select, textarea').first()).toBeFocused()
  await context.close()
})

test('Escape closes the export menu and leaves the focus on it', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  const menu = page.getByTestId('export-menu')
  await menu.locator('summary').focus()
  await page.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('open', '')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('export-docx')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu).not.toHaveAttribute('open')
  await expect(menu.locator('summary')).toBeFocused()
  await context.close()
})
