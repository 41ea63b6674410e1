/**
 * A committee draft from start to agreement, in three browsers: the
 * secretariat compiles the three proposals on Resolution 50 (the seeded APT
 * proposal and two test proposals), starts a committee draft from the
 * synoptic view; Amal (APT) brackets a phrase; Amal and Salma (ARB) add an
 * option to that bracket at the same time (Salma offline, so neither sees
 * the other's first) and both options survive, in both browsers and after
 * a reload; the secretariat agrees on Salma's (the brackets go, its text
 * stays); the amendment view colours changes per delegation; the history
 * lists the bracket operations; the tracked DOCX, read back through
 * LibreOffice, names each source as a revision's author.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { convertWithLibreOffice, sofficePath } from '../export/libreoffice.js'
import { editorText, openDocument, selectText, shot, signedInPage, showChanges } from './helpers.js'

const text = (p: string) => readFileSync(new URL(`../fixtures/compilation/${p}`, import.meta.url), 'utf8')

/** A phrase of the draft's first operative provision found once in the whole text (to select it). */
async function uniquePhrase(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (window as unknown as { resdraft: { view: { state: { doc: { textContent: string; descendants(f: (n: { type: { name: string }; textContent: string; attrs: Record<string, unknown> }) => boolean): void } } } } }).resdraft.view.state.doc
    let found = ''
    let inOperative = false
    doc.descendants(n => {
      if (found) return false
      if (n.type.name === 'operativeSection') inOperative = true
      if (inOperative && n.type.name === 'paragraph' && n.textContent.length > 40) {
        const words = n.textContent.split(' ')
        for (let k = 3; k <= words.length && !found; k++) {
          const phrase = words.slice(1, k).join(' ')
          const all = doc.textContent
          if (phrase.length > 8 && all.indexOf(phrase) === all.lastIndexOf(phrase)) found = phrase
        }
      }
      return true
    })
    return found
  })
}

/** Clicks the option of the page's only inline bracket holding `optionText` (opens the bracket menu). */
async function openOption(page: Page, optionText: string): Promise<void> {
  await page.locator('.ProseMirror .bracket-option').filter({ hasText: optionText }).first().click()
  await expect(page.getByTestId('bracket-menu')).toBeVisible()
}

/** Adds an option to the bracket holding `onOption`, through the menu and its dialog. */
async function addOption(page: Page, onOption: string, optionText: string): Promise<void> {
  await openOption(page, onOption)
  await page.getByTestId('menu-add-option').click()
  await page.getByTestId('dialog-text').fill(optionText)
  await page.getByTestId('dialog-ok').click()
}

const optionTexts = (page: Page) => page.locator('.ProseMirror .bracket .option-text').allTextContents()

