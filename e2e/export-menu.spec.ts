/**
 * The Export menu: shown only to those who may export, each format saved
 * under its own name (proposal id + format), and a failed export says so.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { documentId, openDocument, signedInPage } from './helpers.js'

test('a reviewer sees no Export menu', async ({ browser }) => {
  const rita = await signedInPage(browser, 'rita')
  await openDocument(rita.page, await documentId(rita.page.request, 'APT proposal on Resolution 50'))
  await expect(rita.page.getByTestId('read-only')).toBeVisible()
  await expect(rita.page.getByTestId('export-menu')).toHaveCount(0)
  await expect(rita.page.getByText('Export', { exact: true })).toHaveCount(0)
  await rita.context.close()
})

test('exports download under the proposal id and format; a failure is reported', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  const names: string[] = []
  for (const format of ['docx', 'docx-static', 'html']) {
    await page.getByTestId('export-menu').locator('summary').click()
    const download = page.waitForEvent('download')
    await page.getByTestId(`export-${format}`).click()
    names.push((await download).suggestedFilename())
  }
  expect(names).toEqual(['APT-44A13-1-tracked.docx', 'APT-44A13-1-static.docx', 'APT-44A13-1.html'])

  // The server refuses: the user is told, not left waiting for a file that never comes.
  await page.route('**/export?**', route => route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: 'not allowed to export this document' }) }))
  await page.getByTestId('export-menu').locator('summary').click()
  await page.getByTestId('export-pdf').click()
  await expect(page.getByTestId('error-notice')).toContainText('not allowed to export this document')
  await amal.context.close()
})

test('the Secretariat has one export control, in the top bar: Export… opens the export dialog', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  await expect(page.getByTestId('export-menu')).toHaveCount(0)
  await expect(page.getByText(/^Export/)).toHaveCount(1)
  await expect(page.getByRole('banner').getByTestId('export-dialog-open')).toBeVisible()
  await page.getByTestId('export-dialog-open').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await sec.context.close()
})

test("the export dialog shows the reasons the delegation wrote, which it takes when its field is left empty", async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  // started as the dialog starts it (cover, MOD line, reasons)
  const docs = await (await amal.page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const res50 = docs.find(d => d.title.startsWith('Resolution 50'))!
  const versions = await (await amal.page.request.get(`/api/documents/${res50.id}/versions`)).json() as { id: string }[]
  const started = await amal.page.request.post(`/api/documents/${res50.id}/proposal`, { data: { title: `Reasons ${Date.now()}`, action: 'MOD', baseVersionId: versions[0]!.id, delegations: ['APT'] } })
  expect(started.status()).toBe(201)
  const { id } = await started.json() as { id: string }
  await openDocument(amal.page, id)
  await amal.page.locator('.ProseMirror .Reasons').click()
  await amal.page.keyboard.press('End')
  await amal.page.keyboard.type('لتحديث القرار.')
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  const sec = await signedInPage(browser, 'sec')
  await openDocument(sec.page, id)
  await expect(sec.page.locator('.ProseMirror .Reasons')).toContainText('لتحديث القرار.')
  await sec.page.getByTestId('export-dialog-open').click()
  await expect(sec.page.getByTestId('field-reasons')).toHaveAttribute('placeholder', /^الأسباب:\s*لتحديث القرار\.$/)
  await amal.context.close()
  await sec.context.close()
})

test('in the Arabic interface the export formats are named in Arabic, in the menu and in the dialog', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await documentId(amal.page.request, 'APT proposal on Resolution 50')
  await openDocument(amal.page, id)
  if (await amal.page.locator('html').getAttribute('dir') !== 'rtl') await amal.page.getByTestId('ui-lang').click()
  await expect(amal.page.locator('html')).toHaveAttribute('dir', 'rtl')
  await amal.page.getByTestId('export-menu').locator('summary').click()
  const menu = amal.page.getByTestId('export-menu').locator('.menu button')
  // the two Word exports say what they hold, not "DOCX" and "DOCX-STATIC"
  await expect(amal.page.getByTestId('export-docx')).toHaveText(/^Word — \p{Script=Arabic}/u)
  await expect(amal.page.getByTestId('export-docx-static')).toHaveText(/^Word — \p{Script=Arabic}/u)
  expect(await menu.allTextContents()).not.toContain('DOCX-STATIC')
  const sec = await signedInPage(browser, 'sec')
  await openDocument(sec.page, id)
  if (await sec.page.locator('html').getAttribute('dir') !== 'rtl') await sec.page.getByTestId('ui-lang').click()
  await expect(sec.page.locator('html')).toHaveAttribute('dir', 'rtl')
  await sec.page.getByTestId('export-dialog-open').click()
  const formats = await sec.page.getByTestId('field-format').locator('option').allTextContents()
  expect(formats.filter(f => /tracked|revision|formatting/i.test(f))).toEqual([])
  await amal.context.close()
  await sec.context.close()
})

