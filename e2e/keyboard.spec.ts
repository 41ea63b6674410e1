/**
 * Moving through a long resolution from the keyboard as in a word
 * processor: Ctrl-End goes to the end of the text and Ctrl-Home to its
 * start, however far below the window the end is (sections off screen are
 * not laid out by the browser until they come near), and what one types
 * there lands there.
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, editorText, freshProposal, openDocument, signedInPage } from './helpers.js'

interface NodeLike { isTextblock: boolean; nodeSize: number; textContent: string }
interface ViewLike { state: { doc: { descendants(f: (n: NodeLike, pos: number) => void): void }; selection: { from: number; to: number } } }
/** The selection, and where the last text block ends and what it says. */
const view = (page: Page) => page.evaluate(() => {
  const v = (window as unknown as { resdraft: { view: ViewLike } }).resdraft.view
  let end = 0
  let last = ''
  v.state.doc.descendants((n, pos) => { if (n.isTextblock) { end = pos + n.nodeSize - 1; last = n.textContent } })
  return { from: v.state.selection.from, to: v.state.selection.to, end, last }
})

test('Ctrl-End reaches the end of a long text and Ctrl-Home its start; typing lands there', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `APT keyboard test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  await caretAfter(page, 'غوادالاخارا')

  await page.keyboard.press('Control+End')
  // the end of the last text block
  await expect.poll(async () => { const v = await view(page); return v.end - v.from }).toBe(0)
  await page.keyboard.type(' XYZ')
  await expect(page.getByTestId('dialog-select')).toHaveCount(0)
  await expect.poll(async () => (await view(page)).last).toMatch(/ XYZ$/)

  // the end is on screen: the caret is drawn where the text was typed
  const caret = await page.evaluate(() => { const r = getSelection()!.getRangeAt(0).getBoundingClientRect(); return { top: r.top, bottom: r.bottom } })
  const height = page.viewportSize()!.height
  expect(caret.top).toBeGreaterThanOrEqual(0)
  expect(caret.bottom).toBeLessThanOrEqual(height)

  await page.keyboard.press('Control+Home')
  await expect.poll(async () => (await view(page)).from).toBeLessThan(5)
  await page.keyboard.press('Control+Shift+End')
  await expect.poll(async () => { const v = await view(page); return v.end - v.to }).toBe(0)
  expect((await editorText(page)).endsWith(' XYZ')).toBe(true)
})
