/**
 * A change the server refuses (one that would break the document or pass
 * its size limit: the server's side is tested in server/hostile/): the page
 * says why, stops sending (the refused change would be refused again on
 * every reconnection), offers to save the page's own copy (the refused
 * change in it) as text, and to discard it and reload the saved document. The refusal is the server's message, injected into the page's
 * socket here, since this page cannot make a change the server refuses.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type WebSocketRoute } from '@playwright/test'
import * as encoding from 'lib0/encoding'
import { caretAfter, editorText, freshProposal, openDocument, serverMessage, shot, signedInPage } from './helpers.js'

/** A Hocuspocus stateless message (type 5) for `documentName`. */
const statelessMessage = (documentName: string, payload: string) => serverMessage(documentName, 5, e => encoding.writeVarString(e, payload))

test('a refused change: the page says why, stops sending, and discards it on request', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await freshProposal(amal.page.request, `APT refusal test ${Date.now()}`, ['APT'])
  // Amal's socket goes through a relay we control: it can hold her messages back, and speak for the server.
  let connections = 0
  let forward = true
  let toPage: WebSocketRoute | null = null
  await amal.page.routeWebSocket(/\/collab/, ws => {
    connections++
    const server = ws.connectToServer()
    ws.onMessage(m => { if (forward) server.send(m) })
    server.onMessage(m => ws.send(m))
    toPage = ws
  })
  await openDocument(amal.page, id)
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')

  // A change the server never receives, which it then refuses.
  forward = false
  await caretAfter(amal.page, 'الأمن السيبراني')
  const words = ' تعديل مرفوض'
  await amal.page.keyboard.type(words)
  const reason = 'invalid update: the document would exceed its size limit'
  toPage!.send(statelessMessage(id, JSON.stringify({ type: 'refused', code: 4413, reason })))

  const notice = amal.page.getByTestId('refused')
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(reason)
  // what kind of refusal it is, in the interface's language (Amal's is Arabic); the server's English detail follows
  await expect(notice).toContainText('يتجاوز الحد الأقصى لحجم الوثيقة')
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'offline')
  await shot(amal.page, 'refused-notice')
  // It stops: no reconnection, even when the browser comes back online.
  const before = connections
  await amal.page.evaluate(() => window.dispatchEvent(new Event('online')))
  await amal.page.waitForTimeout(2500)
  expect(connections).toBe(before)

  // Nothing is lost: the page's own copy, refused words and all, is saved as text (which the importer reads back).
  const [download] = await Promise.all([amal.page.waitForEvent('download'), notice.getByTestId('save-local-copy').click()])
  expect(download.suggestedFilename()).toMatch(/\.txt$/)
  const saved = readFileSync(await download.path(), 'utf8')
  expect(saved).toContain(words.trim())
  expect(saved).toContain('الأمن السيبراني')
  await expect(notice).toBeVisible()   // still there: saving is not the way on

  // Discard and reload: the saved document, without the refused words, connected again.
  forward = true
  await notice.getByTestId('discard-and-reload').click()
  await expect(amal.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  expect(await editorText(amal.page)).not.toContain(words.trim())
  await expect(amal.page.getByTestId('refused')).toHaveCount(0)
  await amal.context.close()
})
