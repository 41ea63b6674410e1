/**
 * One browser shared by two delegations (a conference's shared machine): the
 * browser's copy of a document, which keeps words typed offline until they
 * are sent, is kept per user. Another user signing in on the same browser
 * neither sees nor sends them (the server would register the writer's Yjs
 * client id under her delegation); the writer's next page on that browser does.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { agreeToCosponsor, caretAfter, editorText, freshProposal, goOffline, openDocument, signedInPage, signIn, storedInBrowser } from './helpers.js'

/** The names of the document copies (IndexedDB databases) this browser holds. */
const copiesInBrowser = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map(d => d.name ?? '').filter(n => n.startsWith('resdraft:')).sort())

/** The Yjs client ids the server has registered per delegation in the document open on `page` (its `attribution` root). */
function registeredClients(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const { ydoc } = (window as unknown as { resdraft: { session: { ydoc: { getMap(name: string): { toJSON(): Record<string, { ids: number[] }> } } } } }).resdraft.session
    return Object.fromEntries(Object.entries(ydoc.getMap('attribution').toJSON()).map(([who, entry]) => [who, entry.ids]))
  })
}

/** The Yjs client id of the page's own edits. */
const clientIdOf = (page: Page) => page.evaluate(() => (window as unknown as { resdraft: { session: { ydoc: { clientID: number } } } }).resdraft.session.ydoc.clientID)

/**
 * Signs the browser's user out through the top bar, from a page of the app, and waits for the sign-in form; with
 * `keeping`, the user is first told that a copy holds changes not sent yet, and keeps it in this browser.
 */
async function signOut(page: Page, keeping?: string): Promise<void> {
  await page.getByTestId('sign-out').click()
  if (keeping) {
    await expect(page.getByTestId('dialog-message')).toContainText(keeping)
    await page.getByTestId('dialog-ok').click()
  }
  await expect(page.locator('form.login')).toBeVisible()
}

/** Amal (APT) opens a fresh APT/ARB proposal in `context`, goes offline at once and types `words`; the page is closed with them unsent. */
async function amalTypesOfflineAndLeaves(context: BrowserContext, id: string, words: string): Promise<number> {
  const page = await context.newPage()
  await openDocument(page, id)
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline({ page, context })
  // nothing sent yet with this page's client id: the server has registered it for nobody
  const client = await clientIdOf(page)
  await caretAfter(page, 'الأمن السيبراني')
  await page.keyboard.type(words)
  await storedInBrowser(page)
  await page.close()
  await context.setOffline(false)
  return client
}

