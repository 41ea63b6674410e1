/**
 * The proposal cycle in the browser: the secretariat loads texts in force
 * (ITU's Word file of Resolution 1, the text form of Resolution 50), a
 * drafter starts a proposal on Resolution 50 (2012), edits and exports it,
 * the secretariat reads our tracked and static DOCX of it back with no
 * discrepancy, a version is restored from the history panel, and bad files
 * are refused with a clear message, storing nothing.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { caretAfter, documents, editorText, shot, signedInPage, showChanges } from './helpers.js'

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
  // a damaged Word file, and an old one (.doc): what is wrong with the file, and what to do, in place of the reader's detail
  await pick(page, 'broken.docx', Buffer.from('PK\u0003\u0004 not really a zip'))
  await expect(dialog.getByTestId('import-dialog-status')).toHaveText('The file is damaged or cut short: open it in Word, save it again, and choose it again.')
  await expect(dialog.getByTestId('import-store')).toBeDisabled()
  await pick(page, 'old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]))
  await expect(dialog.getByTestId('import-dialog-status')).toContainText('The file is an old Word document (.doc) or is protected by a password: save it in Word as a .docx document')
  await expect(dialog.getByTestId('import-store')).toBeDisabled()
  const disabledLook = await looks(dialog.getByTestId('import-store'))
  await shot(page, 'cycle-import-refused')

  // The text form (Arabic): stored under its named version.
  await pick(page, 'res50-2012-ar.txt', readFileSync(RES50_TEXT))
  await expect(dialog.getByTestId('import-found')).toContainText('القـرار 50')
  await expect(dialog.getByTestId('no-warnings')).toBeVisible()
  // a Store button that cannot be used looks it: it was drawn as the one that can (the same blue), and a click did nothing
  await expect(dialog.getByTestId('import-store')).toBeEnabled()
  expect(disabledLook).not.toBe(await looks(dialog.getByTestId('import-store')))
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

/** How a control is drawn: its opacity, colours and pointer. */
test('the load dialog fills the title and version from the file checked last: another file, or one refused, does not keep the first one\'s; a title typed by hand stays', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'sec')
  await page.getByTestId('import-text').click()
  const dialog = page.getByTestId('import-dialog')
  await pick(page, 'T-RES-T.1-2016-MSW-E.docx', readFileSync(RES1_DOCX))
  await expect(dialog.getByTestId('field-version')).toHaveValue('Rev. Hammamet, 2016')
  await expect(dialog.getByTestId('field-title')).toHaveValue(/RESOLUTION 1/)
  // a file that is refused: what was filled from the one before goes with it
  await pick(page, 'notes.txt', Buffer.from('Some notes\nwith no resolution heading\n'))
  await expect(dialog.getByTestId('import-dialog-status')).toContainText(/heading/i)
  await expect(dialog.getByTestId('field-title')).toHaveValue('')
  await expect(dialog.getByTestId('field-version')).toHaveValue('')
  // Resolution 1 again, then Resolution 50: the title and version are Resolution 50's
  await pick(page, 'T-RES-T.1-2016-MSW-E.docx', readFileSync(RES1_DOCX))
  await expect(dialog.getByTestId('field-title')).toHaveValue(/RESOLUTION 1/)
  await pick(page, 'res50-2012-ar.txt', readFileSync(RES50_TEXT))
  await expect(dialog.getByTestId('import-found')).toContainText('القـرار 50')
  await expect(dialog.getByTestId('field-title')).toHaveValue(/القـرار 50/)
  await expect(dialog.getByTestId('field-version')).toHaveValue('المراجَع في دبي، 2012')
  // a title typed by hand is the user's: checking another file leaves it
  await dialog.getByTestId('field-title').fill('My own title')
  await pick(page, 'T-RES-T.1-2016-MSW-E.docx', readFileSync(RES1_DOCX))
  await expect(dialog.getByTestId('field-version')).toHaveValue('Rev. Hammamet, 2016')
  await expect(dialog.getByTestId('field-title')).toHaveValue('My own title')
})

async function looks(control: Locator): Promise<string> {
  return control.evaluate(el => { const s = getComputedStyle(el); return [s.opacity, s.backgroundColor, s.color, s.cursor].join(' ') })
}

/** The seeded Resolution 50 and its 2012 version. */
async function res50(page: Page): Promise<{ id: string; title: string }> {
  const d = (await documents(page.request)).find(x => x.title.startsWith('Resolution 50 – Cybersecurity'))
  if (!d) throw new Error('seeded Resolution 50 missing')
  return d
}

