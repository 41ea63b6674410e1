/**
 * The list of keyboard shortcuts in the Arabic interface: every action said
 * in Arabic (it said «فقرة / split» and "(find)"), and every key combination
 * set left to right, as it is pressed (in the right-to-left list "Alt-↑ /
 * Alt-↓" read "Alt / ↑-Alt-↓" and "? / Ctrl-/" read "/-Ctrl / ?").
 */
import { expect, test } from '@playwright/test'
import { documentId, openDocument, signedInPage } from './helpers.js'

test('in the Arabic interface the shortcuts say what they do in Arabic, their keys left to right', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  if (await page.locator('html').getAttribute('dir') !== 'rtl') await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  await page.getByTestId('shortcuts-open').click()
  const dialog = page.getByTestId('shortcuts-dialog')
  await expect(dialog).toBeVisible()
  const actions = await dialog.locator('dd').allTextContents()
  expect(actions.length).toBeGreaterThan(15)
  expect(actions.filter(a => /[A-Za-z]/.test(a))).toEqual([])
  const keys = await dialog.locator('dt kbd').evaluateAll(ks => ks.map(k => ({ text: k.textContent, dir: getComputedStyle(k).direction })))
  expect(keys.filter(k => k.dir !== 'ltr')).toEqual([])
  expect(keys.map(k => k.text)).toContain('Alt-↑ / Alt-↓')
  // Every key the toolbar's buttons name in their tooltips is in the list (Ctrl-Alt-R, the cross-reference, was not).
  const listed = keys.map(k => k.text ?? '').join(' / ').split(' / ')
  const tools = await page.locator('.toolbar button.tool[title]').evaluateAll(bs => bs.map(b => /\(([^()]+)\)$/.exec(b.getAttribute('title') ?? '')?.[1] ?? ''))
  expect(tools.filter(k => k && !listed.includes(k))).toEqual([])
  await amal.context.close()
})