test('one browser shared by two delegations: the offline words of one wait for her, unseen and unsent by the other, and are hers', async ({ browser }) => {
  const shared = await signedInPage(browser, 'amal')
  const salmaElsewhere = await signedInPage(browser, 'salma')
  const title = `APT shared browser ${Date.now()}`
  const id = await freshProposal(shared.page.request, title, ['APT', 'ARB'])
  await agreeToCosponsor(salmaElsewhere.page.request, id)
  await salmaElsewhere.context.close()

  const words = ' كلمات أمل دون اتصال'
  const amalClient = await amalTypesOfflineAndLeaves(shared.context, id, words)

  // Amal signs out, keeping her unsent words in this browser; Salma signs in on the same browser and opens the document
  await signOut(shared.page, title)
  await signIn(shared.page, 'salma')
  await openDocument(shared.page, id)
  await expect(shared.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  // (given time to send them, had her page held them)
  await shared.page.waitForTimeout(1000)
  expect(Object.values(await registeredClients(shared.page)).flat(), "Amal's client id is registered").not.toContain(amalClient)
  expect((await editorText(shared.page)).includes(words.trim()), "Salma's page shows Amal's words").toBe(false)
  // forgetting this browser's copy (the way on after a refused change) forgets Salma's, not Amal's
  const copies = await copiesInBrowser(shared.page)
  expect(copies).toHaveLength(2)
  const salmaCopy = await shared.page.evaluate(() => (window as unknown as { resdraft: { session: { copyName: string } } }).resdraft.session.copyName)
  await shared.page.evaluate(() => (window as unknown as { resdraft: { session: { discardLocalCopy(): Promise<void> } } }).resdraft.session.discardLocalCopy())
  await expect.poll(() => copiesInBrowser(shared.page)).toEqual(copies.filter(c => c !== salmaCopy))

  // Amal signs in again on that browser: her words are sent, attributed to APT
  await signOut(shared.page)
  await signIn(shared.page, 'amal')
  await openDocument(shared.page, id)
  await expect(shared.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  expect(await editorText(shared.page)).toContain(`الأمن السيبراني${words}`)
  await expect.poll(async () => (await registeredClients(shared.page)).APT ?? [], { timeout: 10_000 }).toContain(amalClient)
  expect((await registeredClients(shared.page)).ARB ?? []).not.toContain(amalClient)

  // and the server holds them: a reviewer elsewhere reads them
  const rita = await signedInPage(browser, 'rita')
  await openDocument(rita.page, id)
  await expect.poll(() => editorText(rita.page)).toContain(`الأمن السيبراني${words}`)
  await rita.context.close()
  await shared.context.close()
})

/**
 * Makes the copy `from` what a browser held before copies were kept per user: the un-keyed copy `resdraft:<id>`
 * (y-indexeddb's layout), and removes `from`. Run from a page of the app with no document open.
 */
async function makeUnkeyed(page: Page, from: string, id: string): Promise<void> {
  await page.evaluate(async ([from, to]) => {
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
    const source = await request(indexedDB.open(from!))
    const updates = await request(source.transaction('updates').objectStore('updates').getAll())
    source.close()
    const open = indexedDB.open(to!)
    open.onupgradeneeded = () => { open.result.createObjectStore('updates', { autoIncrement: true }); open.result.createObjectStore('custom') }
    const target = await request(open)
    const tr = target.transaction('updates', 'readwrite')
    for (const u of updates) tr.objectStore('updates').add(u)
    await new Promise(done => { tr.oncomplete = done })
    target.close()
    await request(indexedDB.deleteDatabase(from!))
  }, [from, `resdraft:${id}`])
}

/** Amal types `online` (sent: her page's client id is registered to APT) unless it is empty, then `offline` words offline, and leaves; the copy's name. */
async function amalLeavesWordsInACopy(context: BrowserContext, id: string, online: string, offline: string): Promise<string> {
  const page = await context.newPage()
  await openDocument(page, id)
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await caretAfter(page, 'الأمن السيبراني')
  if (online) {
    await page.keyboard.type(online)
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  }
  await goOffline({ page, context })
  await page.keyboard.type(offline)
  await storedInBrowser(page)
  const name = await page.evaluate(() => (window as unknown as { resdraft: { session: { copyName: string } } }).resdraft.session.copyName)
  await page.close()
  await context.setOffline(false)
  return name
}

test('a copy kept before copies were per user: words of a client id registered to the delegation are sent by its next page; others are kept, offered as text, forgotten on request', async ({ browser }) => {
  const shared = await signedInPage(browser, 'amal')
  const salmaElsewhere = await signedInPage(browser, 'salma')
  const id = await freshProposal(shared.page.request, `APT unkeyed copy ${Date.now()}`, ['APT', 'ARB'])
  await agreeToCosponsor(salmaElsewhere.page.request, id)
  await salmaElsewhere.context.close()

  // Amal's page typed online (its client id registered to APT), then offline: the copy is un-keyed
  const offline = ' ثم دون اتصال'
  await makeUnkeyed(shared.page, await amalLeavesWordsInACopy(shared.context, id, ' على الخط', offline), id)
  // Salma (ARB) opens the document on that browser: nothing of the copy is loaded or sent; the page says so, and saves it as text
  await signOut(shared.page)
  await signIn(shared.page, 'salma')
  await openDocument(shared.page, id)
  const note = shared.page.getByTestId('unkeyed-copy-note')
  await expect(note).toBeVisible()
  expect((await editorText(shared.page)).includes(offline.trim())).toBe(false)
  const [download] = await Promise.all([shared.page.waitForEvent('download'), note.getByTestId('save-unkeyed-copy').click()])
  expect(readFileSync(await download.path(), 'utf8')).toContain(`الأمن السيبراني على الخط${offline}`)
  expect(await copiesInBrowser(shared.page)).toContain(`resdraft:${id}`)
  // Amal (APT) opens it: the words were written by her delegation's client id: sent, and the copy goes
  await signOut(shared.page)
  await signIn(shared.page, 'amal')
  await openDocument(shared.page, id)
  await expect.poll(() => editorText(shared.page)).toContain(`الأمن السيبراني على الخط${offline}`)
  await expect.poll(() => copiesInBrowser(shared.page)).not.toContain(`resdraft:${id}`)
  await expect(shared.page.getByTestId('unkeyed-copy-note')).toBeHidden()

  // Words of a page that sent nothing: whose they are cannot be told, even for Amal; kept until she forgets them
  const unsent = ' لم يُرسل شيء'
  await shared.page.goto('/#/')
  await makeUnkeyed(shared.page, await amalLeavesWordsInACopy(shared.context, id, '', unsent), id)
  await openDocument(shared.page, id)
  await expect(note).toBeVisible()
  expect((await editorText(shared.page)).includes(unsent.trim())).toBe(false)
  await note.getByTestId('forget-unkeyed-copy').click()
  await shared.page.getByTestId('dialog-ok').click()
  await expect(note).toBeHidden()
  await expect.poll(() => copiesInBrowser(shared.page)).not.toContain(`resdraft:${id}`)

  // A copy adding nothing to what the server has is deleted without a word
  await shared.page.goto('/#/')
  const synced = await shared.page.evaluate(() => (window as unknown as { resdraft: { session: { copyName: string } } }).resdraft.session.copyName)
  await makeUnkeyed(shared.page, synced, id)
  await openDocument(shared.page, id)
  await expect.poll(() => copiesInBrowser(shared.page)).not.toContain(`resdraft:${id}`)
  await expect(note).toBeHidden()
  await shared.context.close()
})

test('signing out with the server out of reach says so, and leaves the user signed in (the server alone ends a session)', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  await amal.context.setOffline(true)
  await amal.page.getByTestId('sign-out').click()
  await expect(amal.page.getByTestId('error-notice')).toContainText('تعذّر الوصول إلى الخادم')
  await expect(amal.page.getByTestId('who')).toBeVisible()
  await amal.context.setOffline(false)
  await signOut(amal.page)
  await amal.context.close()
})
