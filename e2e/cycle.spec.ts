/**
 * The proposal cycle in the browser: the secretariat loads texts in force
 * (ITU's Word file of Resolution 1, the text form of Resolution 50), a
 * drafter starts a proposal on Resolution 50 (2012), edits and exports it,
 * the secretariat reads our tracked and static DOCX of it back with no
 * discrepancy, a version is restored from the history panel, and bad files
 * are refused with a clear message, storing nothing.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, documents, editorText, shot, signedInPage } from './helpers.js'

const RES1_DOCX = 'fixtures/itu/T-RES-T.1-2016-MSW-E.docx'
const RES50_TEXT = 'fixtures/res50-2012-ar.txt'

async function pick(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('field-file').setInputFiles({ name, mimeType: name.endsWith('.docx') ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'text/plain', buffer })
}

test('the secretariat loads ITU’s Word file of Resolution 1 and the text form of Resolution 50; bad files are refused and store nothing', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'sec')
  const before = (await documents(page.request)).length

  // ITU's Word file: the preview shows what was found and every warning, line by line, before anything is stored.
  await page.getByTestId('import-text').click()
  const dialog = page.getByTestId('import-dialog')
  await pick(page, 'T-RES-T.1-2016-MSW-E.docx', readFileSync(RES1_DOCX))
  await expect(dialog.getByTestId('import-found')).toContainText('RESOLUTION 1 (Rev. Hammamet, 2016)')
  await expect(dialog.getByTestId('warnings')).toContainText('b)bis')
  await expect(dialog.getByTestId('field-version')).toHaveValue('Rev. Hammamet, 2016')
  expect((await documents(page.request)).length).toBe(before)
  await shot(page, 'cycle-import-preview')
  await dialog.getByTestId('field-title').fill('Resolution 1 – from ITU’s Word file')
  await dialog.getByTestId('import-store').click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('doc-row').filter({ hasText: 'Resolution 1 – from ITU’s Word file' })).toBeVisible()

  // A text that is not a resolution: a clear message, the Store button stays off, nothing stored.
  await page.getByTestId('import-text').click()
  await pick(page, 'notes.txt', Buffer.from('Some notes\nwith no resolution heading\n'))
  await expect(dialog.getByTestId('import-dialog-status')).toContainText(/heading/i)
  await expect(dialog.getByTestId('import-store')).toBeDisabled()
  await pick(page, 'broken.docx', Buffer.from('PK\u0003\u0004 not really a zip'))
  await expect(dialog.getByTestId('import-dialog-status')).toContainText('not an ITU resolution Word file')
  await expect(dialog.getByTestId('import-store')).toBeDisabled()
  await shot(page, 'cycle-import-refused')

  // The text form (Arabic): stored under its named version.
  await pick(page, 'res50-2012-ar.txt', readFileSync(RES50_TEXT))
  await expect(dialog.getByTestId('import-found')).toContainText('القـرار 50')
  await expect(dialog.getByTestId('no-warnings')).toBeVisible()
  await dialog.getByTestId('field-title').fill('Resolution 50 (text form)')
  await dialog.getByTestId('import-store').click()
  await expect(page.getByTestId('doc-row').filter({ hasText: 'Resolution 50 (text form)' })).toBeVisible()
  const all = await documents(page.request)
  expect(all.length).toBe(before + 2)
  const res50 = all.find(d => d.title === 'Resolution 50 (text form)')!
  const versions = await (await page.request.get(`/api/documents/${res50.id}/versions`)).json()
  expect(versions.map((v: { name: string }) => v.name)).toEqual(['المراجَع في دبي، 2012'])
  await shot(page, 'cycle-list-after-import')
})
