/**
 * The compare view as a user sees it: its tools fit on one line in a 1400 px
 * window (the default viewport of these tests), whatever the titles of the
 * documents chosen, in English and in Arabic; a proposal's cover compared
 * with the text in force stands on the new side only, unmarked.
 */
import { expect, test, type Page } from '@playwright/test'
import { documentId, importResolution, signedInPage } from './helpers.js'

/** The seeded APT proposal on Resolution 50 and the version in force it was drafted on (the pair most tests here compare). */
async function aptProposal(page: Page): Promise<{ proposal: string; baseVersionId: string }> {
  const proposal = await documentId(page.request, 'APT proposal on Resolution 50')
  const { baseVersionId } = await (await page.request.get(`/api/documents/${proposal}`)).json() as { baseVersionId: string }
  return { proposal, baseVersionId }
}

const rows = (page: Page) => page.locator('.compare-tools > *').evaluateAll(els => { const boxes = els.map(e => e.getBoundingClientRect()).filter(b => b.height > 0); const lines: number[] = []; for (const b of boxes) { const mid = (b.top + b.bottom) / 2; if (!lines.some(l => Math.abs(l - mid) < 12)) lines.push(mid) } return lines.length })

test('the compare toolbar does not wrap at 1400 px', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  expect(page.viewportSize()!.width).toBe(1400)
  const proposal = await documentId(page.request, 'APT proposal on Resolution 50')
  const versions = await (await page.request.get(`/api/documents/${proposal}`)).json() as { baseVersionId: string }
  await page.goto(`/#/compare?old=v:${versions.baseVersionId}&new=d:${proposal}`)
  await expect(page.getByTestId('summary')).toContainText('MOD')
  await page.screenshot({ path: 'test-results/screens/compare-toolbar-en.png' })
  // The proposal's cover is on the new side only, shown as it stands (not underlined as inserted text).
  const cover = page.locator('.sbs-row').filter({ has: page.locator('.side-new header.cover') })
  await expect(cover).toHaveCount(1)
  await expect(cover.locator('.side-old')).toHaveText('')
  await expect(cover.locator('.side-new ins')).toHaveCount(0)
  expect(await rows(page)).toBe(1)
  // The other interface language (Amal's is Arabic; the switch gives English).
  const dir = await page.evaluate(() => document.documentElement.dir)
  await page.locator('.lang-switch').first().click()
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).not.toBe(dir)
  await expect(page.getByTestId('summary')).toContainText('MOD')
  await page.screenshot({ path: 'test-results/screens/compare-toolbar-other.png' })
  expect(await rows(page)).toBe(1)
  await amal.context.close()
})

test('in the inline comparison the link of a moved provision is not struck with the text it stands beside', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const { proposal, baseVersionId } = await aptProposal(page)
  await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}&view=inline`)
  const links = page.locator('.inline-compare [data-testid=move-link]')
  await expect(links.first()).toBeVisible()
  // CSS draws an ancestor's line-through across its inline descendants (it cannot be taken off them), up to an atomic box
  const struck = await links.evaluateAll(els => els.filter(link => {
    for (let e: Element | null = link; e; e = e.parentElement) {
      const style = getComputedStyle(e)
      if (style.textDecorationLine.includes('line-through')) return true
      if (style.display.startsWith('inline-') || style.float !== 'none' || style.position === 'absolute' || style.position === 'fixed') return false
    }
    return false
  }).map(l => l.textContent))
  const deletedAt = page.locator('.inline-compare .rev-moved-from [data-testid=move-link]').first()
  await deletedAt.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screens/compare-inline-move-link.png' })
  expect(struck).toEqual([])
  // and each link stays one short line after the text (not wrapped word by word over the next lines)
  expect(await links.evaluateAll(els => els.filter(e => e.getBoundingClientRect().height > 24).length)).toBe(0)
  await amal.context.close()
})

test('a move link\'s arrow points the way the interface reads: forward for "moved to", back for "moved from" (leftward forward in Arabic)', async ({ browser }) => {
  // the arrows were the English ones in the Arabic interface too: '→ نُقلت إلى' pointed back to where the line starts (seen in the UX audit)
  for (const [user, forward, back] of [['amal', '←', '→'], ['rita', '→', '←']] as const) {
    const { page, context } = await signedInPage(browser, user)
    const { proposal, baseVersionId } = await aptProposal(page)
    await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}&view=inline`)
    const movedAway = page.locator('.inline-compare .rev-moved-from [data-testid=move-link]')
    const movedHere = page.locator('.inline-compare .rev-moved-to [data-testid=move-link]')
    await expect(movedAway.first()).toBeVisible()
    for (const text of await movedAway.allTextContents()) expect(text.startsWith(forward), `${user}: ${text}`).toBe(true)
    for (const text of await movedHere.allTextContents()) expect(text.startsWith(back), `${user}: ${text}`).toBe(true)
    // the label reads in the interface's direction whatever the document's
    expect(await movedAway.first().getAttribute('dir')).toBe(user === 'amal' ? 'rtl' : 'ltr')
    await context.close()
  }
})

