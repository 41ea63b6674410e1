/**
 * A page reloaded (or a tab opened on the app's address) while the server
 * cannot be reached: the app shell comes from the service worker's cache,
 * the app starts as the user last signed in on this browser, the document
 * opens from the browser's copy, the list shows the documents this browser
 * keeps a copy of, and the session is checked once the server answers.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { agreeToCosponsor, backOnline, caretAfter, editorText, freshProposal, goOffline, openDocument, shot, signedInPage, signIn, storedInBrowser, USERS } from './helpers.js'

/** Waits (a few seconds at most) until the page's service worker holds the app shell: a user's page has had that time. */
async function shellKept(page: Page): Promise<void> {
  await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise(resolve => setTimeout(resolve, 5000))]))
}

const editorReady = '[data-testid=page][data-ready=true] .ProseMirror'

/**
 * Amal (APT) and Salma (ARB) on a fresh proposal of Amal's that Salma co-sponsors; Amal's page, once its app shell
 * is kept, goes offline and she types `words` after the title, kept in the browser's copy.
 */
async function amalOfflineWithWords(browser: Browser, title: string, words: string) {
  const amal = await signedInPage(browser, 'amal')
  const salma = await signedInPage(browser, 'salma')
  const id = await freshProposal(amal.page.request, `${title} ${Date.now()}`, ['APT', 'ARB'])
  await agreeToCosponsor(salma.page.request, id)
  await openDocument(amal.page, id)
  await openDocument(salma.page, id)
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await shellKept(amal.page)
  await goOffline(amal)
  await caretAfter(amal.page, 'الأمن السيبراني')
  await amal.page.keyboard.type(words)
  await storedInBrowser(amal.page)
  return { amal, salma }
}


test('a document reloaded while the server is out of reach opens with the words typed, and they all reach the other delegation once back', async ({ browser }) => {
  const first = ' كتبت قبل إعادة التحميل'
  const { amal, salma } = await amalOfflineWithWords(browser, 'APT offline reload', first)
  // the wifi is gone: she reloads the page
  await amal.page.reload()
  await expect(amal.page.locator(editorReady)).toBeVisible()
  expect(await editorText(amal.page)).toContain(`الأمن السيبراني${first}`)
  await expect(amal.page.getByTestId('who')).toContainText('Amal')
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'offline')
  // calmly told that the server cannot be reached and the session will be checked
  await expect(amal.page.getByTestId('server-unreachable')).toBeVisible()
  await expect(amal.page.getByTestId('outdated')).toHaveCount(0)
  await shot(amal.page, 'offline-reload-document')
  const second = ' وبعدها'
  await caretAfter(amal.page, first.trim())
  await amal.page.keyboard.type(second)
  await storedInBrowser(amal.page)
  expect(await editorText(salma.page)).not.toContain(first.trim())

  await backOnline(amal)
  await expect.poll(() => editorText(salma.page), { timeout: 20_000 }).toContain(`الأمن السيبراني${first}${second}`)
  // the session was checked: the notice goes
  await expect(amal.page.getByTestId('server-unreachable')).toHaveCount(0, { timeout: 20_000 })
  await amal.context.close()
  await salma.context.close()
})

test('the list reloaded while the server is out of reach shows the documents this browser keeps a copy of, marked offline; a new tab starts too', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const kept = `APT offline list, opened ${Date.now()}`
  const id = await freshProposal(amal.page.request, kept, ['APT'])
  const notOpened = `APT offline list, not opened ${Date.now()}`
  await freshProposal(amal.page.request, notOpened, ['APT'])
  await openDocument(amal.page, id)
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await storedInBrowser(amal.page)
  await amal.page.goto('/#/')
  await expect(amal.page.getByTestId('doc-row').first()).toBeVisible()
  await shellKept(amal.page)

  await amal.context.setOffline(true)
  await amal.page.reload()
  await expect(amal.page.getByTestId('who')).toContainText('Amal')
  await expect(amal.page.getByTestId('server-unreachable')).toBeVisible()
  const rows = amal.page.getByTestId('doc-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(kept)
  await expect(rows.first().getByTestId('offline-copy')).toBeVisible()
  await expect(amal.page.locator('main')).toContainText('تعذّر الوصول إلى الخادم')
  await shot(amal.page, 'offline-reload-list')
  // a tab opened on the app's address starts as well
  const tab = await amal.context.newPage()
  await tab.goto('/')
  await expect(tab.getByTestId('doc-row')).toHaveCount(1)
  await tab.close()
  // and the document opens from the browser's copy
  await rows.first().locator('a.doc-title').click()
  await expect(amal.page.locator(editorReady)).toBeVisible()
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'offline')

  // back online, the list is the server's again
  await amal.context.setOffline(false)
  await expect(amal.page.getByTestId('server-unreachable')).toHaveCount(0, { timeout: 20_000 })
  await amal.page.goto('/#/')
  await expect(amal.page.getByTestId('doc-row').filter({ hasText: notOpened })).toHaveCount(1)
  await expect(amal.page.getByTestId('offline-copy')).toHaveCount(0)
  await amal.context.close()
})

