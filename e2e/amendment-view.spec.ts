/**
 * The amendment view as a user sees it: the MOD/ADD/SUP badges in the margin
 * are painted (not clipped by the sections' `content-visibility`), turning
 * the view on keeps the text under the reader's eyes where it was, and a
 * struck (suppressed) provision takes no typing.
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, documentId, freshProposal, openDocument, selectText, shot, signedInPage, showChanges } from './helpers.js'

/** How many pixels of a colour close to `rgb` a screenshot of `clip` holds. */
async function pixelsLike(page: Page, clip: { x: number; y: number; width: number; height: number }, rgb: [number, number, number]): Promise<number> {
  const png = await page.screenshot({ clip })
  return page.evaluate(async ([b64, [r, g, b]]) => {
    const img = new Image()
    img.src = `data:image/png;base64,${b64}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width; canvas.height = img.height
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const data = ctx.getImageData(0, 0, img.width, img.height).data
    let n = 0
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r) < 30 && Math.abs(data[i + 1]! - g) < 30 && Math.abs(data[i + 2]! - b) < 30) n++
    return n
  }, [png.toString('base64'), rgb] as const)
}

test('the margin badges of the amendment view are painted', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT badges test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  await showChanges(page)
  await selectText(page, 'غوادالاخارا')
  await page.keyboard.type('بوسان')
  const mod = page.locator('.ProseMirror .provision.amend-modified[data-action=MOD]').first()
  await expect(mod).toBeVisible()
  await mod.scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  const box = (await mod.boundingBox())!
  // Arabic: the margin is on the right; the badge stands 44 px beyond the provision's start edge. Its blue is #0b4fa8.
  const blue = await pixelsLike(page, { x: box.x + box.width, y: box.y, width: 50, height: 24 }, [0x0b, 0x4f, 0xa8])
  await shot(page, 'amendment-badges')
  expect(blue).toBeGreaterThan(40)
  await amal.context.close()
})

test('turning the amendment view on keeps the provision being read where it was', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  // Read somewhere in the operative part: a provision put at the top of the window, under the tools.
  const targetId = await page.locator('.ProseMirror section.operative').nth(1).locator('.provision').nth(1).getAttribute('data-id')
  // By id, and not a struck copy the amendment view may draw (those are widgets in the same sections).
  const target = page.locator(`.ProseMirror .provision[data-id="${targetId}"]:not(.amend-suppressed)`)
  for (let i = 0; i < 3; i++) { // sections near the window are laid out as they come into view: settle
    // Just under the tools: the first provision the reader sees.
    await target.evaluate(e => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -(document.querySelector('.toolbar')!.getBoundingClientRect().bottom + 12)) })
    await page.waitForTimeout(200)
  }
  const before = (await target.boundingBox())!.y
  await showChanges(page)
  await expect(page.locator('.ProseMirror .amend-unit').first()).toBeAttached()
  await page.waitForTimeout(500)
  const after = (await target.boundingBox())!.y
  expect(Math.abs(after - before)).toBeLessThan(24)
  // And off again.
  await page.getByTestId('amend-toggle').uncheck()
  await expect(page.locator('.ProseMirror .amend-unit')).toHaveCount(0)
  await page.waitForTimeout(500)
  expect(Math.abs((await target.boundingBox())!.y - before)).toBeLessThan(24)
  await amal.context.close()
})

test('right after typing, one click on "Show changes" turns the view on: the top bar does not move under the pointer', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await openDocument(page, await freshProposal(page.request, `Toggle after typing ${Date.now()}`, ['APT']))
  await page.locator('.ProseMirror .provision p').nth(2).click()
  await page.keyboard.type(' كلمة')
  const chips = page.getByTestId('presence').locator('.participant')
  await expect(chips).toHaveCount(1)
  const toggle = page.getByTestId('amend-toggle')
  await toggle.click()
  await expect(toggle).toBeChecked()
  await amal.context.close()
})

test('the list of changes quotes a provision added as it reads once typed, not its first letter', async ({ browser }) => {
  // Typing in a provision just added takes the fast path, which left the list's quote as the comparison had
  // found it: '2.1 ب' for a sub-provision reading 'بند فرعي أول', however long one waited.
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT added quote ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/1' })
  await openDocument(page, id)
  await showChanges(page)
  await caretAfter(page, 'أن يواصل قطاع تقييس الاتصالات،')
  await page.keyboard.press('Alt+Shift+Enter')
  await page.keyboard.type('بند فرعي أول', { delay: 20 })
  await expect(page.getByTestId('change').filter({ hasText: '2.1' })).toContainText('بند فرعي أول', { timeout: 8000 })
  await amal.context.close()
})

test('turning the amendment view on announces no list of every change', async ({ browser }) => {
  // A screen-reader user switching the view on over the seeded APT proposal heard 'تغيير: MOD معدّلة; MOD أ ) معدّلة;
  // SUP ب) محذوفة (+71)', every change, where the summary beside the page tells what there is (changes made later
  // are announced: cycle.spec.ts).
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  // on a slow machine the comparison is drawn over several states, the announcement's timer falling between them
  const cdp = await amal.context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 })
  await showChanges(page)
  await expect(page.getByTestId('amend-summary')).toContainText('MOD 24')
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await page.waitForTimeout(1000) // the panels and the announcement follow 250 ms after a change
  await expect(page.getByTestId('announcer')).toHaveText('')
  await amal.context.close()
})

test('a change to a section is announced with its heading, as the list of changes quotes it', async ({ browser }) => {
  // a screen reader heard 'تغيير: MOD معدّلة' for a section whose heading changed: which one, it did not say (UX audit)
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `Announce a section ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/1' })
  await openDocument(page, id)
  await showChanges(page)
  await page.waitForTimeout(1000) // what stands when the view is switched on is the summary's to tell, not announced
  await caretAfter(page, 'القرار 130')
  await page.getByTestId('change-heading').click()
  await page.getByTestId('dialog-select').selectOption('noting')
  await page.getByTestId('dialog-ok').click()
  await expect(page.getByTestId('announcer')).toHaveText(/^تغيير: MOD إذ تلاحظ معدّلة/)
  await amal.context.close()
})

test('several changes at once are announced apart with the Arabic semicolon on an Arabic page', async ({ browser }) => {
  // a new provision adds one unit and renumbers those after it: one announcement of several lines, which an
  // Arabic screen reader read with a Latin ";" between them (UX audit)
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `Announce several ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/1' })
  await openDocument(page, id)
  await showChanges(page)
  await page.waitForTimeout(1000) // what stands when the view is switched on is the summary's to tell, not announced
  await caretAfter(page, 'القرار 130')
  await page.keyboard.press('End')
  await page.keyboard.press('Alt+Enter')
  await page.keyboard.type('بند جديد')
  await expect(page.getByTestId('announcer')).toHaveText(/^تغيير: .+؛ .+/)
  expect(await page.getByTestId('announcer').textContent()).not.toContain(';')
  await amal.context.close()
})
