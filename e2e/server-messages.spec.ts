/**
 * What the server refuses or warns of, said in the interface's language: an Arabic
 * interface says it in Arabic (the server's own English detail, when there
 * is one, follows it isolated), an English one in English.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type WebSocketRoute } from '@playwright/test'
import * as encoding from 'lib0/encoding'
import { caretAfter, documents, freshProposal, importResolution, openDocument, serverMessage, shot, signedInPage } from './helpers.js'

test('a document that does not exist: Arabic in the Arabic interface, English in the English one', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  await expect(amal.page.locator('html')).toHaveAttribute('lang', 'ar')
  await amal.page.goto('/#/doc/no-such-document')
  const error = amal.page.getByTestId('page-error')
  await expect(error).toContainText('هذه الوثيقة غير موجودة')
  await expect(amal.page.locator('#app')).not.toContainText('no such document')
  await shot(amal.page, 'server-message-ar')
  // the way back to the list of documents
  await amal.page.getByRole('link', { name: 'الوثائق' }).last().click()
  await expect(amal.page.getByTestId('doc-row').first()).toBeVisible()
  await amal.context.close()

  const rita = await signedInPage(browser, 'rita')
  await rita.page.goto('/#/doc/no-such-document')
  await expect(rita.page.getByTestId('page-error')).toContainText('This document does not exist')
  await rita.context.close()
})

test('an import\'s warnings: Arabic in the Arabic interface, each beside the line it is about', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'sec')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await page.getByTestId('import-text').click()
  const dialog = page.getByTestId('import-dialog')
  const text = [
    'RESOLUTION 99 (Geneva, 2024)',
    'A test resolution',
    'considering',
    'c)\tthat this item is lettered c) where a) is its place;',
    'resolves',
    '1\tto refer to considering f),'
  ].join('\n') + '\n'
  await dialog.getByTestId('field-file').setInputFiles({ name: 'warnings.txt', mimeType: 'text/plain', buffer: Buffer.from(text) })
  const warnings = dialog.getByTestId('warnings')
  await expect(warnings.locator('li')).toHaveCount(2)
  // (the values are isolated: a Latin label keeps its order inside the Arabic sentence)
  const isolated = (value: string) => `\u2068${value}\u2069`
  await expect(warnings.locator('li').first()).toContainText(`الترقيم «${isolated('c)')}» ليس الترقيم المشتق من موضعه «${isolated('a)')}»`)
  await expect(warnings.locator('li').last()).toContainText(`لا فقرة ${isolated('f)')} في قسم «${isolated('considering')}»`)
  await expect(warnings).not.toContainText('kept as')
  // counts in Arabic's dual (two sections, two provisions, two warnings, with the pronoun that goes with them)
  await expect(dialog.getByTestId('import-found')).toContainText('قسمان، فقرتان')
  await expect(dialog.getByText('تحذيران — اقرأهما قبل الحفظ:')).toBeVisible()
  await shot(page, 'import-warnings-ar')

  // an old Word file (.doc): what is wrong with it and what to do, all in Arabic
  await dialog.getByTestId('field-file').setInputFiles({ name: 'old.doc', mimeType: 'application/msword', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]) })
  await expect(dialog.getByTestId('import-dialog-status')).toHaveText('الملف مستند Word قديم (\u200e.doc) أو محمي بكلمة مرور: احفظه في Word بصيغة \u200e.docx دون كلمة مرور، ثم اختره من جديد.')
  await expect(dialog.getByTestId('import-store')).toBeDisabled()
  await shot(page, 'import-old-doc-ar')
  await context.close()
})

test('a proposal number the settings sheet refuses: Arabic in the Arabic interface, with what was typed', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `Arabic settings ${Date.now()}`, ['APT'], { action: 'MOD', proposalId: 'APT/44A13/1' })
  await openDocument(page, id)
  await page.getByTestId('proposal-settings-open').click()
  const sheet = page.getByTestId('proposal-settings')
  await sheet.getByTestId('field-markerId').fill('APT-44-2')
  await sheet.getByTestId('proposal-settings-apply').click()
  const status = sheet.getByTestId('proposal-settings-status')
  await expect(status).toContainText('رقم المقترح ليس على الشكل APT/44A13/1')
  await expect(status).toContainText('APT-44-2')
  await expect(page.locator('.ProseMirror p.Proposal')).toContainText('APT/44A13/1')
  await shot(page, 'proposal-settings-refused-ar')
  await context.close()
})

test('a Word proposal read against another text in force: each discrepancy said in words in Arabic; against a text in another script, refused in Arabic', async ({ browser }) => {
  const { page, context } = await signedInPage(browser, 'sec')
  await page.getByTestId('ui-lang').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  const all = await documents(page.request)
  const apt = all.find(d => d.title === 'APT proposal on Resolution 50')!
  const exported = await page.request.get(`/api/documents/${encodeURIComponent(apt.id)}/export?format=docx`)
  expect(exported.status()).toBe(200)
  const docx = { name: 'apt.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await exported.body() }
  // a copy of the 2012 text in which Study Group 17 became Study Group 2: the proposal's base differs from it there
  const altered = readFileSync('fixtures/res50-2012-ar.txt', 'utf8').replace('لجنة الدراسات 17', 'لجنة الدراسات 2')
  const title = `Res 50 altered ${Date.now()}`
  await importResolution(page.request, title, { text: altered, version: 'altered' })
  await page.reload()

  await page.getByTestId('read-docx').click()
  const dialog = page.getByTestId('read-docx-dialog')
  await dialog.getByTestId('field-resolution').selectOption({ label: title })
  await expect(dialog.getByTestId('field-version').locator('option')).toHaveCount(1)
  await dialog.getByTestId('field-file').setInputFiles(docx)
  await expect(dialog.getByTestId('base-check')).toHaveAttribute('data-ok', 'false')
  const texts = (await dialog.getByTestId('discrepancies').locator('li').allTextContents()).join('\n')
  expect(texts).toContain('النص مختلف')
  for (const code of ['different-text', 'missing-from-base', 'not-in-force', 'renumbered']) expect(texts).not.toContain(code)
  // how many places, in the form Arabic gives that number (no «موضع(مواضع)»)
  const count = (await dialog.getByTestId('discrepancies').locator('li').count())
  const places = count === 1 ? 'موضع واحد' : count === 2 ? 'موضعين' : count <= 10 ? `${count} مواضع` : `${count} موضعاً`
  await expect(dialog.getByTestId('base-check').locator('p').first()).toHaveText(`فحص الأساس: يختلف الأساس عن النسخة النافذة في ${places}:`)
  await shot(page, 'read-docx-discrepancies-ar')

  // Resolution 1 is English: the Arabic proposal is refused, all in Arabic, naming both languages and what to choose (no English
  // detail, no advice for scripts)
  const res1 = all.find(d => d.kind === 'resolution' && d.title.startsWith('Resolution 1 '))!
  await dialog.getByTestId('field-resolution').selectOption(res1.id)
  await expect(dialog.getByTestId('field-version').locator('option')).not.toHaveCount(0)
  await dialog.getByTestId('docx-check').click()
  await expect(dialog.getByTestId('read-docx-dialog-status')).toHaveText('ملف Word بالعربية والنسخة النافذة المختارة بالإنكليزية: اختر نسخة نافذة بالعربية.')
  await expect(dialog.getByTestId('docx-store')).toBeDisabled()
  await context.close()
})

test('a server that cannot share changes with the other servers says so in the connection status, and says when it can again', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await freshProposal(amal.page.request, `APT apart ${Date.now()}`, ['APT'])
  // the notice is the server's message (server/collab/fan-out.ts sends it when Redis fails), spoken here for the server
  let toPage: WebSocketRoute | null = null
  await amal.page.routeWebSocket(/\/collab/, ws => {
    const server = ws.connectToServer()
    ws.onMessage(m => server.send(m))
    server.onMessage(m => ws.send(m))
    toPage = ws
  })
  await openDocument(amal.page, id)
  const status = amal.page.getByTestId('status')
  await expect(status).toHaveAttribute('data-status', 'online')
  const notice = (shared: boolean) => serverMessage(id, 5, e => encoding.writeVarString(e, JSON.stringify({ type: 'fan-out', shared })))
  toPage!.send(notice(false))
  await expect(status).toHaveAttribute('data-status', 'apart')
  await expect(status).toHaveText('متصل، دون مشاركة مع الخوادم الأخرى')
  await shot(amal.page, 'status-apart')
  // typing goes on, saved on this server
  await caretAfter(amal.page, 'الأمن السيبراني')
  await amal.page.keyboard.type(' محفوظ')
  await expect(status).toHaveAttribute('data-status', 'apart')
  toPage!.send(notice(true))
  await expect(status).toHaveAttribute('data-status', 'online')
  await amal.context.close()
})

test('a server that cannot store changes says so in the connection status until what was typed is stored', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await freshProposal(amal.page.request, `APT store fails ${Date.now()}`, ['APT'])
  // the server's side of a store failure (server/extensions/persistence.ts), spoken here for the server: the change
  // is neither stored nor acknowledged, and the socket is closed with STORE_FAILED so that the page sends it again
  let failing: WebSocketRoute | null = null
  let holding = false
  const held: (() => void)[] = []
  let toPage: WebSocketRoute | null = null
  await amal.page.routeWebSocket(/\/collab/, ws => {
    const server = ws.connectToServer()
    ws.onMessage(m => { if (ws === failing) return; if (holding) held.push(() => server.send(m)); else server.send(m) })
    server.onMessage(m => ws.send(m))
    toPage = ws
  })
  await openDocument(amal.page, id)
  const status = amal.page.getByTestId('status')
  await expect(status).toHaveAttribute('data-status', 'online')
  failing = toPage
  await caretAfter(amal.page, 'الأمن السيبراني')
  await amal.page.keyboard.type(' غير محفوظ')
  await expect(status).toHaveAttribute('data-status', 'syncing')
  holding = true   // the store is still failing when the page comes back: its new socket waits
  await failing!.close({ code: 1011, reason: 'the server could not store a change; it will be sent again' })
  await expect(status).toHaveAttribute('data-status', 'unsaved')
  await expect(status).toHaveText('لم يُحفظ: يتعذر على الخادم حفظ التغييرات الآن')
  await expect(status).toHaveAttribute('title', /تبقى تغييراتك في هذا المتصفح/)
  await shot(amal.page, 'status-unsaved')
  // the store is back: the change goes again on the new socket, and once it is stored the status says so
  holding = false
  for (const send of held.splice(0)) send()
  await expect(status).toHaveAttribute('data-status', 'online', { timeout: 15_000 })
  const stored = await amal.page.request.get(`/api/documents/${encodeURIComponent(id)}`)
  expect(JSON.stringify(await stored.json())).toContain('غير محفوظ')
  await amal.context.close()
})