test('a session ended meanwhile: the reloaded page starts offline, then asks to sign in once the server answers, and the words wait for her', async ({ browser }) => {
  const words = ' قبل انتهاء الجلسة'
  const { amal, salma } = await amalOfflineWithWords(browser, 'APT offline reload, session ended', words)
  // her session ends on the server (signed out elsewhere, or expired)
  expect((await amal.page.request.post('/api/logout')).ok()).toBeTruthy()
  await amal.page.reload()
  await expect(amal.page.locator(editorReady)).toBeVisible()
  expect(await editorText(amal.page)).toContain(`الأمن السيبراني${words}`)
  await amal.context.setOffline(false)
  await expect(amal.page.locator('input[name=username]')).toBeVisible({ timeout: 20_000 })
  expect(await editorText(salma.page)).not.toContain(words.trim())
  await amal.page.locator('input[name=username]').fill(USERS.amal.username)
  await amal.page.locator('input[name=password]').fill(USERS.amal.password)
  await amal.page.locator('form.login button[type=submit]').click()
  await expect(amal.page.locator(editorReady)).toBeVisible()
  await expect.poll(() => editorText(salma.page), { timeout: 20_000 }).toContain(`الأمن السيبراني${words}`)
  await amal.context.close()
  await salma.context.close()
})

test('after signing out, a page reloaded while the server is out of reach starts nobody: the sign-in page', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, 'amal')
  await shellKept(page)
  await page.getByTestId('sign-out').click()
  await expect(page.locator('input[name=username]')).toBeVisible()
  await context.setOffline(true)
  await page.reload()
  await expect(page.locator('input[name=username]')).toBeVisible()
  await expect(page.getByTestId('who')).toHaveCount(0)
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Amal')
  await context.close()
})

test('online, the page comes from the server (a new build is never hidden by the kept one); the kept one is the last the server gave', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  await shellKept(page)
  // each answer of the server for the app's page is marked, as a new build's would differ
  let build = 'first'
  const isPage = (url: URL) => url.pathname === '/'
  await context.route(isPage, async route => {
    const answer = await route.fetch()
    const marked = (await answer.text()).replace('<title>resdraft</title>', `<title>resdraft</title><meta name="resdraft-build" content="${build}">`)
    await route.fulfill({ response: answer, body: marked })
  })
  await page.reload()
  await expect(page.locator('meta[name=resdraft-build]')).toHaveAttribute('content', 'first')
  build = 'second'
  await page.reload()
  await expect(page.locator('meta[name=resdraft-build]')).toHaveAttribute('content', 'second')
  await expect(page.getByTestId('doc-row').first()).toBeVisible()
  await context.unroute(isPage)
  await context.setOffline(true)
  await page.reload()
  await expect(page.locator('meta[name=resdraft-build]')).toHaveAttribute('content', 'second')
  await expect(page.getByTestId('who')).toContainText('Amal')
  await context.close()
})

test('the server restarting while the network is up: the reloaded page starts as the user, and the session is checked once the server answers again', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  await shellKept(page)
  // the browser is online, but nothing of the server answers
  const everything = () => true
  await context.route(everything, route => route.abort('connectionrefused'))
  await page.reload()
  await expect(page.getByTestId('who')).toContainText('Amal')
  await expect(page.getByTestId('server-unreachable')).toBeVisible()
  await expect(page.locator('main')).toContainText('تعذّر الوصول إلى الخادم')
  // the server is back: no 'online' event comes, the page asks again by itself, and the list is the server's
  await context.unroute(everything)
  await expect(page.getByTestId('server-unreachable')).toHaveCount(0, { timeout: 20_000 })
  await expect(page.getByTestId('doc-row').first()).toBeVisible()
  await context.close()
})
