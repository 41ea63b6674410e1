/**
 * Replace leaves section headings alone: they change through the heading
 * picker. Words found in a heading are counted apart, and replacing all
 * changes the text around them, not the headings.
 */
import { expect, test } from '@playwright/test'
import { caretAfter, editorText, freshProposal, openDocument, signedInPage } from './helpers.js'

test('replace all changes the text and leaves the section headings, saying how many it left', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `APT find-replace test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const headings = () => page.locator('.ProseMirror .Call').allTextContents()
  const before = await headings()
  const word = 'الدول الأعضاء'
  const inText = (await editorText(page)).split(word).length - 1
  const inHeadings = before.filter(h => h.includes(word)).length
  expect(inHeadings).toBeGreaterThan(0)
  expect(inText).toBeGreaterThan(inHeadings)

  await caretAfter(page, 'غوادالاخارا')
  await page.keyboard.press('Control+h')
  await page.getByTestId('find-input').fill(word)
  await expect(page.getByTestId('find-count')).toContainText(`(${inHeadings} في عناوين الأقسام`)
  await page.getByTestId('replace-input').fill('الدول')
  await page.getByTestId('replace-all').click()
  // only the headings' matches are left, and the headings read as before
  await expect(page.getByTestId('find-count')).toHaveText(new RegExp(`^1 من ${inHeadings} \\(${inHeadings} في عناوين الأقسام`))
  expect(await headings()).toEqual(before)
  expect((await editorText(page)).split('الدول').length - 1).toBeGreaterThanOrEqual(inText - inHeadings)
})