test('a drafter starts a proposal on Resolution 50 (2012), edits and exports it; the secretariat exports tracked and static DOCX and reads both back with no discrepancy', async ({ browser }) => {
  test.setTimeout(180_000)
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const res = await res50(page)
  const title = `APT proposal on Res 50 ${Date.now()}`

  // From the resolution's row: New proposal, MOD, version in force, co-sponsor, number.
  await page.locator(`[data-testid=doc-row][data-id="${res.id}"] [data-testid=row-new-proposal]`).click()
  const dialog = page.getByTestId('proposal-dialog')
  await expect(dialog.getByTestId('field-resolution')).toHaveValue(res.id)
  await expect(dialog.getByTestId('field-version').locator('option')).toHaveText(['Rev. Dubai, 2012'])
  await expect(dialog.getByTestId('field-proposing')).toHaveValue('APT')
  await dialog.getByTestId('field-cosponsors').fill('ARB')
  await dialog.getByTestId('field-proposalId').fill('APT/44A13/1')
  await dialog.getByTestId('field-title').fill(title)
  await shot(page, 'cycle-new-proposal')
  await dialog.getByTestId('proposal-start').click()
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  const id = decodeURIComponent(page.url().split('#/doc/')[1]!)
  const meta = await (await page.request.get(`/api/documents/${id}`)).json()
  // the co-sponsor is invited (it co-sponsors once one of its drafters agrees)
  expect([meta.delegations, meta.invitedCosponsors]).toEqual([['APT'], ['ARB']])
  expect(meta.json.content.slice(0, 2).map((n: { type: string }) => n.type)).toEqual(['proposalHeader', 'proposalMarker'])

  // Edit the text in force: a word replaced.
  await caretAfter(page, 'غوادالاخارا')
  for (let i = 0; i < 'غوادالاخارا'.length; i++) await page.keyboard.press('Backspace')
  await page.keyboard.type('بوسان')
  await expect.poll(() => editorText(page)).toContain('بوسان')
  // the status chip and the presence list change width while the edit syncs and the editor loses focus; let them settle before clicking beside them
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await page.locator('.ProseMirror').blur()
  await expect(page.getByTestId('presence')).toContainText('Amal')
  await showChanges(page)
  await expect(page.locator('.ProseMirror .amend-ins', { hasText: 'بوسان' }).first()).toBeVisible()
  await shot(page, 'cycle-drafter-edit')

  // The drafter exports it (tracked DOCX), saved under the proposal number.
  await page.getByTestId('export-menu').locator('summary').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()])
  expect(download.suggestedFilename()).toBe('APT-44A13-1-tracked.docx')
  const drafterDocx = readFileSync(await download.path())
  expect(drafterDocx.subarray(0, 2).toString()).toBe('PK')
  await amal.context.close()

  // The secretariat: the export dialog, tracked and static.
  const sec = await signedInPage(browser, 'sec')
  await sec.page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(sec.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  const files: Record<string, Buffer> = {}
  for (const format of ['docx', 'docx-static'] as const) {
    await sec.page.getByTestId('export-dialog-open').click()
    const ex = sec.page.getByTestId('export-dialog')
    await expect(ex.getByTestId('field-proposalId')).toHaveValue('APT/44A13/1')
    await expect(ex.getByTestId('field-documentNumber')).toHaveAttribute('placeholder', '44')
    await expect(ex.getByTestId('field-addendum')).toHaveAttribute('placeholder', '13')
    await ex.getByTestId('field-reasons').fill('تحديث القرار ليعبر عن التطورات منذ عام 2012.')
    await ex.getByTestId('field-format').selectOption(format)
    if (format === 'docx') await shot(sec.page, 'cycle-export-dialog')
    const [file] = await Promise.all([sec.page.waitForEvent('download'), ex.getByTestId('export-go').click()])
    expect(file.suggestedFilename()).toBe(format === 'docx' ? 'APT-44A13-1-tracked.docx' : 'APT-44A13-1-static.docx')
    await expect(ex.getByTestId('export-dialog-status')).toContainText(file.suggestedFilename())
    files[format] = readFileSync(await file.path())
    await ex.getByRole('button', { name: 'Close' }).click()   // once a file is exported, nothing is left to cancel (44bfd3e)
  }

  // Read both back on the version in force: the base check finds no discrepancy; stored as proposals.
  const stored: string[] = []
  for (const [format, bytes] of Object.entries(files)) {
    await sec.page.goto('/#/')
    await sec.page.getByTestId('read-docx').click()
    const rd = sec.page.getByTestId('read-docx-dialog')
    await rd.getByTestId('field-resolution').selectOption(res.id)
    await expect(rd.getByTestId('field-version').locator('option')).toHaveCount(1)
    await pick(sec.page, `APT-44A13-1-${format}.docx`, bytes)
    await expect(rd.getByTestId('base-check')).toHaveAttribute('data-ok', 'true')
    await expect(rd.getByTestId('docx-found')).toContainText(format === 'docx' ? '2 tracked revisions — APT (+1 −1)' : 'Revision formatting (underlined / struck runs): +1 −1')
    await shot(sec.page, `cycle-read-${format}`)
    await rd.getByTestId('field-title').fill(`Read back (${format}) ${title}`)
    await rd.getByTestId('field-delegations').fill('APT, ARB')
    await rd.getByTestId('docx-store').click()
    await expect(rd).toHaveCount(0)
    const doc = (await documents(sec.page.request)).find(d => d.title === `Read back (${format}) ${title}`)
    expect(doc?.kind).toBe('proposal')
    stored.push(doc!.id)
  }
  // Both read back as the same proposal, and as the drafter's text: nothing added, suppressed or modified between them.
  for (const [a, b] of [[stored[0]!, stored[1]!], [id, stored[0]!]]) {
    const cmp = await (await sec.page.request.get(`/api/compare?old=d:${a}&new=d:${b}`)).json()
    const c = cmp.summary.counts
    expect([c.MOD, c.ADD, c.SUP], JSON.stringify(c)).toEqual([0, 0, 0])
  }
  // A file that is no Word proposal is refused with a clear message; nothing stored.
  const count = (await documents(sec.page.request)).length
  await sec.page.getByTestId('read-docx').click()
  await pick(sec.page, 'notes.docx', Buffer.from('plain text, not a zip'))
  await expect(sec.page.getByTestId('read-docx-dialog-status')).toHaveText('The file is not a Word document (.docx): save it in Word as a .docx document, and choose it again.')
  await expect(sec.page.getByTestId('docx-store')).toBeDisabled()
  expect((await documents(sec.page.request)).length).toBe(count)
  await sec.context.close()
})