test('at 800 px the compare toolbar wraps rather than cutting the two texts’ names to a word', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await page.setViewportSize({ width: 800, height: 800 })
  const { proposal, baseVersionId } = await aptProposal(page)
  await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}`)
  await expect(page.getByTestId('summary')).toContainText('MOD')
  await page.screenshot({ path: 'test-results/screens/compare-toolbar-800.png' })
  // each list shows enough of its choice to tell the texts apart ("Resolution 50 – Cybersecurity …", not "Resolu")
  for (const side of ['compare-old', 'compare-new']) expect((await page.getByTestId(side).boundingBox())!.width).toBeGreaterThanOrEqual(220)
  // and every tool is still in the window
  const outside = await page.locator('.compare-tools > *').evaluateAll(els => els.filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && (b.left < 0 || b.right > window.innerWidth) }).length)
  expect(outside).toBe(0)
  await amal.context.close()
})

test('scrolled down a side-by-side comparison, the Old and New headings stay in sight below the tools', async ({ browser }) => {
  // they scrolled away with the first row: halfway down Resolution 50 nothing said which column was the old text,
  // and in an Arabic text the old one is on the right
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const { proposal, baseVersionId } = await aptProposal(page)
  // at 800 px the tools take more than one row
  for (const width of [1400, 800]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}`)
    await expect(page.getByTestId('summary')).toContainText('MOD')
    await page.locator('.sbs-row').nth(40).scrollIntoViewIfNeeded()
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(1000)
    await page.screenshot({ path: `test-results/screens/compare-scrolled-${width}.png` })
    // what the user sees at the middle of each heading is that heading, not the tools over it
    const seen = await page.locator('.sbs-head > div').evaluateAll(cells => cells.map(cell => {
      const box = cell.getBoundingClientRect()
      const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return box.top >= 0 && !!at && cell.contains(at) ? cell.textContent : null
    }))
    expect(seen, `${width} px`).toEqual(['القديم', 'الجديد'])
  }
  await amal.context.close()
})

test('two texts that say the same: the page says there is no change, rather than leaving the reader to look for one', async ({ browser }) => {
  // the whole resolution was shown unmarked under "MOD: 0 … NOC: 58" and "Next change" did nothing: a reviewer
  // comparing a version with the current text could not tell whether the marks were still coming or missing
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  const { id, versionId } = await importResolution(page.request, `Unchanged ${Date.now()}`)
  await page.goto(`/#/compare?old=v:${versionId}&new=d:${id}`)
  await expect(page.getByTestId('summary-NOC')).toBeVisible()
  await expect(page.getByTestId('compare-no-changes')).toHaveText('No changes: the two texts say the same.')
  // with renumbering hidden, it says what may be hidden
  await page.getByTestId('hide-renumbering').check()
  await expect(page.getByTestId('compare-no-changes')).toContainText('at most in their numbering')
  await page.getByTestId('hide-renumbering').uncheck()
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await expect(page.getByTestId('compare-no-changes')).toHaveText('لا تغييرات: النصان متطابقان.')
  await page.screenshot({ path: 'test-results/screens/compare-no-changes-ar.png' })
  // texts that differ: no such line
  const { proposal, baseVersionId } = await aptProposal(page)
  await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}`)
  await expect(page.getByTestId('summary')).toContainText('MOD')
  await expect(page.getByTestId('compare-no-changes')).toHaveCount(0)
  await sec.context.close()
})

test('"Previous change" pressed first goes to the last change, "Next change" to the first', async ({ browser }) => {
  // the first "Previous change" went to the one before the last: the last change of the text was skipped
  const rita = await signedInPage(browser, 'rita')
  const page = rita.page
  const { proposal, baseVersionId } = await aptProposal(page)
  for (const view of ['sbs', 'inline']) {
    await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}${view === 'inline' ? '&view=inline' : ''}`)
    await expect(page.getByTestId('summary')).toContainText('MOD')
    const changes = page.locator('.compare-result [data-change]')
    await page.getByTestId('prev-change').click()
    await expect(changes.last(), view).toHaveClass(/current-change/)
    await page.getByTestId('next-change').click()
    await expect(changes.first(), view).toHaveClass(/current-change/)
  }
  await rita.context.close()
})

