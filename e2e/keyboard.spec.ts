/**
 * Moving through a long resolution from the keyboard as in a word
 * processor: Ctrl-End goes to the end of the text and Ctrl-Home to its
 * start, however far below the window the end is (sections off screen are
 * not laid out by the browser until they come near), and what one types
 * there lands there.
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, editorText, freshProposal, openDocument, shot, signedInPage } from './helpers.js'

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

test('select all and delete in a proposal clears the resolution text and keeps the cover and the MOD line; undo brings the text back', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'amal')
  await openDocument(page, await freshProposal(page.request, `APT select-all test ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/7' }))
  const before = await editorText(page)
  /** The top-level parts of the document, the MOD line with its number. */
  const parts = () => page.evaluate(() => {
    type Top = { type: { name: string }; attrs: Record<string, unknown> }
    const doc = (window as unknown as { resdraft: { view: { state: { doc: { forEach(f: (n: Top) => void): void } } } } }).resdraft.view.state.doc
    const out: string[] = []
    doc.forEach(n => out.push(n.type.name === 'proposalMarker' ? `MOD line ${String(n.attrs.proposalId)}` : n.type.name))
    return out
  })
  await caretAfter(page, 'غوادالاخارا')
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Backspace')
  await expect.poll(() => editorText(page)).not.toContain('غوادالاخارا')
  const left = await parts()
  expect(left.slice(0, 2)).toEqual(['proposalHeader', 'MOD line APT/44A13/7'])
  expect(await page.locator('.ProseMirror .cover-origin').count()).toBe(1)
  await page.waitForTimeout(700)
  await page.keyboard.press('Control+z')
  await expect.poll(() => editorText(page)).toBe(before)
})

test('the MOD line, clicked and deleted, stays: it changes through the proposal settings', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'amal')
  await openDocument(page, await freshProposal(page.request, `APT delete-marker test ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/8' }))
  const marker = page.locator('.ProseMirror p.Proposal')
  await expect(marker).toContainText('APT/44A13/8')
  for (const key of ['Delete', 'Backspace']) {
    await marker.click()
    await page.keyboard.press(key)
    await page.waitForTimeout(300)
    await expect(marker, key).toHaveCount(1)
    await expect(marker, key).toContainText('APT/44A13/8')
  }
  await expect(page.getByTestId('proposal-settings-open')).toBeVisible()
})

test('the first Tab on a page reaches a skip link, in the page language, that takes the keyboard into the text', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `APT skip link ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const skip = page.getByTestId('skip-link')
  // out of sight until reached
  expect((await skip.boundingBox())!.y).toBeLessThan(0)
  await page.locator('body').focus()
  await page.keyboard.press('Tab')
  await expect(skip).toBeFocused()
  await expect(skip).toHaveText('انتقل إلى المحتوى')
  expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0)
  await shot(page, 'skip-link')
  await page.keyboard.press('Enter')
  await expect(page.locator('.ProseMirror')).toBeFocused()
  // on the list of documents it takes the keyboard to the list
  await page.goto('/#/')
  await expect(page.locator('main.list')).toBeVisible()
  await page.locator('body').focus()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('skip-link')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('main.list')).toBeFocused()
})
