/**
 * Structured editing: labels are derived, Enter starts the next provision,
 * Backspace merges, provisions move, sections come from the vocabulary,
 * footnotes are numbered, undo takes back one's own change, and a paste
 * from Word is cleaned into provisions.
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, editorText, freshProposal, openDocument, selectText, shot, signedInPage } from './helpers.js'

const labels = (page: Page, section = 0) => page.locator('.ProseMirror section.preambular').nth(section).locator(':scope > .provision > p > .label').allTextContents()
const provisionTexts = (page: Page) => page.locator('.ProseMirror section.preambular').first().locator(':scope > .provision > p:first-child').evaluateAll(ps => ps.map(p => {
  const c = p.cloneNode(true) as HTMLElement
  c.querySelectorAll('[contenteditable=false]').forEach(e => e.remove())
  return c.textContent!.trim()
}))

test('structural editing commands, footnotes, undo and paste from Word', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT structure test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const before = await labels(page)
  expect(before.slice(0, 3)).toEqual(['أ )', 'ب)', 'ج)'])
  const texts = await provisionTexts(page)

  // Enter at the end of أ ) starts a new provision; the labels follow.
  await caretAfter(page, texts[0]!.slice(-10))
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('نص جديد')
  expect((await labels(page)).length).toBe(before.length + 1)
  expect((await provisionTexts(page))[1]).toBe('نص جديد')

  // Backspace at its start merges it back into أ ).
  await caretAfter(page, 'نص جديد', 0)
  await page.keyboard.press('Backspace')
  expect((await labels(page)).length).toBe(before.length)
  expect((await provisionTexts(page))[0]).toBe(`${texts[0]}نص جديد`)

  // Alt+ArrowDown moves ب) below ج): the texts swap, the labels stay in order.
  await page.waitForTimeout(700) // the undo manager groups changes made within 500 ms
  await caretAfter(page, texts[1]!.slice(0, 12))
  await page.keyboard.press('Alt+ArrowDown')
  await page.waitForTimeout(700)
  const moved = await provisionTexts(page)
  expect(moved[1]).toBe(texts[2])
  expect(moved[2]).toBe(texts[1])
  expect((await labels(page)).slice(0, 3)).toEqual(['أ )', 'ب)', 'ج)'])
  // Undo takes the move back.
  await page.keyboard.press('Control+z')
  await expect.poll(async () => (await provisionTexts(page))[1]).toBe(texts[1])

  // A footnote gets the next number.
  await caretAfter(page, texts[2]!.slice(0, 12))
  await page.getByTestId('footnote').click()
  await page.getByTestId('dialog-text').fill('حاشية تجريبية')
  await page.getByTestId('dialog-ok').click()
  await expect(page.locator('.ProseMirror .footnote-ref').first()).toHaveAttribute('data-n', '1')
  await expect(page.locator('.footnotes')).toContainText('حاشية تجريبية')
  // Its text is edited from the list under the page; the reference keeps its number.
  const notes = await page.getByTestId('footnote-item').count()
  await page.getByTestId('footnote-item').first().getByTestId('edit-footnote').click()
  await expect(page.getByTestId('dialog-text')).toHaveValue('حاشية تجريبية')
  await page.getByTestId('dialog-text').fill('حاشية معدلة')
  await page.getByTestId('dialog-ok').click()
  await expect(page.getByTestId('footnote-item').first()).toContainText('حاشية معدلة')
  await expect(page.getByTestId('footnote-item')).toHaveCount(notes)
  await expect(page.locator('.footnotes')).not.toContainText('حاشية تجريبية')
  await page.locator('.footnotes').screenshot({ path: 'test-results/screens/footnotes.png' })
  await expect(page.locator('.ProseMirror .footnote-ref').first()).toHaveAttribute('data-n', '1')

  // A new section, its heading taken from the Arabic vocabulary (with «و»: it is not the first preambular section).
  await caretAfter(page, texts[2]!.slice(0, 12))
  await page.getByTestId('add-section').click()
  await page.getByTestId('dialog-select').selectOption('emphasizing')
  await page.getByTestId('dialog-ok').click()
  await expect(page.locator('.ProseMirror section[data-kind=emphasizing] .Call')).toHaveText('وإذ تؤكد')
  await page.keyboard.type('أن التعاون الإقليمي ضروري؛')
  await expect(page.locator('.ProseMirror section[data-kind=emphasizing] .provision .label')).toHaveText('أ )')

  // Paste from Word: clutter dropped, typed labels removed, each labelled paragraph a provision.
  const count = await page.locator('.ProseMirror section[data-kind=emphasizing] .provision').count()
  await page.evaluate(() => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{}</style></head><body><!--StartFragment-->
      <p class="MsoNormal" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">a)<span>&nbsp;&nbsp;</span></span>that <b>cybersecurity</b> matters;<o:p></o:p></p>
      <p class="MsoNormal"><span lang="AR-SA">ب)&#9;</span>أن <i>الثقة</i> أساسية؛<o:p></o:p></p><!--EndFragment--></body></html>`
    const data = new DataTransfer()
    data.setData('text/html', html)
    data.setData('text/plain', 'a)\tthat cybersecurity matters;\nب)\tأن الثقة أساسية؛')
    document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })
  const emphasizing = page.locator('.ProseMirror section[data-kind=emphasizing] .provision')
  await expect(emphasizing).toHaveCount(count + 2)
  await expect(emphasizing.nth(1)).toContainText('that cybersecurity matters;')
  await expect(emphasizing.nth(1).locator('strong')).toHaveText('cybersecurity')
  await expect(emphasizing.nth(2)).toContainText('أن الثقة أساسية؛')
  expect(await editorText(page)).not.toContain('a)')
  expect(await editorText(page)).not.toContain('ب)\t')
  await expect(emphasizing.locator('.label')).toHaveText(['أ )', 'ب)', 'ج)'])
  await page.locator('.ProseMirror section[data-kind=emphasizing]').scrollIntoViewIfNeeded()
  await shot(page, 'structure')
  await amal.context.close()
})

test('a provision moved keeps the words selected in it selected', async ({ browser }) => {
  // Amal selects words in 'considering c)' and moves the provision (Alt-ArrowDown, Move up in the toolbar, and from
  // the last provision of 'considering' into the next section): the selection fell to a caret at its start, so a
  // second move, or Ctrl-B, or typing over the words, found nothing selected.
  const { page, context } = await signedInPage(browser, 'amal')
  const id = await freshProposal(page.request, `Selection kept across a move ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const selected = () => page.evaluate(() => {
    const { state } = (window as unknown as { resdraft: { view: { state: { selection: { from: number; to: number }; doc: { textBetween(a: number, b: number): string } } } } }).resdraft.view
    return state.doc.textBetween(state.selection.from, state.selection.to)
  })
  const found: string[] = []
  for (const [words, move] of [
    ['عناصر المستعمل', () => page.keyboard.press('Alt+ArrowDown')],
    ['عناصر المستعمل', () => page.getByTestId('move-up').click()],
    ['تقييس الاتصالات عليه', () => page.keyboard.press('Alt+ArrowDown')]
  ] as const) {
    await selectText(page, words)
    const before = await editorText(page)
    await move()
    await expect.poll(() => editorText(page)).not.toBe(before)
    found.push(await selected())
  }
  expect(found).toEqual(['عناصر المستعمل', 'عناصر المستعمل', 'تقييس الاتصالات عليه'])
  await context.close()
})
