/**
 * Shared steps of the end-to-end tests: signing in through the form, opening
 * a document, putting the caret after a piece of text, creating a fresh
 * proposal, and saving a screenshot under test-results/screens/.
 */
import { readFileSync } from 'node:fs'
import * as encoding from 'lib0/encoding'
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test'

/** Demo accounts (server/auth/demo-users.ts). */
export const USERS = {
  amal: { username: 'amal', password: 'amal-demo', name: 'Amal', delegation: 'APT' },
  salma: { username: 'salma', password: 'salma-demo', name: 'Salma', delegation: 'ARB' },
  rita: { username: 'rita', password: 'rita-demo', name: 'Rita', delegation: 'Reviewer' },
  sec: { username: 'sec', password: 'sec-demo', name: 'Secretariat', delegation: 'Secretariat' }
} as const
/** A demo account name. */
export type DemoUser = keyof typeof USERS

/** Signs in through the sign-in form and waits for the document list. */
export async function signIn(page: Page, who: DemoUser): Promise<void> {
  await page.goto('/#/login')
  await page.locator('input[name=username]').fill(USERS[who].username)
  await page.locator('input[name=password]').fill(USERS[who].password)
  await page.locator('form.login button[type=submit]').click()
  await expect(page.getByTestId('doc-row').first()).toBeVisible()
}

/** A new browser context with one signed-in page. */
export async function signedInPage(browser: Browser, who: DemoUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, who)
  return { context, page }
}

/** Opens a document by id and waits until its text is there. */
export async function openDocument(page: Page, id: string): Promise<void> {
  await page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
}

/** Documents visible to the page's user. */
export async function documents(request: APIRequestContext): Promise<{ id: string; title: string; kind: string; baseVersionId: string | null; baseDocumentId: string | null }[]> {
  const r = await request.get('/api/documents')
  expect(r.ok()).toBeTruthy()
  return r.json()
}

/** The id of the seeded document whose title starts with `prefix`. */
export async function documentId(request: APIRequestContext, prefix: string): Promise<string> {
  const doc = (await documents(request)).find(d => d.title.startsWith(prefix))
  if (!doc) throw new Error(`no document titled "${prefix}…"`)
  return doc.id
}

/**
 * Starts a fresh proposal on the 2012 Resolution 50 (so tests do not disturb
 * each other): the bare base text, or with `start` (`{ action: 'MOD',
 * proposalId }`) a proposal with its cover and MOD line.
 */
export async function freshProposal(request: APIRequestContext, title: string, delegations: string[], start: { action?: string; proposalId?: string } = {}): Promise<string> {
  const seeded = (await documents(request)).find(d => d.title === 'APT proposal on Resolution 50')
  if (!seeded?.baseDocumentId || !seeded.baseVersionId) throw new Error('seeded proposal missing')
  const post = () => request.post(`/api/documents/${seeded.baseDocumentId}/proposal`, { data: { title, baseVersionId: seeded.baseVersionId, delegations, ...start } })
  let r = await post()
  // the suite starts more proposals as one drafter than an account may at once (30, then one in 20 s): on a fast
  // machine the last ones wait, as a drafter would be told to
  if (r.status() === 429 && (await r.json()).code === 'too-many-creations') {
    await new Promise(done => setTimeout(done, 1000 * Math.min(20, Number(r.headers()['retry-after'] ?? 20))))
    r = await post()
  }
  expect(r.status(), await r.text()).toBe(201)
  return (await r.json()).id
}

/** Agrees, as the signed-in drafter of `request`, that their delegation co-sponsors a proposal it was invited to. */
export async function agreeToCosponsor(request: APIRequestContext, id: string): Promise<void> {
  const r = await request.post(`/api/documents/${encodeURIComponent(id)}/cosponsorship`, { data: { agree: true } })
  expect(r.status(), await r.text()).toBe(200)
}

/**
 * Imports a resolution of the test's own (so that its versions and
 * adoptions do not disturb other tests' text in force): the 2012
 * Resolution 50 unless `text` is given, its first version named by its
 * heading unless `version` is given; its id and that version's.
 */
export async function importResolution(request: APIRequestContext, title: string, options: { text?: string; version?: string } = {}): Promise<{ id: string; versionId: string }> {
  const query = `title=${encodeURIComponent(title)}${options.version ? `&version=${encodeURIComponent(options.version)}` : ''}`
  const data = Buffer.from(options.text ?? readFileSync('fixtures/res50-2012-ar.txt', 'utf8'))
  const r = await request.post(`/api/imports/resolution?${query}`, { headers: { 'content-type': 'text/plain; charset=utf-8' }, data })
  expect(r.status(), await r.text()).toBe(201)
  return r.json()
}

