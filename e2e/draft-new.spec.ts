/**
 * A drafter starts a draft new resolution (ADD) in French: it opens with
 * what every resolution has (`PROJET DE NOUVELLE RÉSOLUTION [APT-1]`, the
 * assembly formula, considérant a), décide 1), the empty title and history
 * line say what goes in them, and typing the title puts it where the hint was.
 */
import { expect, test, type Page } from '@playwright/test'
import { shot, signedInPage } from './helpers.js'

/** Opens the new-proposal dialog with a draft new resolution (ADD) in `lang` chosen. */
async function draftDialog(page: Page, lang: string) {
  await page.getByTestId('new-proposal').click()
  const dialog = page.getByTestId('proposal-dialog')
  await dialog.getByTestId('field-action').selectOption('ADD')
  await dialog.getByTestId('field-lang').selectOption(lang)
  return dialog
}

test('a draft new resolution starts from the skeleton of a resolution, with hints in the empty title and history line', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  const dialog = await draftDialog(page, 'fr')
  // a new resolution has no text in force: the dialog does not ask for one
  await expect(dialog.getByTestId('field-resolution')).toBeHidden()
  await expect(dialog.getByTestId('field-version')).toBeHidden()
  await dialog.getByTestId('field-title').fill(`Projet APT ${Date.now()}`)
  await dialog.getByTestId('proposal-start').click()
  const editor = page.locator('[data-testid=page][data-ready=true] .ProseMirror')
  await expect(editor).toBeVisible()

  // numbered next in APT's sequence ([APT-1] on a fresh server; other tests may have started drafts before)
  await expect(editor.locator('p.ResNo')).toHaveText(/^PROJET DE NOUVELLE RÉSOLUTION \[APT-\d+\]$/)
  await expect(editor.locator('p.Normalaftertitle')).toHaveText("L'Assemblée mondiale de normalisation des télécommunications (…),")
  await expect(editor.locator('section.preambular .Call')).toHaveText('considérant')
  await expect(editor.locator('section.operative .Call')).toHaveText('décide')
  await expect(editor.locator('section.preambular .label')).toHaveText('a)')
  await expect(editor.locator('section.operative .label')).toHaveText('1')

  // The hints are drawn, not text: the title is empty until typed into.
  const title = editor.locator('p.Restitle')
  await expect(title).toHaveClass(/is-empty/)
  expect(await title.getAttribute('data-placeholder')).toBeTruthy()
  await expect(editor.locator('p.Resref')).toHaveClass(/is-empty/)
  await shot(page, 'draft-new-fr')
  await title.click()
  await page.keyboard.type('Promotion de la cybersécurité')
  await expect(title).toHaveText('Promotion de la cybersécurité')
  await expect(title).not.toHaveClass(/is-empty/)
  await context.close()
})

test('a Chinese draft: the skeleton in Chinese, and section headings upright (Chinese has no italic)', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'amal')
  const dialog = await draftDialog(page, 'zh')
  await dialog.getByTestId('proposal-start').click()
  const editor = page.locator('[data-testid=page][data-ready=true] .ProseMirror')
  await expect(editor.locator('p.ResNo')).toHaveText(/^新决议草案 \[APT-\d+\]$/)
  await expect(editor.locator('section.preambular .Call')).toHaveText('考虑到')
  expect(await editor.locator('section.preambular .Call').evaluate(e => getComputedStyle(e).fontStyle)).toBe('normal')
  await context.close()
})