test('a committee draft: compiled, started, bracketed, options added at once by two delegations, agreed, exported with sources as authors', async ({ browser }) => {
  test.setTimeout(240_000)
  const sec = await signedInPage(browser, 'sec')
  const ids: string[] = []
  for (const [file, title, delegation] of [['res50-arb-test-ar.txt', 'ARB test proposal', 'ARB'], ['res50-afcp-test-ar.txt', 'AFCP test proposal', 'AFCP']] as const) {
    const r = await sec.page.request.post('/api/documents', { data: { title, text: text(file), kind: 'proposal', delegations: [delegation] } })
    expect(r.status()).toBe(201)
    ids.push((await r.json() as { id: string }).id)
  }
  const docs = await (await sec.page.request.get('/api/documents')).json() as { id: string; title: string; kind: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!

  // The synoptic view, then the committee draft started from it.
  await sec.page.getByTestId('compile-link').click()
  await sec.page.getByTestId('compile-base').selectOption({ value: `v:${apt.baseVersionId}` })
  for (const id of [apt.id, ...ids]) await sec.page.locator(`.compile-picks input[value="d:${id}"]`).check()
  await sec.page.getByTestId('compile-run').click()
  await expect(sec.page.getByTestId('source-head')).toHaveCount(3)
  await shot(sec.page, 'committee-synoptic')
  await expect(sec.page.getByTestId('committee-form')).toBeHidden()
  await sec.page.getByTestId('committee-start').click()
  await expect(sec.page.getByTestId('committee-form')).toBeVisible()
  const choices = sec.page.getByTestId('row-choice')
  await expect(choices.first()).toBeVisible()
  expect(await choices.count()).toBe(await sec.page.getByTestId('synoptic-row').count())
  // presets: a conflict keeps its alternatives in brackets, an untouched row the text in force
  await expect(sec.page.locator('tr[data-cls=conflict] [data-testid=row-choice]').first()).toHaveValue('brackets')
  await expect(sec.page.locator('tr[data-cls=untouched] [data-testid=row-choice]').first()).toHaveValue('base')
  await sec.page.locator('tr[data-cls=conflict]').first().scrollIntoViewIfNeeded()
  await shot(sec.page, 'committee-choices')
  const title = `Committee draft on Resolution 50 ${Date.now()}`
  await sec.page.getByTestId('committee-title').fill(title)
  await sec.page.getByTestId('committee-create').click()
  await expect(sec.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible({ timeout: 30_000 })
  const draftId = decodeURIComponent(new URL(sec.page.url()).hash.replace(/^#\/doc\//, ''))
  expect((await (await sec.page.request.get(`/api/documents/${draftId}`)).json() as { kind: string }).kind).toBe('committee-draft')
  await shot(sec.page, 'committee-draft-opened')
  // the conflicts stand as provision-level alternatives: `[` before the shared label, `] [APT]` after the text
  const alternatives = sec.page.locator('.ProseMirror .bracketed')
  await expect(alternatives.first()).toBeVisible()
  expect(await alternatives.count()).toBeGreaterThanOrEqual(2)
  await expect(alternatives.first().locator(':scope > p').first().locator('.bracket-open + .label')).toHaveCount(1)
  // right to left: `[` stands right of the label, the sources left of the closing `]`
  const openBox = await alternatives.first().locator('.bracket-open').boundingBox()
  const labelBox = await alternatives.first().locator(':scope > p .label').first().boundingBox()
  expect(openBox!.x).toBeGreaterThanOrEqual(labelBox!.x + labelBox!.width - 1)
  const close = sec.page.locator('.ProseMirror .bracket-close').first()
  await expect(close.locator('.bracket-sources')).toHaveText(/^\[[A-Z]/)
  await close.scrollIntoViewIfNeeded()
  await shot(sec.page, 'committee-alternatives')
  await close.click()
  await expect(sec.page.getByTestId('menu-agree')).toBeVisible()
  await sec.page.keyboard.press('Escape')
  await expect(sec.page.getByTestId('bracket-menu')).toBeHidden()

  // Amal (APT) brackets a phrase; the bracket reaches Salma (ARB).
  const amal = await signedInPage(browser, 'amal')
  const salma = await signedInPage(browser, 'salma')
  await openDocument(amal.page, draftId)
  await openDocument(salma.page, draftId)
  const phrase = await uniquePhrase(amal.page)
  expect(phrase.length).toBeGreaterThan(8)
  const before = await amal.page.locator('.ProseMirror .bracket').count()
  await selectText(amal.page, phrase)
  await amal.page.getByTestId('bracket').click()
  await expect(amal.page.locator('.ProseMirror .bracket')).toHaveCount(before + 1)
  const bracket = (page: Page) => page.locator('.ProseMirror .bracket').filter({ hasText: phrase })
  await expect(bracket(amal.page).locator('.bracket-sources')).toHaveText('[APT]')
  await expect(bracket(salma.page)).toHaveCount(1)
  // right to left: the option's sources stand to the left of its text
  const [textBox, sourcesBox] = [await bracket(amal.page).locator('.bracket-text').first().boundingBox(), await bracket(amal.page).locator('.bracket-sources').first().boundingBox()]
  expect(sourcesBox!.x + sourcesBox!.width).toBeLessThanOrEqual(textBox!.x + 1)
  await bracket(amal.page).scrollIntoViewIfNeeded()
  await shot(amal.page, 'committee-bracket-ar')

  // Only the secretariat may agree: Amal's menu (from the keyboard, on the new bracket, still selected) offers no agreement.
  await amal.page.keyboard.press('Shift+F10')
  await expect(amal.page.getByTestId('bracket-menu')).toBeVisible()
  await expect(amal.page.getByTestId('menu-agree')).toHaveCount(0)
  await expect(amal.page.getByTestId('menu-drop-option')).toHaveCount(1) // her own option
  await shot(amal.page, 'committee-menu-ar')
  await amal.page.keyboard.press('Escape')

  // Concurrently: Salma adds her option offline, Amal hers online; then Salma comes back.
  const amalOption = 'صيغة مقترحة من آسيا والمحيط الهادئ'
  const salmaOption = 'صيغة مقترحة من الدول العربية'
  await salma.context.setOffline(true)
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'offline')
  await addOption(salma.page, phrase, salmaOption)
  await addOption(amal.page, phrase, amalOption)
  await expect(bracket(amal.page).locator('.option-text')).toHaveCount(2)
  await expect(bracket(salma.page).locator('.option-text')).toHaveCount(2)
  await salma.context.setOffline(false)
  for (const [who, page] of [['Amal', amal.page], ['Salma', salma.page]] as const) {
    await expect(bracket(page).locator('.option-text'), `${who}'s page, after Salma is back`).toHaveCount(3, { timeout: 20_000 })
    expect(await optionTexts(page)).toEqual(expect.arrayContaining([phrase, amalOption, salmaOption]))
  }
  await expect(bracket(salma.page).locator('.bracket-option').filter({ hasText: salmaOption }).locator('.bracket-sources')).toHaveText('[ARB]')
  await expect(bracket(salma.page).locator('.bracket-option').filter({ hasText: amalOption }).locator('.bracket-sources')).toHaveText('[APT]')
  await bracket(salma.page).scrollIntoViewIfNeeded()
  await shot(salma.page, 'committee-options-salma')
  for (const [who, page] of [['Amal', amal.page], ['Salma', salma.page]] as const) {
    await page.reload()
    await expect(page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
    await expect(bracket(page).locator('.option-text'), `${who}'s page after a reload`).toHaveCount(3)
    expect(await optionTexts(page)).toEqual(expect.arrayContaining([phrase, amalOption, salmaOption]))
  }

  // A named version keeps the brackets (shown later from the history, rendered statically).
  await expect(bracket(sec.page).locator('.option-text'), 'the secretariat’s page').toHaveCount(3, { timeout: 20_000 })
  expect((await sec.page.request.post(`/api/documents/${draftId}/versions`, { data: { name: 'with brackets' } })).status()).toBe(201)

  // The secretariat agrees on Salma's option: the bracket goes, its text stays, in every browser.
  await openOption(sec.page, salmaOption)
  await shot(sec.page, 'committee-menu-secretariat')
  await sec.page.getByTestId('menu-agree').click()
  for (const page of [sec.page, amal.page, salma.page]) {
    await expect(bracket(page)).toHaveCount(0, { timeout: 20_000 })
    await expect.poll(() => editorText(page)).toContain(salmaOption)
    expect(await editorText(page)).not.toContain(amalOption)
  }

  // The history lists the bracket operations with who did them.
  await sec.page.getByTestId('history-toggle').click()
  await expect(sec.page.getByTestId('activity-item').first()).toBeVisible()
  await shot(sec.page, 'committee-history')
  await sec.page.locator('[data-testid=history-item][data-name="with brackets"] [data-testid=history-open]').click()
  const version = sec.page.getByTestId('version-page')
  await expect(version.locator('.bracket').filter({ hasText: phrase }).locator('.bracket-option')).toHaveCount(3)
  await expect(version.locator('.bracket-option').filter({ hasText: salmaOption }).locator('.bracket-sources')).toHaveText('[ARB]')
  await version.locator('.bracket').filter({ hasText: phrase }).scrollIntoViewIfNeeded()
  await shot(sec.page, 'committee-version-static')
  await sec.page.keyboard.press('Escape')

  // The amendment view: marks coloured per delegation, a legend, a filter by source.
  await showChanges(sec.page)
  await expect(sec.page.locator('.ProseMirror .amend-unit').first()).toBeVisible({ timeout: 30_000 })
  await sec.page.locator('.ProseMirror .amend-ins').first().scrollIntoViewIfNeeded()
  await shot(sec.page, 'committee-amendment')
  await expect(sec.page.getByTestId('legend')).toBeVisible({ timeout: 30_000 })
  const sources = await sec.page.getByTestId('legend-entry').evaluateAll(els => els.map(e => (e as HTMLElement).dataset.delegation))
  expect(sources.join(' ')).toContain('ARB')
  await shot(sec.page, 'committee-amendment-legend')
  // only ARB's changes: the others' insertions read as plain text, their deletions are hidden
  const marked = () => sec.page.locator('.ProseMirror .amend-ins').evaluateAll(els => els.filter(e => getComputedStyle(e).textDecorationLine.includes('underline')).length)
  const allMarked = await marked()
  await sec.page.locator('[data-testid=legend-filter][data-source="ARB"]').click()
  await expect(sec.page.locator('[data-testid=legend-filter][data-source="ARB"]')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(marked).toBeLessThan(allMarked)
  expect(await marked()).toBeGreaterThan(0)
  // another source's added provision reads as plain text
  const otherAdded = sec.page.locator('.ProseMirror .amend-added[data-sources]:not([data-sources~="ARB"]) > p').first()
  if (await otherAdded.count()) expect(await otherAdded.evaluate(e => getComputedStyle(e).textDecorationLine)).toBe('none')
  await sec.page.locator('.ProseMirror .amend-ins[data-sources~="ARB"]').first().scrollIntoViewIfNeeded()
  await shot(sec.page, 'committee-amendment-only-arb')

  // The tracked DOCX, through LibreOffice: each source is a revision's author.
  const r = await sec.page.request.get(`/api/documents/${draftId}/export?format=docx`)
  expect(r.status()).toBe(200)
  const dir = mkdtempSync(join(tmpdir(), 'committee-docx-'))
  const file = join(dir, 'draft.docx')
  writeFileSync(file, await r.body())
  const authorsOf = (bytes: Uint8Array) => new Set([...strFromU8(unzipSync(bytes)['word/document.xml']!).matchAll(/<w:(?:ins|del)\s[^>]*w:author="([^"]*)"/g)].map(m => m[1]!))
  const ours = authorsOf(new Uint8Array(readFileSync(file)))
  if (sofficePath()) {
    const out = mkdtempSync(join(tmpdir(), 'committee-docx-lo-'))
    const [back] = await convertWithLibreOffice([file], 'docx:MS Word 2007 XML', out)
    const read = authorsOf(new Uint8Array(readFileSync(back!)))
    expect([...read].sort()).toEqual([...ours].sort())
  }
  const authors = [...ours].join(' | ')
  for (const source of ['APT', 'ARB', 'AFCP']) expect(authors).toContain(source)

  // Nothing forgotten.
  await sec.page.getByTestId('disposition-open').click()
  await expect(sec.page.getByTestId('disposition-row').first()).toBeVisible({ timeout: 30_000 })
  // the options dropped when the secretariat agreed are accounted for; nothing proposed is left in limbo unseen
  const states = await sec.page.getByTestId('disposition-row').evaluateAll(rows => rows.map(r => (r as HTMLElement).dataset.state))
  expect(states).toContain('taken')
  expect(states).toContain('in-brackets')
  if (states.includes('missing')) await expect(sec.page.getByTestId('disposition-status')).toHaveClass(/error/)
  await shot(sec.page, 'committee-disposition')
  await sec.page.keyboard.press('Escape')

  for (const c of [sec.context, amal.context, salma.context]) await c.close()
})

test('a committee draft is started from the foot of a long synoptic table too: after choosing rows far down, the secretariat does not scroll back up', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const docs = await (await sec.page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  await sec.page.goto(`/#/compile?base=${encodeURIComponent(`v:${apt.baseVersionId}`)}&p=${encodeURIComponent(`d:${apt.id}`)}`)
  await expect(sec.page.getByTestId('synoptic-row').first()).toBeVisible()
  await sec.page.getByTestId('committee-start').click()
  const title = `Committee draft from the foot ${Date.now()}`
  await sec.page.getByTestId('committee-title').fill(title)
  // the last row's choice, then the button right below the table
  const last = sec.page.getByTestId('row-choice').last()
  await last.scrollIntoViewIfNeeded()
  await expect(sec.page.getByTestId('committee-create-end')).toBeInViewport()
  await expect(sec.page.getByTestId('committee-create')).not.toBeInViewport()
  await sec.page.getByTestId('committee-create-end').click()
  await expect(sec.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible({ timeout: 30_000 })
  const draftId = decodeURIComponent(new URL(sec.page.url()).hash.replace(/^#\/doc\//, ''))
  const meta = await (await sec.page.request.get(`/api/documents/${draftId}`)).json() as { kind: string; title: string }
  expect([meta.kind, meta.title]).toEqual(['committee-draft', title])
  await sec.context.close()
})
