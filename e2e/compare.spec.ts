/**
 * The compare view of the two Resolution 50 fixtures (the 2012 text and the
 * APT proposal's text): the counts it shows are those of the diff engine's
 * own `compare`, run here in the test process on the same fixtures.
 */
import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { compare } from '../diff/index.js'
import { importText } from '../schema/text/index.js'
import { shot, signedInPage } from './helpers.js'

const OLD = readFileSync(new URL('../fixtures/res50-2012-ar.txt', import.meta.url), 'utf8')
const NEW = readFileSync(new URL('../fixtures/res50-proposed-ar.txt', import.meta.url), 'utf8')

test('comparing the 2012 text with the proposed text shows the diff engine’s counts', async ({ browser }) => {
  const expected = compare(importText(OLD).doc, importText(NEW).doc).summary.counts
  const expectedNoRenumber = compare(importText(OLD).doc, importText(NEW).doc, { ignoreRenumbering: true }).summary.counts
  expect(expected.MOD + expected.ADD + expected.SUP).toBeGreaterThan(0)

  const sec = await signedInPage(browser, 'sec')
  const stamp = Date.now()
  const imported: string[] = []
  for (const [title, text] of [[`Res 50 2012 ${stamp}`, OLD], [`Res 50 proposed ${stamp}`, NEW]] as const) {
    const r = await sec.page.request.post('/api/documents', { data: { title, text } })
    expect(r.status(), await r.text()).toBe(201)
    imported.push((await r.json()).id)
  }
  // before anything is chosen, the page says what to do
  await sec.page.goto('/#/compare')
  await expect(sec.page.getByTestId('compare-hint')).toBeVisible()
  await sec.page.goto(`/#/compare?old=d:${imported[0]}&new=d:${imported[1]}`)
  const counts = sec.page.getByTestId('summary')
  for (const key of ['NOC', 'MOD', 'ADD', 'SUP', 'moved', 'renumbered'] as const) {
    await expect(counts.getByTestId(`summary-${key}`)).toHaveAttribute('data-value', String(expected[key]))
  }
  // Side by side: aligned rows, the old text struck on the left, the new underlined on the right.
  await expect(sec.page.locator('.sbs-row').first()).toBeVisible()
  await expect(sec.page.locator('.sbs-cell.side-old del.rev-del').first()).toBeVisible()
  await expect(sec.page.locator('.sbs-cell.side-new ins.rev-ins').first()).toBeVisible()
  // Next change goes to the first changed row.
  await sec.page.getByTestId('next-change').click()
  await expect(sec.page.locator('.current-change')).toHaveCount(1)
  await shot(sec.page, 'compare-side-by-side')
  // A moved provision links to where it came from.
  if (expected.moved > 0) {
    const link = sec.page.locator('.side-old [data-testid=move-link]').first()
    const target = (await link.getAttribute('href'))!.slice(1)
    await link.click()
    await expect(sec.page.locator(`[id="${target}"]`)).toHaveClass(/current-change/)
    await expect(sec.page.locator(`[id="${target}"]`)).toBeInViewport()
  }

  // Hiding renumbering-only changes gives the engine's counts for that option.
  await sec.page.getByTestId('hide-renumbering').check()
  await expect(counts.getByTestId('summary-renumbered')).toHaveAttribute('data-value', String(expectedNoRenumber.renumbered))
  await expect(counts.getByTestId('summary-NOC')).toHaveAttribute('data-value', String(expectedNoRenumber.NOC))

  // Inline mode: one text with the marks.
  await sec.page.getByTestId('compare-mode').selectOption('inline')
  await expect(sec.page.locator('.inline-compare ins.rev-ins').first()).toBeVisible()
  await expect(sec.page.locator('.inline-compare del.rev-del').first()).toBeVisible()
  expect(await sec.page.locator('.inline-compare [data-testid=move-link]').count()).toBe(2 * expected.moved)
  await shot(sec.page, 'compare-inline')

  // In the Arabic interface the counts name moved and renumbered provisions in Arabic, as the list of changes does;
  // MOD, ADD, SUP and NOC are the ITU's own tags in every language. The options chosen (inline, renumbering
  // hidden) stay as they were: they are part of the page's address, so a reload or a shared link keeps them too.
  await sec.page.getByTestId('ui-lang').click()
  await expect(counts.getByTestId('summary-moved')).toHaveText(`منقولة: ${expectedNoRenumber.moved}`)
  await expect(counts.getByTestId('summary-renumbered')).toHaveText(`أعيد ترقيمها: ${expectedNoRenumber.renumbered}`)
  await expect(sec.page.getByTestId('hide-renumbering')).toBeChecked()
  await expect(sec.page.getByTestId('compare-mode')).toHaveValue('inline')
  await expect(sec.page.locator('.inline-compare ins.rev-ins').first()).toBeVisible()
  await sec.page.reload()
  await expect(counts.getByTestId('summary-renumbered')).toHaveAttribute('data-value', String(expectedNoRenumber.renumbered))
  await expect(sec.page.locator('.inline-compare').first()).toBeVisible()
  await expect(counts.getByTestId('summary-MOD')).toHaveText(/^MOD: \d+$/)
  await sec.page.getByTestId('ui-lang').click()
  await sec.context.close()
})

test('two texts in different languages: the page says so above the counts, in the interface\'s language; texts in one language, no notice', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const docs = await (await amal.page.request.get('/api/documents')).json() as { id: string; title: string; kind: string }[]
  const res50 = docs.find(d => d.kind === 'resolution' && d.title.includes('Cybersecurity'))!
  const res1 = docs.find(d => d.kind === 'resolution' && d.title.startsWith('Resolution 1 '))!
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  await amal.page.goto(`/#/compare?old=d:${res50.id}&new=d:${res1.id}`)
  await expect(amal.page.getByTestId('summary-SUP')).toBeVisible()
  await expect(amal.page.getByTestId('compare-languages')).toContainText('النصان بلغتين مختلفتين')
  await expect(amal.page.getByTestId('compare-languages')).toContainText('العربية')
  await expect(amal.page.getByTestId('compare-languages')).toContainText('English')
  await shot(amal.page, 'compare-languages-ar')
  await amal.page.goto(`/#/compare?old=d:${res50.id}&new=d:${apt.id}`)
  await expect(amal.page.getByTestId('summary-MOD')).toBeVisible()
  await expect(amal.page.getByTestId('compare-languages')).toHaveCount(0)
  await amal.context.close()
})
