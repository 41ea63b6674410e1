/**
 * The end of a cycle: the Secretariat adopts an agreed proposal as its
 * resolution's new version in force, named as the proposal's heading names
 * it, and the next cycle's proposals start on that version.
 */
import { expect, test } from '@playwright/test'
import { caretAfter, importResolution, openDocument, selectText, shot, signedInPage } from './helpers.js'

test('the Secretariat adopts a proposal as the new version in force; the next proposal starts on it', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'sec')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  // a resolution of its own (the seeded one is other tests' text in force), its version, a proposal on it
  const title = `Res 50 to adopt ${Date.now()}`
  const { id: resolution, versionId } = await importResolution(page.request, title)
  const started = await page.request.post(`/api/documents/${resolution}/proposal`, { data: { title: `Agreed ${Date.now()}`, action: 'MOD', baseVersionId: versionId, delegations: ['Secretariat'], proposalId: 'APT/44A13/1' } })
  expect(started.status()).toBe(201)
  const proposal = (await started.json() as { id: string }).id

  // the agreed text: a changed provision and the heading of the new revision
  await openDocument(page, proposal)
  await caretAfter(page, 'وقوع حوادث سيبرانية')
  await page.keyboard.type(' جسيمة')
  await caretAfter(page, 'المراجَع في دبي، 2012')
  for (let k = 0; k < 'دبي، 2012'.length; k++) await page.keyboard.press('Backspace')
  await page.keyboard.type('جنيف، 2028')
  await expect(page.locator('.ProseMirror')).toContainText('المراجَع في جنيف، 2028')

  await page.getByTestId('adopt-open').click()
  await expect(page.getByTestId('dialog-text')).toHaveValue('المراجَع في جنيف، 2028')
  await shot(page, 'adopt-dialog-ar')
  await page.getByTestId('dialog-ok').click()
  // taken to the resolution, whose text is now the agreed one, without the proposal's cover and MOD line
  await expect(page).toHaveURL(new RegExp(`#/doc/${resolution}$`))
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toContainText('وقوع حوادث سيبرانية جسيمة')
  await expect(page.locator('.ProseMirror p.Proposal')).toHaveCount(0)
  const versions = await (await page.request.get(`/api/documents/${resolution}/versions`)).json() as { id: string; name: string }[]
  expect(versions.map(v => v.name)).toEqual(['المراجَع في دبي، 2012', '⟲ before adopting “المراجَع في جنيف، 2028”', 'المراجَع في جنيف، 2028'])
  await page.getByTestId('history-toggle').click()
  await expect(page.getByTestId('history-panel')).toContainText('قبل اعتماد «المراجَع في جنيف، 2028»')

  // the next cycle: a delegate's "new proposal" offers the versions in force, the adopted one first, not the checkpoint
  const amal = await signedInPage(browser, 'amal')
  await amal.page.locator(`[data-testid=doc-row][data-id="${resolution}"] [data-testid=row-new-proposal]`).click()
  const dialog = amal.page.getByTestId('proposal-dialog')
  await expect(dialog.getByTestId('field-version').locator('option')).toHaveText(['المراجَع في جنيف، 2028', 'المراجَع في دبي، 2012'])
  await expect(dialog.getByTestId('field-title')).toHaveValue(`مقترح APT (MOD) بشأن ${title}`)
  await amal.context.close()
  const next = await page.request.post(`/api/documents/${resolution}/proposal`, { data: { title: `Next cycle ${Date.now()}`, action: 'MOD', baseVersionId: versions[2]!.id, delegations: ['APT'] } })
  expect(next.status()).toBe(201)
  await openDocument(page, (await next.json() as { id: string }).id)
  await expect(page.locator('.ProseMirror')).toContainText('وقوع حوادث سيبرانية جسيمة')
  // its export offers the versions in force as bases, not the checkpoint, under Arabic labels
  await page.getByTestId('export-dialog-open').click()
  const exportDialog = page.getByTestId('export-dialog')
  await expect(exportDialog.getByTestId('field-base').locator('option')).toHaveText(['—', 'المراجَع في دبي، 2012', 'المراجَع في جنيف، 2028'])
  await expect(exportDialog).not.toContainText('Acronym')
  await context.close()
})

