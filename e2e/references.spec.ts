/**
 * Cross-references in the editor: considering ز) of Resolution 50 refers to
 * considering و). A provision added before و) renumbers it ز), and the
 * reference follows; a reference inserted from the toolbar shows its
 * target's words and label; deleting its target flags it.
 */
import { expect, test } from '@playwright/test'
import { caretAfter, freshProposal, openDocument, shot, signedInPage } from './helpers.js'

const refTexts = (page: import('@playwright/test').Page) => page.locator('.ProseMirror .reference').allTextContents()
const squash = (s: string) => s.replace(/\s+/g, '')

test('references follow renumbering, can be inserted, and are flagged when their provision goes', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `APT references test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  expect((await refTexts(page)).map(squash)).toEqual(['إذتضعفياعتبارهاو)'])

  // a new provision after considering ﻫ ): the old و ) becomes ز ), and so does the reference
  await caretAfter(page, 'وقوع حوادث سيبرانية')
  await page.keyboard.press('End')
  await page.keyboard.press('Alt+Enter')
  await page.keyboard.type('نص جديد')
  await expect.poll(async () => (await refTexts(page)).map(squash)).toEqual(['إذتضعفياعتبارهاز)'])

  // insert a reference to resolves 2 from the toolbar
  await caretAfter(page, 'نص جديد')
  await page.getByTestId('reference').click()
  const select = page.getByTestId('dialog-select')
  const option = select.locator('option', { hasText: 'تقرر 2' })
  await select.selectOption({ value: await option.getAttribute('value') ?? '' })
  await page.getByTestId('dialog-ok').click()
  await expect.poll(async () => (await refTexts(page)).map(squash)).toContain('تقرر2')
  await shot(page, 'references')
  // the server took both edits (it refuses what its schema does not allow)
  await expect.poll(async () => {
    const json = JSON.stringify((await (await page.request.get(`/api/documents/${id}`)).json()).json)
    return (json.match(/"type":"reference"/g) ?? []).length
  }, { timeout: 15_000 }).toBe(2)

  // delete resolves 2 (select the whole provision's text and remove the provision): the reference is flagged
  await expect(page.getByTestId('reference-broken')).toHaveCount(0)
  await page.evaluate(() => {
    const w = window as unknown as { resdraft: { view: { state: any; dispatch: (tr: unknown) => void } } }
    const { state } = w.resdraft.view
    let from = -1
    let to = -1
    state.doc.descendants((n: any, pos: number) => {
      if (from < 0 && n.type.name === 'operativeSection') {
        let count = 0
        n.forEach((c: any, off: number) => { if (c.type.name === 'provision' && ++count === 2) { from = pos + 1 + off; to = from + c.nodeSize } })
        return false
      }
      return from < 0
    })
    w.resdraft.view.dispatch(state.tr.delete(from, to))
  })
  await expect(page.getByTestId('reference-broken')).toHaveCount(1)
  // its hint in Amal's (Arabic) interface
  await expect(page.getByTestId('reference-broken')).toHaveAttribute('title', 'تشير هذه الإحالة إلى فقرة لم تعد في النص')
  await context.close()
})
