/**
 * The live amendment view of a proposal against its base: struck and
 * underlined runs after an edit, and old-label-struck + new-label after
 * inserting a provision (`د ب)`).
 */
import { expect, test } from '@playwright/test'
import { caretAfter, openDocument, selectText, shot, signedInPage, showChanges } from './helpers.js'
import { agreeToCosponsor, freshProposal } from './helpers.js'

test('the amendment view marks an edit and the renumbering an inserted provision causes', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const salma = await signedInPage(browser, 'salma')
  const id = await freshProposal(amal.page.request, `APT amendment test ${Date.now()}`, ['APT', 'ARB'])
  await agreeToCosponsor(salma.page.request, id)   // ARB, invited, co-sponsors and so writes it
  await openDocument(amal.page, id)
  await openDocument(salma.page, id)
  await showChanges(amal.page)
  // A fresh proposal equals its base: no marks yet.
  await expect(amal.page.locator('.ProseMirror .amend-ins, .ProseMirror .amend-del')).toHaveCount(0)

  // Replace a word: the old one is struck, the new one underlined.
  await selectText(amal.page, 'غوادالاخارا')
  await amal.page.keyboard.type('بوسان')
  await expect(amal.page.locator('.ProseMirror del.amend-del', { hasText: 'غوادالاخارا' }).first()).toBeVisible()
  await expect(amal.page.locator('.ProseMirror .amend-ins', { hasText: 'بوسان' }).first()).toBeVisible()
  await expect(amal.page.locator('.ProseMirror .provision.amend-modified[data-action=MOD]').first()).toBeVisible()

  // What another delegate types is marked too, as it arrives.
  await caretAfter(salma.page, 'الأمن السيبراني')
  await salma.page.keyboard.type(' العالمي')
  await expect(amal.page.locator('.ProseMirror .Restitle .amend-ins', { hasText: 'العالمي' })).toBeVisible()

  // A new provision after أ ) in the first section: the old ب) becomes ج), and so on.
  const firstSection = amal.page.locator('.ProseMirror section.preambular').first()
  const firstText = await firstSection.locator('.provision > p').first().evaluate(p => {
    const clone = p.cloneNode(true) as HTMLElement
    clone.querySelectorAll('[contenteditable=false]').forEach(e => e.remove())
    return clone.textContent!.trim()
  })
  await caretAfter(amal.page, firstText.slice(-12))
  await amal.page.keyboard.press('End')
  await amal.page.keyboard.press('Enter')
  await amal.page.keyboard.type('فقرة جديدة من آسيا والمحيط الهادئ بشأن ITU‑T X.1205 وPSTN؛')
  await expect(firstSection.locator('.provision.amend-added[data-action=ADD]')).toHaveCount(1)
  const renumbered = firstSection.locator('.label.renumbered').first()
  // `بﺝ)`: the old letter struck, the new one isolated (ﺝ) so the two do not join, the closing parenthesis shared.
  await expect(renumbered.locator('del')).toHaveText('ب')
  await expect(renumbered.locator('ins')).toHaveText('\uFE9D')
  await expect(renumbered).toHaveText('ب\uFE9D)')
  // `د ﻫ )`: د does not join, so ﻫ keeps its usual form.
  const fourth = firstSection.locator('.label.renumbered').nth(2)
  await expect(fourth.locator('del')).toHaveText('د')
  await expect(fourth.locator('ins')).toHaveText('\uFEEB')
  await expect(fourth).toHaveText('د \uFEEB )')
  await expect(amal.page.getByTestId('amend-summary')).toContainText('ADD 1')
  await amal.page.locator('.ProseMirror section.preambular').first().scrollIntoViewIfNeeded()
  await shot(amal.page, 'amendment')

  // “Revert to base” on the new provision removes it again.
  const added = await firstSection.locator('.provision.amend-added').getAttribute('data-id')
  const errors: string[] = []
  amal.page.on('pageerror', e => errors.push(e.message))
  await amal.page.locator(`[data-testid=change][data-id="${added}"] [data-testid=revert]`).click()
  await amal.page.waitForTimeout(300)
  expect(errors).toEqual([])
  await expect(firstSection.locator('.provision.amend-added')).toHaveCount(0)
  await expect(firstSection.locator('.label.renumbered')).toHaveCount(0)
  await amal.context.close()
  await salma.context.close()
})