/**
 * Puts the caret right after the first occurrence of `text` in the editor
 * (or at `offset` characters into it), through the DOM selection, as a
 * click would.
 */
export async function caretAfter(page: Page, text: string, offset?: number): Promise<void> {
  const at = offset ?? text.length
  await setEditorSelection(page, text, at, at)
}

/** Selects the first occurrence of `text` in the editor. */
export async function selectText(page: Page, text: string): Promise<void> {
  await setEditorSelection(page, text, 0, text.length)
}

/** The little of an EditorView the helpers read in the page. */
interface EditorViewLike { posAtDOM(node: globalThis.Node, offset: number): number; state: { selection: { from: number; to: number } } }

/**
 * Selects from `from` to `to` characters into the first occurrence of
 * `needle` in the editor's text (labels and other uneditable parts left
 * out) through the DOM selection, and waits until the editor has read it:
 * under load its selectionchange handling may come after the first key
 * otherwise, and the keys would land elsewhere. The editor may redraw the
 * text between the two (marks of a remote change or of the amendment view
 * arriving) and keep its own selection, as it would for a user's click at
 * that instant: then the selection is set again, as the user would click
 * again.
 */
async function setEditorSelection(page: Page, needle: string, from: number, to: number): Promise<void> {
  await page.locator('.ProseMirror').focus()
  for (let attempt = 1; ; attempt++) {
    const range = await page.evaluate(([needle, from, to]) => {
      const root = document.querySelector('.ProseMirror')!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if ((n.parentElement?.closest('[contenteditable=false]'))) continue
        const at = n.textContent!.indexOf(needle)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(n, at + from)
        range.setEnd(n, at + to)
        const sel = window.getSelection()!
        sel.removeAllRanges()
        sel.addRange(range)
        const view = (window as unknown as { resdraft: { view: EditorViewLike } }).resdraft.view
        return [view.posAtDOM(n, at + from), view.posAtDOM(n, at + to)] as const
      }
      throw new Error(`text not found in the editor: ${needle}`)
    }, [needle, from, to] as const)
    try {
      await page.waitForFunction(([from, to]) => {
        const { selection } = (window as unknown as { resdraft: { view: EditorViewLike } }).resdraft.view.state
        return selection.from === from && selection.to === to
      }, range, { timeout: 3000 })
      return
    } catch (e) {
      if (attempt === 4) throw e
    }
  }
}

/**
 * Turns the amendment view of a proposal on and waits until its marks are
 * those of the current text (they are made in a worker, then drawn a slice at a time).
 */
export async function showChanges(page: Page): Promise<void> {
  await page.getByTestId('amend-toggle').check()
  await expect(page.locator('.ProseMirror[data-amendment=current]')).toBeAttached({ timeout: 30_000 })
}

/** The editor's text (labels excluded). */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { resdraft: { view: { state: { doc: { textContent: string } } } } }).resdraft.view.state.doc.textContent)
}

/** Saves a screenshot as test-results/screens/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false })
}

/** A Hocuspocus message as the server sends one: the document's name, the message type, then what `body` writes (for tests that speak for the server on a page's socket). */
export function serverMessage(documentName: string, type: number, body: (e: encoding.Encoder) => void): Buffer {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, documentName)
  encoding.writeVarUint(e, type)
  body(e)
  return Buffer.from(encoding.toUint8Array(e))
}

/**
 * Waits until the browser has stored the page's changes made so far (y-indexeddb writes each update in a
 * transaction of its own; a read of the same store begun after them ends after they have).
 */
export async function storedInBrowser(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    // the copy of the signed-in user (client/editor/browser-copy.ts)
    const name = (window as unknown as { resdraft: { session: { copyName: string } } }).resdraft.session.copyName
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const tr = open.result.transaction('updates', 'readonly')
      tr.oncomplete = () => { open.result.close(); resolve() }
      tr.onerror = () => reject(tr.error)
      tr.objectStore('updates').count()
    }
  }))
}

/** Takes a signed-in browser off the network and waits until the page says it is offline. */
export async function goOffline({ page, context }: { page: Page; context: BrowserContext }): Promise<void> {
  await context.setOffline(true)
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'offline')
}

/** Puts a signed-in browser back on the network and waits until its page is online again (the reconnection takes up to the provider's backoff). */
export async function backOnline({ page, context }: { page: Page; context: BrowserContext }): Promise<void> {
  await context.setOffline(false)
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online', { timeout: 20_000 })
}
