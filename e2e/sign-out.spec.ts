/**
 * Signing out erases what this browser keeps of the user's documents (a
 * conference's machine is shared: a copy holds the whole proposal), and
 * asks first when a copy may hold changes the server has not acknowledged:
 * the user may stay to send them, keep them here, or erase them too.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { backOnline, caretAfter, editorText, freshProposal, goOffline, openDocument, shot, signedInPage, signIn, storedInBrowser } from './helpers.js'

/** What this browser keeps that names documents or their text: copies (IndexedDB), and remembered details, marks and page ids (localStorage). */
const traces = (page: Page) => page.evaluate(async () => ({
  copies: (await indexedDB.databases()).map(d => d.name ?? '').filter(n => n.startsWith('resdraft:user:')).sort(),
  stored: Object.keys(localStorage).filter(k => k.startsWith('resdraft:details:') || k.startsWith('resdraft:unsent:') || k.startsWith('resdraft:clients:')).sort()
}))

/** Amal's new page opens `id`, goes offline, types `words` and is closed with them unsent (still offline). */
async function typeOfflineAndClose(context: BrowserContext, id: string, words: string): Promise<void> {
  const page = await context.newPage()
  await openDocument(page, id)
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline({ page, context })
  await caretAfter(page, 'الأمن السيبراني')
  await page.keyboard.type(words)
  await storedInBrowser(page)
  await page.close({ runBeforeUnload: false })
  // (a mark is taken for words the copy holds when it is older than the copy's next reading by a moment: unsent-marks.ts)
  await context.pages()[0]!.waitForTimeout(1000)
}

test('signing out erases the copies of documents whose changes all reached the server, and first names those that may not have', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const title = `APT sign-out ${Date.now()}`
  const id = await freshProposal(amal.page.request, title, ['APT'])
  await openDocument(amal.page, id)
  await caretAfter(amal.page, 'الأمن السيبراني')
  await amal.page.keyboard.type(' متصل')
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  expect((await traces(amal.page)).copies).toHaveLength(1)

  // offline, a word the server has not received: signing out names the document, and Cancel keeps her here
  await goOffline(amal)
  await amal.page.keyboard.type(' دون اتصال')
  await storedInBrowser(amal.page)
  await amal.page.getByTestId('sign-out').click()
  await expect(amal.page.getByTestId('dialog-message')).toContainText(title)
  await expect(amal.page.getByTestId('dialog-message')).toContainText('لم تصل إلى الخادم')
  await shot(amal.page, 'sign-out-unsent')
  await amal.page.getByRole('button', { name: 'إلغاء' }).click()
  await expect(amal.page.getByTestId('who')).toBeVisible()
  expect(await editorText(amal.page)).toContain('الأمن السيبراني متصل دون اتصال')

  // back online, the word is sent: signing out asks nothing, and leaves nothing of her documents in the browser
  await backOnline(amal)
  await amal.page.getByTestId('sign-out').click()
  await expect(amal.page.locator('form.login')).toBeVisible()
  await expect.poll(() => traces(amal.page)).toEqual({ copies: [], stored: [] })

  // her words are on the server
  await signIn(amal.page, 'amal')
  await openDocument(amal.page, id)
  await expect.poll(() => editorText(amal.page)).toContain('الأمن السيبراني متصل دون اتصال')
  await amal.context.close()
})

test("a closed page's unsent words: the next page that sends them clears the way; erased only when she chooses", async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const title = `APT sign-out closed page ${Date.now()}`
  const id = await freshProposal(amal.page.request, title, ['APT'])

  // words typed offline in a page closed before it could send them; the next page sends them: nothing is asked
  await typeOfflineAndClose(amal.context, id, ' أولى')
  await amal.context.setOffline(false)
  await openDocument(amal.page, id)
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await expect.poll(() => editorText(amal.page)).toContain('الأمن السيبراني أولى')
  // (once acknowledged, the page reads the copy again and finds nothing the server lacks: the closed page's mark goes)
  await expect.poll(async () => (await traces(amal.page)).stored.filter(k => k.startsWith('resdraft:unsent:'))).toEqual([])
  await amal.page.goto('/#/')
  await amal.page.getByTestId('sign-out').click()
  await expect(amal.page.locator('form.login')).toBeVisible()
  await signIn(amal.page, 'amal')

  // again, and this time she signs out from the list: the document is named, and she erases them
  await typeOfflineAndClose(amal.context, id, ' ثانية')
  await amal.context.setOffline(false)
  await amal.page.reload()
  await expect(amal.page.getByTestId('doc-row').first()).toBeVisible()
  await amal.page.getByTestId('sign-out').click()
  await expect(amal.page.getByTestId('dialog-message')).toContainText(title)
  await amal.page.getByTestId('dialog-other').click()
  await expect(amal.page.locator('form.login')).toBeVisible()
  await expect.poll(() => traces(amal.page)).toEqual({ copies: [], stored: [] })
  await signIn(amal.page, 'amal')
  await openDocument(amal.page, id)
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  const text = await editorText(amal.page)
  expect(text).toContain('الأمن السيبراني أولى')
  expect(text).not.toContain('ثانية')
  await amal.context.close()
})