test('the export dialog shows, in the empty assembly, place and dates, what the export writes for them in the proposal\'s language', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  await openDocument(sec.page, await documentId(sec.page.request, 'APT proposal on Resolution 50'))
  await sec.page.getByTestId('export-dialog-open').click()
  // the Arabic proposal's header block says الحمامات, not the "Hammamet" the fields showed
  await expect(sec.page.getByTestId('field-place')).toHaveAttribute('placeholder', 'الحمامات')
  await expect(sec.page.getByTestId('field-assembly')).toHaveAttribute('placeholder', 'الجمعية العالمية لتقييس الاتصالات (WTSA-16)')
  await expect(sec.page.getByTestId('field-dates')).toHaveAttribute('placeholder', '25 أكتوبر – 3 نوفمبر 2016')
  // set right to left, as the Arabic they hold: an empty field of direction auto laid them out left to right ("أكتوبر – 3 نوفمبر 2016 25")
  for (const f of ['assembly', 'place', 'dates']) expect(await sec.page.getByTestId(`field-${f}`).evaluate(e => getComputedStyle(e).direction)).toBe('rtl')
  // another assembly: its own name; no place or dates but those typed
  await sec.page.getByTestId('field-acronym').fill('WTSA-24')
  await expect(sec.page.getByTestId('field-assembly')).toHaveAttribute('placeholder', 'الجمعية العالمية لتقييس الاتصالات (WTSA-24)')
  await expect(sec.page.getByTestId('field-place')).toHaveAttribute('placeholder', '')
  await sec.context.close()
})

test('the export dialog takes the original language the proposal\'s cover names, not the language it is written in', async ({ browser }) => {
  // the APT proposal, in Arabic, says on its cover "الأصل: بالإنكليزية" (original: English); the dialog offered
  // Arabic, and an export left at that wrote "الأصل: بالعربية" into the conference document's header
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  await expect(page.locator('.ProseMirror')).toContainText('الأصل: بالإنكليزية')
  await page.getByTestId('export-dialog-open').click()
  await expect(page.getByTestId('field-originalLanguage')).toHaveValue('en')
  await page.getByTestId('field-format').selectOption('html')
  const download = page.waitForEvent('download')
  await page.getByTestId('export-go').click()
  const html = readFileSync(await (await download).path(), 'utf8')
  expect(html).toContain('الأصل: بالإنكليزية')
  expect(html).not.toContain('الأصل: بالعربية')
  await page.keyboard.press('Escape')
  // a proposal whose cover names no original language: the language it is written in
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null; baseDocumentId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  const bare = await page.request.post(`/api/documents/${apt.baseDocumentId}/proposal`, { data: { title: `Bare ${Date.now()}`, baseVersionId: apt.baseVersionId, delegations: ['APT'] } })
  expect(bare.status()).toBe(201)
  await openDocument(page, (await bare.json() as { id: string }).id)
  await page.getByTestId('export-dialog-open').click()
  await expect(page.getByTestId('field-originalLanguage')).toHaveValue('ar')
  await sec.context.close()
})

test('once a file is exported, the export dialog\'s other button says Close: there is nothing left to cancel', async ({ browser }) => {
  // it kept saying Cancel beside 'Exported: APT-44A13-1.html', as if leaving would undo the download (UX audit)
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  await openDocument(page, await documentId(page.request, 'APT proposal on Resolution 50'))
  await page.getByTestId('export-dialog-open').click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog.locator('.actions button.quiet')).toHaveText('Cancel')
  await dialog.locator('select[name=format]').selectOption('html')
  const download = page.waitForEvent('download')
  await page.getByTestId('export-go').click()
  expect((await download).suggestedFilename()).toBe('APT-44A13-1.html')
  await expect(page.getByTestId('export-dialog-status')).toContainText('APT-44A13-1.html')
  await expect(dialog.locator('.actions button.quiet')).toHaveText('Close')
  await dialog.locator('.actions button.quiet').click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('export-dialog-open')).toBeFocused()
  await sec.context.close()
})
