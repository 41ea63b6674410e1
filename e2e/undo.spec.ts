/**
 * Undo takes back the structure one's own command added, not only the text
 * typed into it: a new provision, a new section and a footnote disappear on
 * Ctrl-Z (the id the unique-ids plugin gives them belongs to the same step).
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, editorText, freshProposal, openDocument, signedInPage } from './helpers.js'

const provisions = (page: Page) => page.locator('.ProseMirror .provision').count()
const sections = (page: Page) => page.locator('.ProseMirror section.preambular, .ProseMirror section.operative').count()
const footnotes = (page: Page) => page.locator('.ProseMirror .footnote-ref').count()

/** Presses Ctrl-Z `times` times, pausing past the undo manager's 500 ms grouping. */
async function undo(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) { await page.keyboard.press('Control+z'); await page.waitForTimeout(150) }
}

test('undo removes the provision, section and footnote one added', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT undo test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const text0 = await editorText(page)
  const p0 = await provisions(page)
  const s0 = await sections(page)
  const f0 = await footnotes(page)

  // Alt-Enter, type, Ctrl-Z twice: the text and the provision are gone.
  await caretAfter(page, 'غوادالاخارا')
  await page.keyboard.press('Alt+Enter')
  await page.waitForTimeout(700)
  await page.keyboard.type('نص جديد')
  await page.waitForTimeout(700)
  expect(await provisions(page)).toBe(p0 + 1)
  await undo(page, 2)
  await expect.poll(() => provisions(page)).toBe(p0)
  expect(await editorText(page)).toBe(text0)

  // A new section (heading and first provision) is undone in one step.
  await caretAfter(page, 'غوادالاخارا')
  await page.getByTestId('add-section').click()
  await page.getByTestId('dialog-select').selectOption('emphasizing')
  await page.getByTestId('dialog-ok').click()
  await expect.poll(() => sections(page)).toBe(s0 + 1)
  await page.waitForTimeout(700)
  await undo(page, 1)
  await expect.poll(() => sections(page)).toBe(s0)
  expect(await provisions(page)).toBe(p0)
  expect(await editorText(page)).toBe(text0)

  // A footnote too.
  await caretAfter(page, 'غوادالاخارا')
  await page.getByTestId('footnote').click()
  await page.getByTestId('dialog-text').fill('حاشية للتراجع')
  await page.getByTestId('dialog-ok').click()
  await expect.poll(() => footnotes(page)).toBe(f0 + 1)
  await page.waitForTimeout(700)
  await undo(page, 1)
  await expect.poll(() => footnotes(page)).toBe(f0)
  expect(await editorText(page)).toBe(text0)

  // And redo brings the footnote back, with an id.
  await page.keyboard.press('Control+Shift+z')
  await expect.poll(() => footnotes(page)).toBe(f0 + 1)
  await amal.context.close()
})
