/**
 * The panels beside the page (history, comments) stay inside their column
 * whatever they list. A version named at length ("Draft after the APT-6
 * meeting, Busan, with the comments of the correspondence group") made the
 * history's "Compare with…" list as wide as that name: the panels grew past
 * the 320 px column, and in the Arabic interface the history's names and the
 * comments box were cut off at the window's side (seen in the UX audit).
 */
import { expect, test, type Page } from '@playwright/test'
import { freshProposal, openDocument, shot, signedInPage } from './helpers.js'

const LONG_NAME = 'Draft after the APT-6 meeting, Busan, with the comments of the correspondence group on cybersecurity'

/** How far each panel of the side column reaches past the column's edges (0 when inside), and what the column would scroll. */
function overflow(page: Page): Promise<{ panels: number[]; scroll: number }> {
  return page.evaluate(() => {
    const side = document.querySelector('.side')!
    const box = side.getBoundingClientRect()
    const panels = [...side.querySelectorAll<HTMLElement>(':scope > .panel:not([hidden])')].map(p => {
      const r = p.getBoundingClientRect()
      return Math.max(0, Math.round(box.left - r.left), Math.round(r.right - box.right))
    })
    return { panels, scroll: side.scrollWidth - side.clientWidth }
  })
}

test('a long version name keeps the history and comments panels inside the side column, in Arabic, at 1280 and 800 px', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const id = await freshProposal(sec.page.request, `Side panels ${Date.now()}`, ['APT'])
  for (const name of ['مشروع أول', LONG_NAME]) expect((await sec.page.request.post(`/api/documents/${id}/versions`, { data: { name } })).status()).toBe(201)
  await sec.context.close()

  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await openDocument(page, id)
  await page.getByTestId('history-toggle').click()
  const panel = page.getByTestId('history-panel')
  await expect(panel.getByTestId('history-item')).toHaveCount(2)
  await expect(panel.locator(`[data-testid=history-item][data-name="${LONG_NAME}"] .name`)).toBeVisible()
  expect(await overflow(page)).toEqual({ panels: [0, 0], scroll: 0 })
  await shot(page, 'side-panels-history-1280')

  await page.setViewportSize({ width: 800, height: 800 })
  await expect.poll(async () => (await page.locator('.side').boundingBox())?.width).toBeLessThan(300)
  expect(await overflow(page)).toEqual({ panels: [0, 0], scroll: 0 })
  await shot(page, 'side-panels-history-800')
  await amal.context.close()
})
