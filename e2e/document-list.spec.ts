/**
 * The document list as a drafter sees it: each row's actions sit in the
 * row, in a table cell whose edges are the row's (a cell laid out as a flex
 * box leaves the table, and its borders stop lining up with the row's).
 */
import { expect, test } from '@playwright/test'
import { freshProposal, openDocument, shot, signedInPage, signIn } from './helpers.js'

test('the actions of each document row stay inside the row', async ({ page }) => {
  await signIn(page, 'amal')
  const rows = page.getByTestId('doc-row')
  await expect(rows.first()).toBeVisible()
  const boxes = await rows.evaluateAll(trs => trs.map(tr => {
    const row = tr.getBoundingClientRect()
    const cell = tr.querySelector('td.row-actions')!.getBoundingClientRect()
    return { rowTop: row.top, rowBottom: row.bottom, cellTop: cell.top, cellBottom: cell.bottom, display: getComputedStyle(tr.querySelector('td.row-actions')!).display }
  }))
  expect(boxes.length).toBeGreaterThan(1)
  for (const b of boxes) {
    expect(b.display).toBe('table-cell')
    expect(Math.abs(b.cellTop - b.rowTop)).toBeLessThan(1)
    expect(Math.abs(b.cellBottom - b.rowBottom)).toBeLessThan(1)
  }
  await shot(page, 'document-list')
})

test('an assembly\'s list stays dense: the last change and the resolution a text is on take two lines at most, in either interface', async ({ browser }) => {
  // the Secretariat's list of hundreds: 'date, time by Secretariat (Secretariat)' wrapped to four lines, and the resolution's
  // title to three, so that 42 documents made a page of 4,000 px (seen in the UX audit)
  const { page, context } = await signedInPage(browser, 'sec')
  await page.setViewportSize({ width: 1280, height: 900 })
  for (const lang of ['en', 'ar']) {
    if (lang === 'ar') { await page.getByTestId('ui-lang').click(); await expect(page.locator('html')).toHaveAttribute('lang', 'ar') }
    const rows = page.getByTestId('doc-row')
    await expect(rows.first()).toBeVisible()
    const cells = await rows.evaluateAll(trs => trs.map(tr => {
      // a cell's lines: what its contents take up; a clamped box's: what it shows
      const lines = (el: Element) => {
        const range = document.createRange()
        range.selectNodeContents(el)
        const height = el.tagName === 'TD' ? range.getBoundingClientRect().height : el.getBoundingClientRect().height
        return height / parseFloat(getComputedStyle(el).lineHeight)
      }
      const [, , , base, lastChange] = [...tr.querySelectorAll(':scope > td')]
      // (the resolution's title; a mark of an older base, after an adoption, takes a line of its own below it)
      return { title: tr.querySelector('a')!.textContent, base: lines(base!.querySelector('.list-base') ?? base!), lastChange: lines(lastChange!) }
    }))
    await shot(page, `document-list-dense-${lang}`)
    expect(cells.length).toBeGreaterThan(2)
    for (const c of cells) {
      expect(c.lastChange, `${lang}: last change of ${c.title}`).toBeLessThanOrEqual(2.2)
      expect(c.base, `${lang}: resolution of ${c.title}`).toBeLessThanOrEqual(2.2)
    }
  }
  await context.close()
})

test('the filter narrows the list by every word typed: title, resolution, delegation', async ({ page }) => {
  await signIn(page, 'sec')
  const rows = page.getByTestId('doc-row')
  const all = await rows.count()
  expect(all).toBeGreaterThan(2)
  const filter = page.getByTestId('doc-filter')
  // the seeded APT proposal is on Resolution 50: "apt 50" finds it (title), and the resolution itself does not have "apt"
  await filter.fill('apt 50')
  const visible = page.locator('[data-testid=doc-row]:not([hidden])')
  await expect(visible.filter({ hasText: 'APT proposal on Resolution 50' })).toHaveCount(1)
  await expect(visible.filter({ hasText: /^Resolution 1 / })).toHaveCount(0)
  await expect(page.getByTestId('doc-count')).toContainText(`of ${all}`)
  await filter.fill('cybersecurity')   // the resolution's title, and the proposal's base
  await expect(visible.filter({ hasText: 'APT proposal on Resolution 50' })).toHaveCount(1)
  await filter.fill('no such thing at all')
  await expect(visible).toHaveCount(0)
  await expect(page.getByTestId('doc-count')).toHaveText('No document matches.')
  await filter.fill('')
  await expect(visible).toHaveCount(all)
})

