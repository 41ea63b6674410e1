/**
 * Opening a proposal leaves the browser console clean: no warning from the
 * editor's first render (y-prosemirror kept the placeholder document's caret
 * position, which in a proposal falls inside the cover, where no text goes).
 */
import { expect, test } from '@playwright/test'
import { documentId, openDocument, signedInPage } from './helpers.js'

test('opening a proposal logs no warning or error', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  const messages: string[] = []
  page.on('console', m => { if (m.type() === 'warning' || m.type() === 'error') messages.push(`${m.type()}: ${m.text()}`) })
  page.on('pageerror', e => messages.push(`pageerror: ${e.message}`))
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  await page.waitForTimeout(500)
  expect(messages).toEqual([])
  await context.close()
})