test('proposal settings change the MOD line (action and number) in one undoable step; a bad number is refused; resolutions have no such entry', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  const res = await res50(page)
  await page.goto(`/#/doc/${encodeURIComponent(res.id)}`)
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  await expect(page.getByTestId('proposal-settings-open')).toBeHidden()
  const started = await page.request.post('/api/documents/new-proposal', { data: { title: `Settings test ${Date.now()}`, action: 'MOD', baseVersionId: (await (await page.request.get(`/api/documents/${res.id}/versions`)).json())[0].id, delegations: ['Secretariat'], proposalId: 'APT/44A13/1' } })
  expect(started.status()).toBe(201)
  const id = (await started.json()).id
  await page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  const line = page.locator('.ProseMirror p.Proposal')
  await expect(line).toHaveAttribute('data-action', 'MOD')
  await expect(line).toContainText('APT/44A13/1')

  await page.getByTestId('proposal-settings-open').click()
  const sheet = page.getByTestId('proposal-settings')
  await expect(sheet.getByTestId('field-markerId')).toHaveValue('APT/44A13/1')
  await sheet.getByTestId('field-markerId').fill('APT-44-2')
  await sheet.getByTestId('proposal-settings-apply').click()
  await expect(sheet.getByTestId('proposal-settings-status')).toContainText('not a proposal number')
  await expect(line).toContainText('APT/44A13/1')
  await sheet.getByTestId('field-markerAction').selectOption('SUP')
  await sheet.getByTestId('field-markerId').fill('apt/44a13/2')
  await sheet.getByTestId('proposal-settings-apply').click()
  await expect(sheet).toHaveCount(0)
  await expect(line).toHaveAttribute('data-action', 'SUP')
  await expect(line).toContainText('APT/44A13/2')
  // it reaches the server like any edit
  await expect.poll(async () => (await (await page.request.get(`/api/documents/${id}`)).json()).json.content.find((n: { type: string }) => n.type === 'proposalMarker')?.attrs)
    .toEqual({ action: 'SUP', proposalId: 'APT/44A13/2', revision: null })
  // and Ctrl-Z undoes it
  await page.locator('.ProseMirror').focus()
  await page.keyboard.press('Control+z')
  await expect(line).toHaveAttribute('data-action', 'MOD')
  await expect(line).toContainText('APT/44A13/1')
  await sec.context.close()
})

