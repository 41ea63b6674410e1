/**
 * The bar above the page takes a second row when its tools and the people
 * present do not fit (the secretariat with two delegates at 1400 px; anyone
 * in a narrow window). The toolbar sticks under it as the page scrolls: it
 * stuck 45 px down, under a one-row bar, and covered the second row. Each
 * participant's chip names them in their own script's direction, whole in
 * its tooltip.
 */
import { expect, test, type Page } from '@playwright/test'
import { agreeToCosponsor, freshProposal, openDocument, shot, signedInPage } from './helpers.js'

/** Scrolls the page well down and checks that the sticky toolbar starts where the top bar ends. */
async function toolbarUnderTheBar(page: Page): Promise<void> {
  await page.mouse.move(300, 500)
  await page.mouse.wheel(0, 1500)
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500)
  const bar = (await page.locator('.topbar').boundingBox())!
  await expect.poll(async () => (await page.locator('.toolbar').boundingBox())!.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1)
}

test('the toolbar sticks under the top bar when the bar takes two rows', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const amal = await signedInPage(browser, 'amal')
  const salma = await signedInPage(browser, 'salma')
  const id = await freshProposal(amal.page.request, `Top bar test ${Date.now()}`, ['APT', 'ARB'])
  await agreeToCosponsor(salma.page.request, id)   // ARB, invited, co-sponsors and so writes it
  await openDocument(amal.page, id)
  await openDocument(salma.page, id)
  await openDocument(sec.page, id)
  const presence = sec.page.getByTestId('presence')
  await expect(presence.locator('.participant')).toHaveCount(3)
  await expect(presence.locator('.participant[data-delegation=ARB]')).toHaveAttribute('title', 'Salma (ARB)')
  await expect(presence).toContainText('Salma (ARB)')

  // 1400 px: the secretariat's tools and three people take two rows
  expect((await sec.page.locator('.topbar').boundingBox())!.height).toBeGreaterThan(50)
  await toolbarUnderTheBar(sec.page)
  await shot(sec.page, 'topbar-two-rows-scrolled')

  // a narrow window: more rows still
  await sec.page.setViewportSize({ width: 760, height: 900 })
  await expect.poll(async () => (await sec.page.locator('.topbar').boundingBox())!.height).toBeGreaterThan(90)
  await toolbarUnderTheBar(sec.page)
  await shot(sec.page, 'topbar-narrow-scrolled')
  for (const p of [sec, amal, salma]) await p.context.close()
})
