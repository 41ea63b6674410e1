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

test('from the keyboard: Ctrl-Alt-F, the footnote text, Enter inserts the footnote', async ({ browser }) => {
  // Enter in the one-line text dialogs (footnote, heading, version name) put a line break into the text, and the
  // dialog stayed open: a keyboard user had to find OK with Tab, and the footnote kept the break.
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT footnote from the keyboard ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  await caretAfter(page, 'غوادالاخارا')
  await page.keyboard.press('Control+Alt+f')
  await expect(page.getByTestId('dialog-text')).toBeFocused()
  await page.keyboard.type('حاشية من لوحة المفاتيح')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('dialog-text')).toHaveCount(0)
  await expect(page.getByTestId('footnote-item')).toContainText(['حاشية من لوحة المفاتيح'])
  const notes = await page.evaluate(() => {
    const out: string[] = []
    ;(window as unknown as { resdraft: { view: { state: { doc: { descendants(f: (n: { type: { name: string }; textContent: string }) => boolean): void } } } } }).resdraft.view.state.doc
      .descendants(n => { if (n.type.name === 'footnote') out.push(n.textContent); return true })
    return out
  })
  expect(notes).toContain('حاشية من لوحة المفاتيح')
  await expect(page.locator('.ProseMirror')).toBeFocused()
  await amal.context.close()
})