test('history: a version is opened read-only, compared, and restored as a new change with checkpoints', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const page = sec.page
  const res = await res50(page)
  // a fresh resolution document to restore on (the seeded one stays as it is)
  const started = await page.request.post('/api/documents/new-proposal', { data: { title: `History test ${Date.now()}`, action: 'MOD', baseVersionId: (await (await page.request.get(`/api/documents/${res.id}/versions`)).json())[0].id, delegations: ['Secretariat'] } })
  expect(started.status()).toBe(201)
  const id = (await started.json()).id
  expect((await page.request.post(`/api/documents/${id}/versions`, { data: { name: 'Before the edit' } })).status()).toBe(201)
  await page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  await caretAfter(page, 'الأمن السيبراني')
  await page.keyboard.type(' المعدَّل')
  await expect.poll(() => editorText(page)).toContain('الأمن السيبراني المعدَّل')
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')

  await page.getByTestId('history-toggle').click()
  const panel = page.getByTestId('history-panel')
  await shot(page, 'cycle-history-panel')
  const item = panel.locator('[data-testid=history-item][data-name="Before the edit"]')
  await expect(item).toContainText('Secretariat (Secretariat)')
  await item.getByTestId('history-open').click()
  await expect(page.getByTestId('version-page')).toContainText('الأمن السيبراني')
  await expect(page.getByTestId('version-page')).not.toContainText('المعدَّل')
  await shot(page, 'cycle-history-open')
  // its Close button stays at the foot of the sheet, in view, however long the version
  const close = page.getByTestId('version-view').getByRole('button', { name: 'Close' })
  await expect(close).toBeInViewport()
  await close.click()
  await expect(page.getByTestId('version-view')).toHaveCount(0)

  page.once('dialog', d => d.accept())
  await item.getByTestId('history-restore').click()
  await expect(panel.getByTestId('history-status')).toContainText('Before the edit')
  await expect.poll(() => editorText(page)).not.toContain('المعدَّل')
  await expect(panel.getByTestId('history-item')).toHaveCount(3)
  await expect(panel.locator('[data-testid=history-item][data-automatic=true]')).toHaveCount(2)
  await shot(page, 'cycle-history-restored')
  // the checkpoint kept the text that was replaced: compare it with the current text
  const checkpoint = panel.locator('[data-testid=history-item][data-name^="⟲ before restoring"]')
  await expect(checkpoint.locator('.name')).toHaveText('before restoring “Before the edit”')
  // in the Arabic interface the server's checkpoints are named in Arabic; a named version as it was named
  await page.getByTestId('ui-lang').click()
  if (await panel.isHidden()) await page.getByTestId('history-toggle').click()
  await expect(checkpoint.locator('.name')).toHaveText('قبل استعادة «Before the edit»')
  await expect(item.locator('.name')).toHaveText('Before the edit')
  await page.getByTestId('ui-lang').click()
  if (await panel.isHidden()) await page.getByTestId('history-toggle').click()
  await checkpoint.getByTestId('history-compare').selectOption({ index: 1 })
  await expect(page).toHaveURL(/#\/compare\?/)
  await sec.context.close()
})

