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

/** The text of the caret's text block up to the caret, a bar, and the next 12 characters: "before|after". */
function caretContext(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { $from } = (window as unknown as { resdraft: { view: { state: { selection: { $from: { parent: { textContent: string }; parentOffset: number } } } } } }).resdraft.view.state.selection
    const text = $from.parent.textContent
    return `${text.slice(0, $from.parentOffset)}|${text.slice($from.parentOffset, $from.parentOffset + 12)}`
  })
}

test('after undo the caret is back where it stood before the change undone', async ({ browser }) => {
  // Amal undoes a provision she added and moves she made (Alt-ArrowUp, Alt-ArrowDown, the toolbar's buttons, a
  // move into the next section): each time her caret goes back into the provision where she was, so the next
  // words she types go there, not at the start of another provision.
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `Caret back after undo ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const inC = ['أن الفصل بين عناصر', 'أن الفصل بين عناصر| المستعمل وع'] as const
  const lastOfConsidering = ['أن قطاع تقييس الاتصالات عليه', 'أن قطاع تقييس الاتصالات عليه| أن يؤدي دور'] as const
  const changes: [string, readonly [string, string], () => Promise<void>][] = [
    ['Alt-Enter', inC, () => page.keyboard.press('Alt+Enter')],
    ['Alt-ArrowUp', inC, () => page.keyboard.press('Alt+ArrowUp')],
    ['Alt-ArrowDown', inC, () => page.keyboard.press('Alt+ArrowDown')],
    ['Move up (toolbar)', inC, () => page.getByTestId('move-up').click()],
    ['Move down (toolbar)', inC, () => page.getByTestId('move-down').click()],
    ['Alt-ArrowDown into the next section', lastOfConsidering, () => page.keyboard.press('Alt+ArrowDown')]
  ]
  const text0 = await editorText(page)
  const found: Record<string, string> = {}
  for (const [name, [caret], change] of changes) {
    await caretAfter(page, caret)
    await change()
    await expect.poll(() => editorText(page).then(t => t !== text0)).toBe(true)
    await page.waitForTimeout(700)
    await undo(page, 1)
    await expect.poll(() => editorText(page)).toBe(text0)
    found[name] = await caretContext(page)
    await page.waitForTimeout(700)
  }
  expect(found).toEqual(Object.fromEntries(changes.map(([name, [, where]]) => [name, where])))
  // typing goes on where the caret was
  await page.keyboard.type(' أمل')
  await expect.poll(() => editorText(page)).toContain('أن قطاع تقييس الاتصالات عليه أمل أن يؤدي')
  await amal.context.close()
})

test('after redo the caret is where it stood once the change was made', async ({ browser }) => {
  // Amal types, adds a provision, moves one; undoes each, then redoes it: her caret goes to the end of the words
  // typed again, into the provision added again, into the provision moved again, not left where the undo put it.
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `Caret after redo ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const changes: [string, () => Promise<void>][] = [
    ['typing', () => page.keyboard.type(' جديد')],
    ['Alt-Enter', () => page.keyboard.press('Alt+Enter')],
    ['Alt-ArrowUp', () => page.keyboard.press('Alt+ArrowUp')]
  ]
  const text0 = await editorText(page)
  const after: Record<string, string> = {}
  const redone: Record<string, string> = {}
  for (const [name, change] of changes) {
    await caretAfter(page, 'أن الفصل بين عناصر')
    await change()
    await expect.poll(() => editorText(page).then(t => t !== text0)).toBe(true)
    const changed = await editorText(page)
    after[name] = await caretContext(page)
    await page.waitForTimeout(700)
    await undo(page, 1)
    await expect.poll(() => editorText(page)).toBe(text0)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => editorText(page)).toBe(changed)
    redone[name] = await caretContext(page)
    await undo(page, 1)
    await expect.poll(() => editorText(page)).toBe(text0)
    await page.waitForTimeout(700)
  }
  expect(redone).toEqual(after)
  expect(after.typing).toBe('أن الفصل بين عناصر جديد| المستعمل وع')
  await amal.context.close()
})

test('an undo after a redo puts the caret back where the first undo did', async ({ browser }) => {
  // Amal makes a change, undoes it, redoes it and undoes it again: the second undo puts her caret where the first
  // did, where it stood before the change. After a move into the next section it went to the start of the provision
  // below (the caret kept with the step the redo made was read off the shared document the redo had already changed).
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `Caret after undo, redo, undo ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const changes: [string, string, () => Promise<void>][] = [
    ['typing', 'أن الفصل بين عناصر', () => page.keyboard.type(' جديد')],
    ['Alt-Enter', 'أن الفصل بين عناصر', () => page.keyboard.press('Alt+Enter')],
    ['Alt-ArrowUp', 'أن الفصل بين عناصر', () => page.keyboard.press('Alt+ArrowUp')],
    ['Alt-ArrowUp into the section above', 'تقدم تعريفاً', () => page.keyboard.press('Alt+ArrowUp')],
    ['Alt-ArrowDown into the next section', 'أن قطاع تقييس الاتصالات عليه', () => page.keyboard.press('Alt+ArrowDown')]
  ]
  const text0 = await editorText(page)
  const first: Record<string, string> = {}
  const again: Record<string, string> = {}
  for (const [name, caret, change] of changes) {
    await caretAfter(page, caret)
    await change()
    await expect.poll(() => editorText(page).then(t => t !== text0)).toBe(true)
    const changed = await editorText(page)
    await page.waitForTimeout(700)
    await undo(page, 1)
    await expect.poll(() => editorText(page)).toBe(text0)
    first[name] = await caretContext(page)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => editorText(page)).toBe(changed)
    await undo(page, 1)
    await expect.poll(() => editorText(page)).toBe(text0)
    again[name] = await caretContext(page)
    await page.waitForTimeout(700)
  }
  expect(again).toEqual(first)
  expect(first['Alt-ArrowUp into the section above']).toMatch(/تقدم تعريفاً\| ووصفاً/)
  await amal.context.close()
})
