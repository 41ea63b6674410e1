/**
 * Struck text and section headings take no stray typing: a click on a
 * suppressed (struck) provision does nothing (the cursor stays), typing into
 * a heading opens the heading picker instead of changing it, and the picker
 * sets a heading from the vocabulary or a free text (`other`).
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, freshProposal, openDocument, signedInPage, showChanges } from './helpers.js'

/** The section headings' words, from the editor's state (the page also shows struck words of the base in them). */
const headings = (page: Page) => page.evaluate(() => {
  const out: string[] = []
  ;(window as unknown as { resdraft: { view: { state: { doc: { descendants: (f: (n: { type: { name: string }; textContent: string }) => boolean) => void } } } } }).resdraft.view.state.doc
    .descendants(n => { if (n.type.name === 'sectionHeading') out.push(n.textContent); return n.type.name !== 'sectionHeading' })
  return out
})

test('a click on struck text does nothing; headings change through the picker only', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT headings test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  // Suppress the last provision of the first section, then show the changes: it stands struck before the next heading.
  await page.evaluate(() => {
    const view = (window as unknown as { resdraft: { view: { state: { doc: { child: (i: number) => { lastChild: { nodeSize: number }; nodeSize: number } }; tr: { delete: (a: number, b: number) => unknown } }; dispatch: (tr: unknown) => void } } }).resdraft.view
    let pos = 0
    for (let i = 0; i < 4; i++) pos += view.state.doc.child(i).nodeSize
    const section = view.state.doc.child(4)
    const end = pos + section.nodeSize - 1
    view.dispatch(view.state.tr.delete(end - section.lastChild.nodeSize, end))
  })
  await showChanges(page)
  const struck = page.locator('.ProseMirror .amend-suppressed').first()
  await expect(struck).toBeVisible()
  const before = await headings(page)

  // Click on the struck provision and type: no heading changes; the text goes where the cursor was.
  await caretAfter(page, 'غوادالاخارا')
  const selection = () => page.evaluate(() => (window as unknown as { resdraft: { view: { state: { selection: { from: number } } } } }).resdraft.view.state.selection.from)
  const caret = await selection()
  // Where its last line ends (on the left, in Arabic): the nearest text is the next section's heading.
  const box = (await struck.boundingBox())!
  await page.mouse.click(box.x + 4, box.y + box.height - 6)
  await page.keyboard.type('زززز')
  expect(await headings(page)).toEqual(before)
  expect(await selection()).toBe(caret)
  expect(await headings(page)).not.toContain(expect.stringContaining('زززز'))

  // Typing into a heading opens the picker and leaves the heading as it is.
  await caretAfter(page, before[1]!, 3)
  await page.keyboard.type('x')
  await expect(page.getByTestId('dialog-select')).toBeVisible()
  expect(await headings(page)).toEqual(before)
  // Other, with a free text.
  await page.getByTestId('dialog-select').selectOption('other')
  await page.getByTestId('dialog-ok').click()
  await page.getByTestId('dialog-text').fill('وإذ تضع في اعتبارها بوجه خاص')
  await page.getByTestId('dialog-ok').click()
  await expect.poll(async () => (await headings(page))[1]).toBe('وإذ تضع في اعتبارها بوجه خاص')
  await expect(page.locator('.ProseMirror section').nth(1)).toHaveAttribute('data-kind', 'other')
  // From the vocabulary, through the toolbar: the Arabic wording, with «و» after the first preambular section.
  await page.getByTestId('change-heading').click()
  await page.getByTestId('dialog-select').selectOption('noting')
  await page.getByTestId('dialog-ok').click()
  await expect.poll(async () => (await headings(page))[1]).toBe('وإذ تلاحظ')
  await expect(page.locator('.ProseMirror section').nth(1)).toHaveAttribute('data-kind', 'noting')
  await page.locator('.ProseMirror section').nth(1).scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screens/headings.png' })
  await amal.context.close()
})