test('find and replace in Arabic (Ctrl-F / Ctrl-H): labels never match; keyboard help and accessible names', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const seeded = (await documents(page.request)).find(d => d.title === 'APT proposal on Resolution 50')!
  const fresh = await page.request.post(`/api/documents/${seeded.baseDocumentId}/proposal`, { data: { title: `Find test ${Date.now()}`, baseVersionId: seeded.baseVersionId, delegations: ['APT'] } })
  const id = (await fresh.json()).id
  await page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'نص القرار' })).toBeVisible()
  await expect(page.getByRole('toolbar', { name: 'أدوات التحرير' })).toBeVisible()

  await page.locator('.ProseMirror').focus()
  await page.keyboard.press('Control+f')
  const bar = page.getByTestId('find-bar')
  await expect(bar).toBeVisible()
  await page.getByTestId('find-input').fill('غوادالاخارا')
  const count = Number((await page.getByTestId('find-count').textContent())!.split(' ').pop())
  expect(count).toBeGreaterThan(1)
  await expect(page.locator('.ProseMirror .find-match')).toHaveCount(count)
  // a derived label is never text: "ب )" is drawn before provisions, and never found
  await page.getByTestId('find-input').fill('ب )')
  await expect(page.getByTestId('find-count')).toHaveText('لا نتائج')
  await page.getByTestId('find-input').fill('غوادالاخارا')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('find-count')).toHaveText(`2 من ${count}`)
  await shot(page, 'cycle-find-arabic')

  await page.keyboard.press('Control+h')
  await expect(page.getByTestId('replace-input')).toBeFocused()
  await page.getByTestId('replace-input').fill('بوسان')
  await page.getByTestId('replace-one').click()
  await expect(page.locator('.ProseMirror .find-match')).toHaveCount(count - 1)
  await page.getByTestId('replace-all').click()
  await expect(page.getByTestId('find-count')).toHaveText('لا نتائج')
  const text = await editorText(page)
  expect(text).not.toContain('غوادالاخارا')
  expect(text.split('بوسان').length - 1).toBeGreaterThanOrEqual(count)
  await shot(page, 'cycle-replace-arabic')
  // one undo step takes "replace all" back
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+z')
  await expect.poll(() => editorText(page)).toContain('غوادالاخارا')

  // The amendment view: only the current text is searched, never the struck base text shown beside it
  // (the search starts from the caret: the next replacement is made in 'recalling a)', not in 'b)' typed into below)
  await caretAfter(page, 'القرار 130')
  await page.keyboard.press('Control+h')
  await page.getByTestId('find-input').fill('غوادالاخارا')
  // (the undo took back "replace all", and the single replacement before it too when both fell in one undo step)
  const restored = await page.locator('.ProseMirror .find-match').count()
  expect(restored).toBeGreaterThanOrEqual(count - 1)
  await page.getByTestId('replace-input').fill('بوسان')
  await page.getByTestId('replace-one').click()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  // (the presence list is empty at this point and fills in when the editor loses focus, moving the toggle under the pointer: let it settle first)
  await page.locator('.ProseMirror').blur()
  await expect(page.getByTestId('presence')).toContainText('Amal')
  await showChanges(page)
  await expect(page.locator('.ProseMirror del.amend-del', { hasText: 'غوادالاخارا' }).first()).toBeVisible()
  await page.keyboard.press('Control+f')
  await page.getByTestId('find-input').fill('غوادالاخارا')
  await expect(page.getByTestId('find-count')).toContainText(`من ${restored - 1}`)
  await expect(page.locator('.ProseMirror .find-match')).toHaveCount(restored - 1)
  await expect(page.locator('.ProseMirror del .find-match, .ProseMirror .amend-del .find-match')).toHaveCount(0)
  await shot(page, 'cycle-find-amendment-view')
  await page.keyboard.press('Escape')

  // `?` outside the text opens the shortcut help
  await page.getByTestId('history-toggle').focus()
  await page.keyboard.press('?')
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Ctrl-H')
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Ctrl-Home / Ctrl-End')
  await shot(page, 'cycle-shortcuts')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0)
  // an announcement of each change's class for screen readers
  await caretAfter(page, 'القرار 174')
  await page.keyboard.type(' المعدَّل')
  await expect(page.getByTestId('announcer')).toContainText(/تغيير: MOD ب\s?\) معدّلة/)
  await expect(page.getByTestId('changes-panel')).toHaveAttribute('aria-label', 'التغييرات مقارنة بالأساس')
  await amal.context.close()
})

test('a reviewer comments on a proposal and the delegation sees it; the text stays read-only', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const seeded = (await documents(amal.page.request)).find(d => d.title === 'APT proposal on Resolution 50')!
  const fresh = await amal.page.request.post(`/api/documents/${seeded.baseDocumentId}/proposal`, { data: { title: `Review test ${Date.now()}`, baseVersionId: seeded.baseVersionId, delegations: ['APT'] } })
  const id = (await fresh.json()).id
  await amal.page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(amal.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  const rita = await signedInPage(browser, 'rita')
  await rita.page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(rita.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  await expect(rita.page.getByTestId('read-only')).toBeVisible()
  await rita.page.locator('.ProseMirror .provision').first().click()
  const panel = rita.page.getByTestId('comments-panel')
  await panel.locator('textarea').fill('Please check the reference to Resolution 130.')
  await panel.locator('form button[type=submit]').click()
  await expect(amal.page.getByTestId('comments-panel')).toContainText('Please check the reference to Resolution 130.')
  await expect(rita.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await shot(rita.page, 'cycle-reviewer-comment')
  await amal.context.close()
  await rita.context.close()
})