test('a draft new resolution is adopted as a resolution of its own once its heading gives its number; before, the refusal says what to do', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'sec')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  const started = await page.request.post('/api/documents/new-proposal', { data: { title: `New resolution ${Date.now()}`, action: 'ADD', lang: 'ar', delegations: ['Secretariat'], proposalId: 'APT/44A20/1' } })
  expect(started.status(), await started.text()).toBe(201)
  const draft = (await started.json() as { id: string }).id
  const json = (await (await page.request.get(`/api/documents/${draft}`)).json() as { json: { content: { type: string; content?: { text: string }[] }[] } }).json
  const draftHeading = json.content.find(n => n.type === 'resolutionHeading')!.content![0]!.text
  expect(draftHeading).toMatch(/^مشروع قرار جديد \[APT-\d+\]$/)
  await openDocument(page, draft)
  await page.getByTestId('adopt-open').click()
  await page.getByTestId('dialog-text').fill('جنيف، 2028')
  await page.getByTestId('dialog-ok').click()
  await expect(page.getByTestId('error-notice')).toContainText('ما زال العنوان عنوانَ المشروع')
  await page.getByTestId('error-notice').getByRole('button').click()

  // the Secretariat gives it its number, place and year
  await selectText(page, draftHeading)
  await page.keyboard.type('القرار 99 (جنيف، 2028)')
  await expect(page.locator('.ProseMirror')).toContainText('القرار 99 (جنيف، 2028)')
  await page.getByTestId('adopt-open').click()
  await expect(page.getByTestId('dialog-text')).toHaveValue('جنيف، 2028')
  await page.getByTestId('dialog-ok').click()
  await expect(page).toHaveURL(/#\/doc\//)
  await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toContainText('القرار 99 (جنيف، 2028)')
  await expect(page.locator('.ProseMirror p.Proposal')).toHaveCount(0)
  const docs = await (await page.request.get('/api/documents')).json() as { id: string; title: string; kind: string }[]
  const adopted = docs.find(d => d.kind === 'resolution' && d.title.startsWith('القرار 99 (جنيف، 2028)'))
  expect(adopted).toBeTruthy()
  await context.close()
})

test('a proposal drafted on an older version than the one in force: the Secretariat is told what adopting it would undo, and adopts it only when confirmed', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'sec')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  const title = `Res 50 two proposals ${Date.now()}`
  const { id: resolution, versionId } = await importResolution(page.request, title)
  const start = async (name: string) => (await (await page.request.post(`/api/documents/${resolution}/proposal`, { data: { title: `${name} ${Date.now()}`, action: 'MOD', baseVersionId: versionId, delegations: ['Secretariat'] } })).json() as { id: string }).id
  const [first, second] = [await start('first'), await start('second')]
  // the first is adopted: the version in force is now its
  expect((await page.request.post(`/api/documents/${resolution}/adopt`, { data: { from: first, name: 'المراجَع في جنيف، 2028' } })).status()).toBe(201)

  await openDocument(page, second)
  // the page says so, calmly, with the way to see what changed since
  const note = page.getByTestId('older-base-note')
  await expect(note).toContainText('المراجَع في دبي، 2012')
  await expect(note).toContainText('المراجَع في جنيف، 2028')
  await shot(page, 'older-base-note-ar')
  await page.getByTestId('adopt-open').click()
  const message = page.getByTestId('dialog-message')
  await expect(message).toContainText('المراجَع في دبي، 2012')
  await expect(message).toContainText('المراجَع في جنيف، 2028')
  await expect(page.getByTestId('dialog-ok')).toHaveText('اعتماده مع ذلك')
  await shot(page, 'adopt-older-base-ar')
  // not confirmed: nothing is asked further, nothing adopted
  await page.getByRole('button', { name: 'إلغاء' }).click()
  await expect(page.getByTestId('dialog-text')).toHaveCount(0)
  const versions = async () => (await (await page.request.get(`/api/documents/${resolution}/versions`)).json() as { name: string }[]).map(v => v.name)
  expect(await versions()).toHaveLength(3)

  // confirmed: named, adopted, the text it replaced kept as a checkpoint
  await page.getByTestId('adopt-open').click()
  await page.getByTestId('dialog-ok').click()
  await page.getByTestId('dialog-text').fill('المراجَع في جنيف، 2028 (ب)')
  await page.getByTestId('dialog-ok').click()
  await expect(page).toHaveURL(new RegExp(`#/doc/${resolution}$`))
  expect((await versions()).slice(3)).toEqual(['⟲ before adopting “المراجَع في جنيف، 2028 (ب)”', 'المراجَع في جنيف، 2028 (ب)'])
  // the first proposal, drafted on 2012 too: its note leads to the comparison of the version in force with it
  await openDocument(page, first)
  await page.getByTestId('older-base-note').getByRole('link').click()
  await expect(page).toHaveURL(/#\/compare\?old=v(:|%3A).+&new=d(:|%3A)/)
  await expect(page.getByTestId('summary')).toContainText('MOD')
  // the documents list marks both proposals (drafted on 2012), not the resolution; the mark is a word the filter finds
  await page.goto('/#/')
  await page.getByTestId('doc-filter').fill(title)
  const badge = (id: string) => page.locator(`[data-testid=doc-row][data-id="${id}"] [data-testid=older-base-badge]`)
  await expect(badge(first)).toHaveText('نسخة أقدم')
  await expect(badge(second)).toHaveText('نسخة أقدم')
  await expect(badge(resolution)).toHaveCount(0)
  await page.getByTestId('doc-filter').fill(`${title} أقدم`)
  await expect(page.locator('[data-testid=doc-row]:visible')).toHaveCount(2)
  await shot(page, 'older-base-list-ar')
  await context.close()
})