test('after following a move link, one change is outlined, and "Next change" goes on from there', async ({ browser }) => {
  // the link outlined its target beside the change stepped to before (two outlined), and "Next change" went back
  // to the change after the earlier one
  const rita = await signedInPage(browser, 'rita')
  const page = rita.page
  const { proposal, baseVersionId } = await aptProposal(page)
  for (const view of ['sbs', 'inline']) {
    await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}${view === 'inline' ? '&view=inline' : ''}`)
    await expect(page.getByTestId('summary')).toContainText('MOD')
    const changes = page.locator('.compare-result [data-change]')
    await page.getByTestId('next-change').click()
    await expect(changes.first()).toHaveClass(/current-change/)
    const link = page.locator('.compare-result [data-testid=move-link]').first()
    const target = (await link.getAttribute('href'))!.slice(1)
    await link.click()
    await expect(page.locator(`[id="${target}"]`)).toHaveClass(/current-change/)
    await expect(page.locator('.current-change'), view).toHaveCount(1)
    const at = await changes.evaluateAll((els, id) => els.findIndex(e => e.id === id), target)
    expect(at, view).toBeGreaterThan(0)
    await page.getByTestId('next-change').click()
    await expect(changes.nth(at + 1), view).toHaveClass(/current-change/)
    await expect(page.locator('.current-change'), view).toHaveCount(1)
  }
  await rita.context.close()
})

test('side by side, a Chinese text\'s section headings stand upright, as on its page and in its exports', async ({ browser }) => {
  // "考虑到" and "做出决议" were slanted (there is no Chinese italic: the browser skews the glyphs), in the side-by-side view only
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  const text = ['第50号决议（2012年，迪拜，修订版）', '网络安全', '（2004年，弗洛里亚诺波利斯；2012年，迪拜）', '世界电信标准化全会（2012年，迪拜），',
    '考虑到', 'a)\t信息通信技术基础设施至关重要；', '做出决议', '1\t继续将网络安全作为高度优先事项。'].join('\n') + '\n'
  const { id, versionId } = await importResolution(page.request, `Chinese ${Date.now()}`, { text })
  await page.goto(`/#/compare?old=v:${versionId}&new=d:${id}`)
  await expect(page.locator('.sbs-cell .Call').first()).toHaveText('考虑到')
  await page.screenshot({ path: 'test-results/screens/compare-chinese-headings.png' })
  const slanted = await page.locator('.sbs-cell .Call').evaluateAll(els => els.filter(e => getComputedStyle(e).fontStyle !== 'normal').map(e => e.textContent))
  expect(slanted).toEqual([])
  await sec.context.close()
})

test('a link to a comparison whose old text does not exist (or may not be read) says which of the two it is', async ({ browser }) => {
  // it said "Something went wrong: This version does not exist." with the Old picker blank, and nothing about which side
  const rita = await signedInPage(browser, 'rita')
  const page = rita.page
  const proposal = await documentId(page.request, 'APT proposal on Resolution 50')
  await page.goto(`/#/compare?old=v:no-such-version&new=d:${proposal}`)
  await expect(page.getByTestId('compare-result')).toContainText('The text chosen as Old does not exist, or you may not read it: choose another.')
  await rita.context.close()
})

test('a move link followed from the keyboard takes the focus to the moved text, whose own link leads back', async ({ browser }) => {
  // the page scrolled to the target, but the focus stayed on the link left behind: the next Tab went on from there
  const rita = await signedInPage(browser, 'rita')
  const page = rita.page
  const { proposal, baseVersionId } = await aptProposal(page)
  await page.goto(`/#/compare?old=v:${baseVersionId}&new=d:${proposal}`)
  await expect(page.getByTestId('summary')).toContainText('MOD')
  const link = page.locator('.compare-result [data-testid=move-link]').first()
  const target = (await link.getAttribute('href'))!.slice(1)
  await link.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(id => !!document.activeElement?.closest(`[id="${id}"]`), target)).toBe(true)
  // and Enter again goes back where it came from
  const back = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'))
  expect(back && back !== `#${target}`).toBeTruthy()
  await rita.context.close()
})
