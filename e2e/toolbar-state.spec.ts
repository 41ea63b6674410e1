/**
 * The editing toolbar shows what it can do where the caret is: a button
 * whose command cannot act there (a provision's tools in the history line,
 * moving the first provision of the text up, undo with nothing to undo) is
 * disabled, rather than doing nothing and saying nothing when pressed, and
 * is enabled again where it can act.
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, freshProposal, openDocument, signedInPage } from './helpers.js'

/** Each editing tool of the toolbar (by test id): whether it can be pressed. */
const usable = (page: Page) => page.locator('.toolbar > button.tool[data-testid]').evaluateAll(buttons =>
  Object.fromEntries(buttons.map(b => [(b as HTMLButtonElement).dataset.testid!, !(b as HTMLButtonElement).disabled])))

test('a toolbar button that cannot act where the caret is is disabled, and enabled where it can', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `Toolbar state ${Date.now()}`, ['APT'])
  await openDocument(page, id)

  // In the history line: no provision to add after, move or give a sub-provision, no section heading to change;
  // a footnote, a cross-reference or a section can go there. Nothing done yet: nothing to undo or redo.
  await caretAfter(page, 'فلوريانوبوليس')
  await expect.poll(() => usable(page)).toEqual({
    'add-section': true, 'change-heading': false, 'add-provision': false, 'add-subprovision': false,
    'move-up': false, 'move-down': false, 'move-to': false, footnote: true, reference: true, undo: false, redo: false
  })
  // In the first provision of the text ('recalling a)'): it cannot go up, but it can go down.
  await caretAfter(page, 'القرار 130')
  await expect.poll(() => usable(page)).toMatchObject({ 'change-heading': true, 'add-provision': true, 'add-subprovision': true, 'move-up': false, 'move-down': true, 'move-to': true, undo: false })
  // Moved down, it can go up again, and the move can be undone; undone, it can be redone.
  await page.getByTestId('move-down').click()
  await expect.poll(() => usable(page)).toMatchObject({ 'move-up': true, undo: true, redo: false })
  await page.getByTestId('undo').click()
  await expect.poll(() => usable(page)).toMatchObject({ 'move-up': false, redo: true })
  await context.close()
})
