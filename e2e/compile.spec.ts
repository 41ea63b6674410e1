/**
 * The synoptic view: the secretariat imports two test proposals on
 * Resolution 50 (2012), compiles them with the seeded APT proposal, sees
 * each row's class, narrows to conflicts and steps through them.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { importResolution, shot, signIn } from './helpers.js'

const text = (p: string) => readFileSync(new URL(`../fixtures/compilation/${p}`, import.meta.url), 'utf8')

test('the secretariat compiles three proposals on Resolution 50 and steps through the conflicts', async ({ page }) => {
  await signIn(page, 'sec')
  const ids: string[] = []
  for (const [file, title, delegation] of [['res50-arb-test-ar.txt', 'ARB test proposal', 'ARB'], ['res50-afcp-test-ar.txt', 'AFCP test proposal', 'AFCP']] as const) {
    const r = await page.request.post('/api/documents', { data: { title, text: text(file), kind: 'proposal', delegations: [delegation] } })
    expect(r.status()).toBe(201)
    ids.push((await r.json() as { id: string }).id)
  }
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; kind: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  // a proposal on another resolution, which the picker must not offer for Resolution 50
  const res1 = docs.find(d => d.title.startsWith('Resolution 1 '))!
  const res1Version = (await (await page.request.get(`/api/documents/${res1.id}/versions`)).json() as { id: string }[])[0]!.id
  const other = await page.request.post(`/api/documents/${res1.id}/proposal`, { data: { title: `On Res 1 ${Date.now()}`, action: 'MOD', baseVersionId: res1Version, delegations: ['APT'] } })
  expect(other.status()).toBe(201)
  const otherId = (await other.json() as { id: string }).id
  await page.getByTestId('compile-link').click()
  await expect(page.locator('.compile-result .empty-hint')).toBeVisible()
  await expect(page.locator('.compile-picks input')).toHaveCount(0)
  // "previous" and "next conflict" stay together however the tools wrap, in both interface languages: at some
  // widths the picker of the text in force (long titles) left "next" alone on a second row, away from "previous"
  const rowGap = async () => {
    const [prev, next] = await Promise.all([page.getByTestId('previous-conflict').boundingBox(), page.getByTestId('next-conflict').boundingBox()])
    return Math.abs(prev!.y - next!.y)
  }
  for (const lang of ['en', 'ar']) {
    // measured once the page is drawn in that language and the picker holds its options (which widen it)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await expect.poll(() => page.getByTestId('compile-base').locator('option').count()).toBeGreaterThan(2)
    for (let width = 900; width <= 1600; width += 25) {
      await page.setViewportSize({ width, height: 1000 })
      expect(await rowGap(), `previous and next conflict on one row (${lang}, ${width} px)`).toBeLessThan(2)
    }
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.getByTestId('ui-lang').click()
  }
  await expect(page.getByTestId('compile-base').locator(`option[value="v:${apt.baseVersionId}"]`)).toHaveCount(1)
  await page.getByTestId('compile-base').selectOption({ value: `v:${apt.baseVersionId}` })
  await expect(page.locator(`.compile-picks input[value="d:${apt.id}"]`)).toHaveCount(1)
  await expect(page.locator(`.compile-picks input[value="d:${otherId}"]`)).toHaveCount(0)
  for (const id of [apt.id, ...ids]) await page.locator(`.compile-picks input[value="d:${id}"]`).check()
  await page.getByTestId('compile-run').click()
  await expect(page.getByTestId('source-head')).toHaveCount(3)
  for (const source of ['APT', 'ARB', 'AFCP']) await expect(page.getByTestId('source-head').filter({ hasText: source })).toHaveCount(1)
  await expect(page.locator('[data-testid=synoptic-row][data-cls=conflict]')).toHaveCount(2)
  await expect(page.locator('[data-testid=synoptic-row][data-cls=same]').first()).toBeVisible()
  await expect(page.locator('table.synoptic')).toHaveAttribute('dir', 'rtl')
  await shot(page, 'compile-synoptic')
  await page.getByTestId('conflicts-only').check()
  await expect(page.locator('[data-testid=synoptic-row][data-cls=untouched]').first()).toBeHidden()
  await page.getByTestId('next-conflict').click()
  await expect(page.locator('tr.current-change')).toHaveCount(1)
  await expect(page.locator('tr.current-change')).toHaveAttribute('data-cls', 'conflict')
  await shot(page, 'compile-conflicts-only')
})

test('a proposal drafted on another version of the text in force is marked as such in the picker, in the interface\'s language', async ({ page }) => {
  await signIn(page, 'sec')
  // a resolution of its own with two versions, and a proposal on the first
  const title = `Res 50 two versions ${Date.now()}`
  const { id: resolution, versionId: first } = await importResolution(page.request, title, { version: 'first' })
  const second = await page.request.post(`/api/documents/${resolution}/versions`, { data: { name: 'second' } })
  expect(second.status()).toBe(201)
  const secondId = (await second.json() as { id: string }).id
  const started = await page.request.post(`/api/documents/${resolution}/proposal`, { data: { title: `On the first ${Date.now()}`, action: 'MOD', baseVersionId: first, delegations: ['APT'] } })
  expect(started.status()).toBe(201)
  const proposal = (await started.json() as { id: string }).id

  await page.goto('/#/compile')
  await expect.poll(() => page.getByTestId('compile-base').locator(`option[value="v:${secondId}"]`).count()).toBe(1)
  const pick = page.locator('.compile-picks label').filter({ has: page.locator(`input[value="d:${proposal}"]`) })
  await page.getByTestId('compile-base').selectOption({ value: `v:${first}` })
  await expect(pick).toHaveCount(1)
  await expect(pick.getByTestId('other-base')).toHaveCount(0)
  await page.getByTestId('compile-base').selectOption({ value: `v:${secondId}` })
  await expect(pick.getByTestId('other-base')).toContainText('drafted on “first”')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await page.getByTestId('compile-base').selectOption({ value: `v:${secondId}` })
  await expect(pick.getByTestId('other-base')).toContainText('أُعدّ على «first»')
  await shot(page, 'compile-other-base-ar')
})

test('the proposals to compile are listed with their boxes on one side, whatever the script of their titles', async ({ page }) => {
  await signIn(page, 'sec')
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null; baseDocumentId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  // an Arabic title beside the English ones: its box stood at the other end of its line
  const arabic = await page.request.post(`/api/documents/${apt.baseDocumentId}/proposal`, { data: { title: `مقترح الوفد العربي ${Date.now()}`, action: 'MOD', baseVersionId: apt.baseVersionId, delegations: ['ARB'] } })
  expect(arabic.status()).toBe(201)
  await page.getByTestId('compile-link').click()
  for (const lang of ['en', 'ar']) {
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await page.getByTestId('compile-base').selectOption({ value: `v:${apt.baseVersionId}` })
    await expect.poll(() => page.locator('.compile-picks input').count()).toBeGreaterThan(1)
    const sides = await page.locator('.compile-picks label').evaluateAll(labels => labels.map(l => {
      const box = l.querySelector('input')!.getBoundingClientRect(), line = l.getBoundingClientRect()
      return box.left - line.left < line.right - box.right ? 'left' : 'right'
    }))
    expect(new Set(sides), `${lang}: ${sides.join(' ')}`).toEqual(new Set([lang === 'ar' ? 'right' : 'left']))
    await page.getByTestId('ui-lang').click()
  }
})

test('scrolled down the table, the column headings stay in sight below the top bar, naming each source', async ({ page }) => {
  // they stuck at the very top of the window, under the top bar, which hid them: a conflict row halfway down
  // showed four columns of text and nothing said which was the text in force and which each delegation's
  await signIn(page, 'sec')
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  for (const lang of ['en', 'ar']) {
    await page.goto(`/#/compile?base=v:${apt.baseVersionId}&p=d:${apt.id}`)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await expect(page.getByTestId('source-head')).toHaveCount(1)
    await page.getByTestId('synoptic-row').nth(40).scrollIntoViewIfNeeded()
    await page.mouse.wheel(0, 400)
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(1000)
    await shot(page, `compile-scrolled-${lang}`)
    // what the user sees at the middle of each heading is that heading, not the top bar over it
    const seen = await page.locator('table.synoptic thead th').evaluateAll(ths => ths.map(th => {
      const box = th.getBoundingClientRect()
      const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return box.top >= 0 && !!at && th.contains(at)
    }))
    expect(seen).toEqual(seen.map(() => true))
    await page.getByTestId('ui-lang').click()
  }
})

test('stepping through the conflicts far down the table, the next conflict is one click away, in the headings that stay in sight', async ({ page }) => {
  // "Next conflict" sat in the tools at the top of the page: the first click scrolled the table, and the button, away,
  // and the secretariat had to scroll back up for each of the next ones
  await signIn(page, 'sec')
  const ids: string[] = []
  for (const [file, title, delegation] of [['res50-arb-test-ar.txt', `ARB steps ${Date.now()}`, 'ARB'], ['res50-afcp-test-ar.txt', `AFCP steps ${Date.now()}`, 'AFCP']] as const) {
    const r = await page.request.post('/api/documents', { data: { title, text: text(file), kind: 'proposal', delegations: [delegation] } })
    expect(r.status()).toBe(201)
    ids.push((await r.json() as { id: string }).id)
  }
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  for (const lang of ['en', 'ar']) {
    await page.goto(`/#/compile?base=v:${apt.baseVersionId}&${[apt.id, ...ids].map(id => `p=d:${id}`).join('&')}`)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    const conflicts = page.locator('[data-testid=synoptic-row][data-cls=conflict]')
    await expect(conflicts).toHaveCount(2)
    await page.getByTestId('next-conflict').click()
    await expect(conflicts.nth(0)).toHaveClass(/current-change/)
    await expect(page.getByTestId('next-conflict')).not.toBeInViewport()
    const next = page.getByTestId('head-next-conflict')
    await expect(next).toBeInViewport()
    await expect(next).toHaveAccessibleName(lang === 'en' ? 'Next conflict' : 'التعارض التالي')
    await shot(page, `compile-head-steps-${lang}`)
    await next.click()
    await expect(conflicts.nth(1)).toHaveClass(/current-change/)
    await expect(conflicts.nth(0)).not.toHaveClass(/current-change/)
    await page.getByTestId('head-previous-conflict').click()
    await expect(conflicts.nth(0)).toHaveClass(/current-change/)
    await page.getByTestId('ui-lang').click()
  }
})

test('"Previous conflict" pressed first goes to the last conflict', async ({ page }) => {
  // it went to the one before the last (with two conflicts, the first)
  await signIn(page, 'sec')
  const ids: string[] = []
  for (const [file, title, delegation] of [['res50-arb-test-ar.txt', `ARB previous ${Date.now()}`, 'ARB'], ['res50-afcp-test-ar.txt', `AFCP previous ${Date.now()}`, 'AFCP']] as const) {
    const r = await page.request.post('/api/documents', { data: { title, text: text(file), kind: 'proposal', delegations: [delegation] } })
    expect(r.status()).toBe(201)
    ids.push((await r.json() as { id: string }).id)
  }
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  await page.goto(`/#/compile?base=v:${apt.baseVersionId}&${[apt.id, ...ids].map(id => `p=d:${id}`).join('&')}`)
  const conflicts = page.locator('[data-testid=synoptic-row][data-cls=conflict]')
  await expect(conflicts).toHaveCount(2)
  await page.getByTestId('previous-conflict').click()
  await expect(conflicts.nth(1)).toHaveClass(/current-change/)
  await expect(conflicts.nth(0)).not.toHaveClass(/current-change/)
})

test('a proposal with no base recorded is offered for a text in force in its own language only', async ({ page }) => {
  // an Arabic test proposal imported from text was offered for a Chinese text in force: ticked, every row came out
  // all struck and all inserted, since the two share no words
  await signIn(page, 'sec')
  const arabic = await page.request.post('/api/documents', { data: { title: `ARB no base ${Date.now()}`, text: text('res50-arb-test-ar.txt'), kind: 'proposal', delegations: ['ARB'] } })
  expect(arabic.status()).toBe(201)
  const arabicId = (await arabic.json() as { id: string }).id
  const chinese = ['第50号决议（2012年，迪拜，修订版）', '网络安全', '（2004年，弗洛里亚诺波利斯；2012年，迪拜）', '世界电信标准化全会（2012年，迪拜），',
    '考虑到', 'a)\t信息通信技术基础设施至关重要；', '做出决议', '1\t继续将网络安全作为高度优先事项。'].join('\n') + '\n'
  const { versionId: chineseVersion } = await importResolution(page.request, `Chinese text in force ${Date.now()}`, { text: chinese })
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  await page.goto('/#/compile')
  await expect.poll(() => page.getByTestId('compile-base').locator(`option[value="v:${chineseVersion}"]`).count()).toBe(1)
  await page.getByTestId('compile-base').selectOption({ value: `v:${apt.baseVersionId}` })
  await expect(page.locator(`.compile-picks input[value="d:${arabicId}"]`)).toHaveCount(1)
  await page.getByTestId('compile-base').selectOption({ value: `v:${chineseVersion}` })
  await expect(page.locator(`.compile-picks input[value="d:${arabicId}"]`)).toHaveCount(0)
})
