/**
 * Paste from Word into a provision: list items (`a)`, `b)`, whether Word
 * typed the letters or the list numbers them) become provisions of their
 * own, and table cells stay apart.
 */
import { expect, test, type Page } from '@playwright/test'
import { caretAfter, editorText, freshProposal, openDocument, signedInPage } from './helpers.js'

async function paste(page: Page, html: string, text: string): Promise<void> {
  await page.evaluate(([h, t]) => {
    const data = new DataTransfer()
    data.setData('text/html', h!)
    data.setData('text/plain', t!)
    document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, [html, text])
}

const WORD_DESKTOP = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"><style>p.MsoListParagraphCxSpFirst{margin-left:36.0pt}</style></head><body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-fareast-font-family:Calibri;mso-bidi-font-family:Calibri'><span style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>that desktop lists are read;<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-fareast-font-family:Calibri;mso-bidi-font-family:Calibri'><span style='mso-list:Ignore'>b)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>that each item is a provision,<o:p></o:p></p>
<!--EndFragment--></body></html>`

const WORD_WEB = `<html><body><!--StartFragment--><div class="ListContainerWrapper"><ol type="a" class="NumberListStyle1" start="1"><li data-listid="3" class="OutlineElement Ltr" role="listitem"><p class="Paragraph" paraid="1"><span class="TextRun" lang="EN-GB">that web lists are read;</span></p></li></ol></div><div class="ListContainerWrapper"><ol type="a" start="2"><li data-listid="3" class="OutlineElement Ltr" role="listitem"><p class="Paragraph" paraid="2"><span class="TextRun" lang="EN-GB">that numbering is derived,</span></p></li></ol></div><!--EndFragment--></body></html>`

const TABLE = `<html><body><!--StartFragment--><table class=MsoTableGrid border=1><tr><td width=100><p class=MsoNormal>cell1<o:p></o:p></p></td><td width=100><p class=MsoNormal><b>cell2</b><o:p></o:p></p></td></tr><tr><td><p class=MsoNormal>cell3</p></td><td><p class=MsoNormal>cell4</p></td></tr></table><!--EndFragment--></body></html>`

test('a Word list pasted into a provision gives one provision per item; table cells stay apart', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT paste test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const section = page.locator('.ProseMirror section.preambular').first()
  // Provisions of the first section, from the editor's state.
  const provisions = () => page.evaluate(() => (window as unknown as { resdraft: { view: { state: { doc: { child: (i: number) => { childCount: number } } } } } }).resdraft.view.state.doc.child(4).childCount - 1)
  const count = await provisions()

  // Word on the desktop: letters typed by the list as "a)" + spaces in a span Word marks mso-list:Ignore.
  await caretAfter(page, 'غوادالاخارا')
  await page.keyboard.press('Alt+Enter')
  await paste(page, WORD_DESKTOP, 'a)\tthat desktop lists are read;\nb)\tthat each item is a provision,')
  await expect.poll(provisions).toBe(count + 2)
  await expect(section.locator(':scope > .provision', { hasText: 'that desktop lists are read;' })).toHaveCount(1)
  await expect(section.locator(':scope > .provision', { hasText: 'that each item is a provision,' })).toHaveCount(1)

  // Word for the web: an <ol type="a"> numbers the items; nothing typed.
  await caretAfter(page, 'that each item is a provision,')
  await page.keyboard.press('Alt+Enter')
  await paste(page, WORD_WEB, 'that web lists are read;\nthat numbering is derived,')
  await expect.poll(provisions).toBe(count + 4)
  await expect(section.locator(':scope > .provision', { hasText: 'that web lists are read;' })).toHaveCount(1)
  await expect(section.locator(':scope > .provision', { hasText: 'that numbering is derived,' })).toHaveCount(1)
  expect(await editorText(page)).not.toMatch(/a\)|b\)/)

  // A table: its cells are not glued together.
  await caretAfter(page, 'that numbering is derived,')
  await page.keyboard.press('Shift+Enter')
  await paste(page, TABLE, 'cell1\tcell2\ncell3\tcell4')
  // Blocks separated by a newline: cells in one row, rows in their own paragraphs.
  const text = await page.evaluate(() => { const d = (window as unknown as { resdraft: { view: { state: { doc: { content: { size: number }; textBetween: (a: number, b: number, s: string) => string } } } } }).resdraft.view.state.doc; return d.textBetween(0, d.content.size, '\n') })
  expect(text).toContain('cell1 cell2\ncell3 cell4')
  expect(text).not.toContain('cell1cell2')
  expect(text).not.toContain('cell2cell3')
  await amal.context.close()
})

test('a paste too large for one change is refused whole, with a message; the text and the connection stay as they were', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `APT large paste ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const before = await editorText(page)
  await caretAfter(page, 'غوادالاخارا')
  const big = 'x'.repeat(250_000)
  await paste(page, `<p>${big}</p>`, big)
  await expect(page.getByTestId('error-notice')).toContainText('250000')
  expect(await editorText(page)).toBe(before)
  // typing still goes through: nothing was sent that the server would refuse
  await page.keyboard.type('ok')
  await expect.poll(() => editorText(page)).toContain('غوادالاخاراok')
  await expect(page.getByTestId('refused')).toHaveCount(0)
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await amal.context.close()
})