test('a co-sponsor a drafter names is invited: its drafter reads the proposal, agrees from the list, and then writes it', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const title = `APT and ARB ${Date.now()}`
  const id = await freshProposal(amal.page.request, title, ['APT', 'ARB'])
  const salma = await signedInPage(browser, 'salma')
  const row = salma.page.locator(`[data-testid=doc-row][data-id="${id}"]`)
  await expect(row.getByTestId('invitation')).toContainText('ARB')
  // before agreeing, ARB reads the proposal and may not change it
  await openDocument(salma.page, id)
  await expect(salma.page.getByTestId('read-only')).toBeVisible()
  await salma.page.goto('/#/')
  await shot(salma.page, 'document-list-invitation')
  await row.getByTestId('agree-cosponsor').click()
  await expect(row.getByTestId('invitation')).toHaveCount(0)
  await openDocument(salma.page, id)
  await expect(salma.page.getByTestId('read-only')).toHaveCount(0)
  // the proposing delegation no longer sees an open invitation either
  await amal.page.reload()
  await expect(amal.page.locator(`[data-testid=doc-row][data-id="${id}"]`).getByTestId('invitation')).toHaveCount(0)
  for (const p of [amal, salma]) await p.context.close()
})

test('the proposing delegation invites co-sponsors from the list after starting, and withdraws an invitation', async ({ page }) => {
  await signIn(page, 'amal')
  const id = await freshProposal(page.request, `APT alone ${Date.now()}`, ['APT'])
  await page.reload()
  const row = page.locator(`[data-testid=doc-row][data-id="${id}"]`)
  await row.getByTestId('row-cosponsors').click()
  const sheet = page.getByTestId('cosponsors-sheet')
  await expect(sheet.getByTestId('cosponsors-writing')).toContainText('APT')
  await sheet.locator('input[name=invite]').fill('ARB، CEPT')
  await sheet.getByTestId('cosponsors-invite').click()
  await expect(sheet.getByTestId('cosponsors-invited').locator('li')).toHaveCount(2)
  await shot(page, 'cosponsors-sheet')
  await sheet.getByTestId('cosponsors-invited').locator('li', { hasText: 'CEPT' }).getByTestId('cosponsors-withdraw').click()
  await expect(sheet.getByTestId('cosponsors-invited').locator('li')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(row.getByTestId('invitation')).toContainText('ARB')
  await expect(row.getByTestId('invitation')).not.toContainText('CEPT')
})

test('a co-sponsor does not invite on the proposing delegation\'s behalf: no co-sponsors button for ARB on the APT proposal it co-sponsors', async ({ page }) => {
  await signIn(page, 'salma')
  const seeded = page.locator('[data-testid=doc-row]', { hasText: 'APT proposal on Resolution 50' })
  await expect(seeded).toHaveCount(1)
  await expect(seeded.getByTestId('row-cosponsors')).toHaveCount(0)
})

test('an invited drafter with the proposal open sees it become writable when her delegation agrees, without reloading by hand', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await freshProposal(amal.page.request, `APT invites ARB ${Date.now()}`, ['APT', 'ARB'])
  const salma = await signedInPage(browser, 'salma')
  await openDocument(salma.page, id)
  await expect(salma.page.getByTestId('read-only')).toBeVisible()
  // another drafter of ARB (here: the same one, from the list in another tab) agrees
  const r = await salma.page.request.post(`/api/documents/${id}/cosponsorship`, { data: { agree: true } })
  expect(r.status()).toBe(200)
  await expect(salma.page.getByTestId('read-only')).toHaveCount(0, { timeout: 10_000 })
  await expect(salma.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  for (const p of [amal, salma]) await p.context.close()
})

test('a list the server answers as busy for a moment (503, Retry-After) is asked for again by itself and shown; one busy for longer says so', async ({ page }) => {
  let busyLeft = 2
  let asked = 0
  await page.route('**/api/documents', async route => {
    if (route.request().method() !== 'GET') return route.fallback()
    asked++
    if (busyLeft-- > 0) return route.fulfill({ status: 503, headers: { 'retry-after': '1' }, contentType: 'application/json', body: JSON.stringify({ error: 'the server cannot reach its database for now; try again in a moment', code: 'busy' }) })
    return route.fallback()
  })
  await signIn(page, 'amal')
  await expect(page.getByTestId('doc-row').first()).toBeVisible({ timeout: 10_000 })
  expect(asked).toBe(3)
  await expect(page.locator('table.documents td.error')).toHaveCount(0)
  // busy every time: after a few tries, the error (not a page waiting for ever)
  await page.unroute('**/api/documents')
  asked = 0
  await page.route('**/api/documents', route => route.request().method() === 'GET'
    ? (asked++, route.fulfill({ status: 503, headers: { 'retry-after': '1' }, contentType: 'application/json', body: JSON.stringify({ error: 'busy', code: 'busy' }) }))
    : route.fallback())
  await page.reload()
  await expect(page.locator('table.documents td.error')).toBeVisible({ timeout: 15_000 })
  expect(asked).toBeGreaterThan(1)
  expect(asked).toBeLessThanOrEqual(4)
})
