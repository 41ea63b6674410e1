/**
 * Two delegations draft the same Arabic proposal at once; a reviewer reads
 * it but cannot change it.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { agreeToCosponsor, backOnline, caretAfter, documentId, editorText, freshProposal, goOffline, openDocument, selectText, shot, signedInPage, storedInBrowser } from './helpers.js'

/** Amal (APT) and Salma (ARB), each in a browser context of their own, with the seeded APT proposal open. */
async function bothDelegatesOnTheProposal(browser: Browser) {
  const amal = await signedInPage(browser, 'amal')
  const salma = await signedInPage(browser, 'salma')
  const id = await documentId(amal.page.request, 'APT proposal on Resolution 50')
  await openDocument(amal.page, id)
  await openDocument(salma.page, id)
  return { amal, salma, id }
}

/**
 * Amal (APT) and Salma (ARB), each in a browser context of their own, on a fresh proposal of theirs on the 2012 text.
 * Salma starts it and Amal co-sponsors it: the suite starts more proposals than one account may in a short time (30,
 * then one in 20 s), and most are Amal's elsewhere.
 */
async function bothDelegatesOnAFreshProposal(browser: Browser, title: string) {
  const amal = await signedInPage(browser, 'amal')
  const salma = await signedInPage(browser, 'salma')
  const id = await freshProposal(salma.page.request, title, ['ARB', 'APT'], { action: 'MOD', proposalId: 'ARB/44A13/1' })
  await agreeToCosponsor(amal.page.request, id)
  await openDocument(amal.page, id)
  await openDocument(salma.page, id)
  return { amal, salma, id }
}

/** The text before the caret of `page`, in the textblock the caret is in. */
async function textBeforeCaret(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { $from } = (window as unknown as { resdraft: { view: { state: { selection: { $from: { parent: { textContent: string }; parentOffset: number } } } } } }).resdraft.view.state.selection
    return $from.parent.textContent.slice(0, $from.parentOffset)
  })
}

/** The text of every provision on the page, in order. */
const provisionTexts = (page: Page) => page.locator('.ProseMirror .provision').evaluateAll(ps => ps.map(p => p.textContent ?? ''))

/**
 * For each provision holding `words`, whether it reads `context` too: [true] when the words stand once, in the
 * provision reading `context`.
 */
const whereWordsStand = async (page: Page, words: string, context: string) => (await provisionTexts(page)).filter(t => t.includes(words)).map(t => t.includes(context))

/** How many places the provision reading `later` stands after the one reading `earlier` (negative: before it). */
async function placesApart(page: Page, later: string, earlier: string): Promise<number> {
  const texts = await provisionTexts(page)
  return texts.findIndex(t => t.includes(later)) - texts.findIndex(t => t.includes(earlier))
}

test('APT and ARB delegates type into the same Arabic proposal and see each other', async ({ browser }) => {
  const { amal, salma } = await bothDelegatesOnTheProposal(browser)

  // The page is right to left, in Arabic, with the Naskh font.
  const editor = amal.page.locator('.ProseMirror')
  await expect(editor).toHaveAttribute('dir', 'rtl')
  await expect(editor).toHaveAttribute('lang', 'ar')
  expect(await editor.evaluate(el => getComputedStyle(el).fontFamily)).toContain('Noto Naskh Arabic')
  // The session is the HttpOnly cookie alone: no script of the page can read a token.
  expect(await amal.page.evaluate(() => ({ stored: Object.keys(localStorage).filter(k => /token|session/i.test(k)), cookie: document.cookie.includes('resdraft_session') }))).toEqual({ stored: [], cookie: false })
  // Both are listed as present.
  await expect(amal.page.getByTestId('presence')).toContainText('Salma (ARB)')
  await expect(salma.page.getByTestId('presence')).toContainText('Amal (APT)')

  await caretAfter(amal.page, 'الأمن السيبراني')
  await amal.page.keyboard.type(' والثقة الرقمية')
  // (Into a provision: section headings change through the heading picker, not by typing.)
  await caretAfter(salma.page, 'بناء الثقة والأمن في استخدام')
  await salma.page.keyboard.type(' الآمن')

  await expect.poll(() => editorText(salma.page)).toContain('الأمن السيبراني والثقة الرقمية')
  await expect.poll(() => editorText(amal.page)).toContain('بناء الثقة والأمن في استخدام الآمن')
  await expect(salma.page.locator('.ProseMirror')).toContainText('والثقة الرقمية')
  await expect(amal.page.locator('.ProseMirror')).toContainText('استخدام الآمن')

  // Each sees the other's caret, with name and delegation.
  await expect(amal.page.locator('.remote-caret-flag', { hasText: 'Salma · ARB' })).toBeVisible()
  await expect(salma.page.locator('.remote-caret-flag', { hasText: 'Amal · APT' })).toBeVisible()
  // ... the whole of it on the flag's colour (its letters are white: any part outside is lost on the white page).
  // A provision's hanging indent pushed all but its last letters out of the flag ('RB', 'T').
  for (const page of [amal.page, salma.page]) {
    const fit = await page.locator('.remote-caret-flag').first().evaluate(flag => {
      const box = flag.getBoundingClientRect()
      const range = document.createRange()
      range.selectNodeContents(flag)
      const text = range.getBoundingClientRect()
      return { left: Math.round(text.left - box.left), right: Math.round(box.right - text.right) }
    })
    expect(fit.left).toBeGreaterThanOrEqual(0)
    expect(fit.right).toBeGreaterThanOrEqual(0)
  }
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online')

  await shot(amal.page, 'collab-amal')
  await shot(salma.page, 'collab-salma')
  await amal.context.close()
  await salma.context.close()
})

test('a reviewer reads the proposal but cannot type into it', async ({ browser }) => {
  const rita = await signedInPage(browser, 'rita')
  const id = await documentId(rita.page.request, 'APT proposal on Resolution 50')
  await openDocument(rita.page, id)
  await expect(rita.page.getByTestId('read-only')).toBeVisible()
  const editor = rita.page.locator('.ProseMirror')
  await expect(editor).toHaveAttribute('contenteditable', 'false')
  const before = await editorText(rita.page)
  await editor.click({ position: { x: 200, y: 200 } })
  await rita.page.keyboard.type('محاولة')
  await rita.page.keyboard.press('Enter')
  await rita.page.waitForTimeout(300)
  expect(await editorText(rita.page)).toBe(before)
  await expect(rita.page.getByTestId('add-provision')).toHaveCount(0)
  await shot(rita.page, 'reviewer')

  // Rita's interface is in English; she switches it to Arabic: the interface turns right to left.
  await expect(rita.page.locator('html')).toHaveAttribute('dir', 'ltr')
  await rita.page.getByTestId('ui-lang').click()
  await expect(rita.page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(rita.page.getByTestId('read-only')).toHaveText('للقراءة فقط')
  await expect(rita.page.locator('[data-testid=page][data-ready=true] .ProseMirror')).toHaveAttribute('dir', 'rtl')
  await rita.context.close()
})

test('a comment on a selection, with a reply and resolve, is seen by the other delegation', async ({ browser }) => {
  const { amal, salma } = await bothDelegatesOnTheProposal(browser)

  await selectText(salma.page, 'الأمن السيبراني هو قضية')
  await salma.page.getByTestId('comment-text').fill('هل نحتاج إلى هذه الصياغة؟')
  await salma.page.getByTestId('add-comment').click()

  const card = amal.page.getByTestId('comment').filter({ hasText: 'هل نحتاج إلى هذه الصياغة؟' })
  await expect(card).toBeVisible()
  await expect(card).toContainText('Salma')
  await expect(card.locator('blockquote')).toHaveText('الأمن السيبراني هو قضية')
  // The provision it is on is marked in the text.
  await expect(amal.page.locator('.ProseMirror .has-comment')).toHaveCount(1)

  await card.getByTestId('reply-text').fill('نعم، بالتنسيق مع الاتحاد الأوروبي')
  await card.getByRole('button', { name: 'رد' }).click()
  const salmaCard = salma.page.getByTestId('comment').filter({ hasText: 'هل نحتاج إلى هذه الصياغة؟' })
  await expect(salmaCard).toContainText('نعم، بالتنسيق مع الاتحاد الأوروبي')
  await shot(amal.page, 'comments')

  await salmaCard.getByTestId('resolve').click()
  await expect(card).toHaveCount(0)
  await expect(amal.page.locator('.ProseMirror .has-comment')).toHaveCount(0)
  await amal.context.close()
  await salma.context.close()
})

test("a provision the other delegation adds does not take the drafter's caret or text", async ({ browser }) => {
  // A fresh proposal on the 2012 text: the last provision of 'considering' refers to the one before it
  // ('إذ تضع في اعتبارها و)'), so a provision added above relabels that reference in the same change.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Caret kept across a provision added')

  // Salma is writing in 'considering b)'.
  await caretAfter(salma.page, 'أن الشبكة الهاتفية')
  await salma.page.keyboard.type(' سلمى')
  await expect.poll(() => editorText(amal.page)).toContain('أن الشبكة الهاتفية سلمى')

  // Amal adds a provision after 'considering a)'.
  await caretAfter(amal.page, 'والاقتصادي بجميع أشكاله')
  await amal.page.keyboard.press('End')
  await amal.page.keyboard.press('Alt+Enter')
  await amal.page.keyboard.type('بند أمل')
  await expect.poll(() => editorText(salma.page)).toContain('بند أمل')
  await expect(salma.page.locator('.ProseMirror')).toContainText('إذ تضع في اعتبارها ز )')

  // Salma's caret is where she left it: her next words go on in her provision, not into Amal's.
  expect(await textBeforeCaret(salma.page)).toBe('أن الشبكة الهاتفية سلمى')
  await salma.page.keyboard.type(' تكتب')
  const provisions = () => provisionTexts(amal.page)
  await expect.poll(async () => (await provisions()).find(t => t.includes('بند أمل'))).toContain('بند أمل')
  await expect.poll(async () => (await provisions()).filter(t => t.includes('تكتب')).map(t => t.includes('أن الشبكة الهاتفية سلمى تكتب'))).toEqual([true])
  expect((await provisions()).find(t => t.includes('بند أمل'))).not.toContain('تكتب')
  await amal.context.close()
  await salma.context.close()
})

for (const where of ['the provision moved', 'the provision it passes'] as const) {
  test(`a provision the other delegation moves does not take the drafter's caret or text (caret in ${where})`, async ({ browser }) => {
    // A fresh proposal on the 2012 text. Amal (APT) moves 'considering c)' one place up, above 'considering b)';
    // Salma (ARB) is writing in one of the two.
    const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, `Caret kept across a move (${where})`)

    const salmasWords = where === 'the provision moved' ? 'أن الفصل بين عناصر المستعمل' : 'أن الشبكة الهاتفية'
    await caretAfter(salma.page, salmasWords)
    await salma.page.keyboard.type(' سلمى')
    await expect.poll(() => editorText(amal.page)).toContain(`${salmasWords} سلمى`)

    await caretAfter(amal.page, 'أن الفصل بين عناصر')
    await amal.page.keyboard.press('Alt+ArrowUp')
    const order = (page: Page) => placesApart(page, 'أن الفصل بين عناصر', 'أن الشبكة الهاتفية')
    await expect.poll(() => order(salma.page)).toBe(-1)

    // Salma's caret is where she left it, and her next words go on in her provision.
    expect(await textBeforeCaret(salma.page)).toBe(`${salmasWords} سلمى`)
    await salma.page.keyboard.type(' تكتب')
    await expect.poll(() => whereWordsStand(amal.page, 'تكتب', `${salmasWords} سلمى تكتب`)).toEqual([true])
    // Amal's caret moved with her provision too.
    expect(await textBeforeCaret(amal.page)).toBe('أن الفصل بين عناصر')
    // One undo takes the move back; what Salma wrote stays in her provision (the undo rewrites the two shared
    // provisions back in place, and her page carries her words back into hers: moved-words.ts)
    await amal.page.keyboard.press('Control+z')
    await expect.poll(() => order(salma.page)).toBe(1)
    await expect.poll(() => whereWordsStand(amal.page, 'تكتب', `${salmasWords} سلمى تكتب`)).toEqual([true])
    await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page)).toBe(true)
    await amal.context.close()
    await salma.context.close()
  })
}

test("a provision the other delegation moves into the section above does not take the drafter's caret or text", async ({ browser }) => {
  // Amal (APT) moves the first provision of 'considering further' up, to the end of 'considering', just after
  // the provision Salma (ARB) is writing in.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Caret kept across a move between sections')
  await caretAfter(salma.page, 'أن قطاع تقييس الاتصالات عليه')
  await salma.page.keyboard.type(' سلمى')
  await expect.poll(() => editorText(amal.page)).toContain('عليه سلمى')
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(salma.page, 'تقدم تعريفاً', 'عليه سلمى')).toBe(1)
  expect(await textBeforeCaret(salma.page)).toBe('أن قطاع تقييس الاتصالات عليه سلمى')
  await salma.page.keyboard.type(' تكتب')
  await expect.poll(() => whereWordsStand(amal.page, 'تكتب', 'عليه سلمى تكتب')).toEqual([true])
  await amal.context.close()
  await salma.context.close()
})

test("a provision moved to the end of its own section does not take the caret of a drafter writing further down", async ({ browser }) => {
  // Amal (APT) moves 'considering c)' to the end of 'considering' (Move to…); Salma (ARB) is writing in 'considering d)'.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Caret kept across a move to a section end')
  await caretAfter(salma.page, 'أن تقارب الشبكات')
  await salma.page.keyboard.type(' سلمى')
  await expect.poll(() => editorText(amal.page)).toContain('أن تقارب الشبكات سلمى')
  await caretAfter(amal.page, 'أن الفصل بين عناصر')
  await amal.page.keyboard.press('Control+Alt+m')
  await amal.page.getByTestId('dialog-select').selectOption({ label: 'وإذ تضع في اعتبارها' })
  await amal.page.getByTestId('dialog-select').press('Enter')
  await expect.poll(() => placesApart(salma.page, 'أن الفصل بين عناصر', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  expect(await textBeforeCaret(salma.page)).toBe('أن تقارب الشبكات سلمى')
  await salma.page.keyboard.type(' تكتب')
  await expect.poll(() => whereWordsStand(amal.page, 'تكتب', 'أن تقارب الشبكات سلمى تكتب')).toEqual([true])
  // one undo takes the move back; what Salma wrote stays in her provision
  await amal.page.keyboard.press('Control+z')
  await expect.poll(() => placesApart(salma.page, 'أن الفصل بين عناصر', 'أن الشبكة الهاتفية')).toBe(1)
  await expect.poll(() => whereWordsStand(amal.page, 'تكتب', 'أن تقارب الشبكات سلمى تكتب')).toEqual([true])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page)).toBe(true)
  await amal.context.close()
  await salma.context.close()
})

test('words a drafter types offline in a provision the other delegation moves meanwhile are not lost', async ({ browser }) => {
  // Salma (ARB) goes offline and writes in 'considering c)'; Amal (APT), who still sees Salma's caret where it was,
  // moves 'c)' one place up; Salma comes back.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words kept across a move')
  await caretAfter(salma.page, 'أن الشبكة الهاتفية')
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline(salma)
  await caretAfter(salma.page, 'أن الفصل بين عناصر')
  await salma.page.keyboard.type(' كتبت دون اتصال')
  await caretAfter(amal.page, 'أن الفصل بين عناصر', 3)
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(amal.page, 'أن الفصل بين عناصر', 'أن الشبكة الهاتفية')).toBe(-1)
  await backOnline(salma)
  // both have Salma's words, in the provision she wrote them in, and the same text
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', 'أن الفصل بين عناصر كتبت دون اتصال'), { timeout: 20_000 }).toEqual([true])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  // her caret came back with her words (it was left in the neighbouring provision, inside its first word, and her
  // next words went there), and she writes on in her provision
  expect(await textBeforeCaret(salma.page)).toBe('أن الفصل بين عناصر كتبت دون اتصال')
  await salma.page.keyboard.type(' ثم عادت')
  await expect.poll(() => whereWordsStand(amal.page, 'ثم عادت', 'كتبت دون اتصال ثم عادت')).toEqual([true])
  await amal.context.close()
  await salma.context.close()
})

test('words a drafter types offline in a provision the other delegation moves into another section are not lost', async ({ browser }) => {
  // Salma (ARB) goes offline and writes in the first provision of 'considering further'; Amal (APT) moves that
  // provision up into 'considering' (the shared provision is deleted and a copy inserted there); Salma comes back.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words kept across a move between sections')
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline(salma)
  await caretAfter(salma.page, 'تقدم تعريفاً')
  await salma.page.keyboard.type(' كتبت دون اتصال')
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(amal.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  await backOnline(salma)
  // both have Salma's words, once, in the moved provision, and the same text
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', 'تقدم تعريفاً كتبت دون اتصال'), { timeout: 20_000 }).toEqual([true])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  expect(await placesApart(salma.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  // her caret came back with her words, and she writes on in her provision
  expect(await textBeforeCaret(salma.page)).toMatch(/^أن التوصية ITU.T.X\.1205 تقدم تعريفاً كتبت دون اتصال$/)
  await salma.page.keyboard.type(' ثم عادت')
  await expect.poll(() => whereWordsStand(amal.page, 'ثم عادت', 'كتبت دون اتصال ثم عادت')).toEqual([true])
  await amal.context.close()
  await salma.context.close()
})

test('words typed since a version, in a provision the version has in another section, are not put back by their page when it is restored', async ({ browser }) => {
  // The Secretariat names a version; Amal (APT) moves the first provision of 'considering further' up into
  // 'considering'; Salma (ARB) writes in it, and the server has her words; Amal restores the version. The restore
  // deletes the moved provision and writes it again where the version has it, without Salma's words, as a move
  // would: her page must not carry them back into it.
  const { amal, salma, id } = await bothDelegatesOnAFreshProposal(browser, 'Words typed since a restored version stay out')
  const sec = await signedInPage(browser, 'sec')
  const named = await sec.page.request.post(`/api/documents/${encodeURIComponent(id)}/versions`, { data: { name: 'Before the move' } })
  expect(named.status(), await named.text()).toBe(201)
  const version = (await named.json()).id as string
  const original = await provisionTexts(amal.page)
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(salma.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  expect(await provisionTexts(amal.page)).not.toEqual(original)
  await caretAfter(salma.page, 'تقدم تعريفاً')
  await salma.page.keyboard.type(' كتبت بعد النسخة')
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت بعد النسخة', 'تقدم تعريفاً كتبت بعد النسخة')).toEqual([true])
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  const restored = await amal.page.request.post(`/api/documents/${encodeURIComponent(id)}/restore`, { data: { versionId: version } })
  expect(restored.status(), await restored.text()).toBe(201)
  // both pages show the version as it was named, and stay so: nothing comes back after the restore
  await expect.poll(() => provisionTexts(salma.page), { timeout: 20_000 }).toEqual(original)
  await expect.poll(() => provisionTexts(amal.page), { timeout: 20_000 }).toEqual(original)
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await salma.page.waitForTimeout(1500)
  for (const page of [amal.page, salma.page]) expect(await editorText(page)).not.toContain('كتبت بعد النسخة')
  const stored = await (await sec.page.request.get(`/api/documents/${encodeURIComponent(id)}`)).text()
  expect(stored).toContain('تقدم تعريفاً')
  expect(stored).not.toContain('كتبت بعد النسخة')
  for (const who of [amal, salma, sec]) await who.context.close()
})

/** Each footnote on the page: its text, and the text of the provision holding it (footnote text excluded). */
const footnotesOn = (page: Page) => page.evaluate(() => {
  const out: { note: string; provision: string }[] = []
  type N = { type: { name: string }; textContent: string; isText: boolean; text?: string; descendants(f: (n: N) => boolean): void }
  ;(window as unknown as { resdraft: { view: { state: { doc: N } } } }).resdraft.view.state.doc.descendants(n => {
    if (n.type.name !== 'provision') return true
    let words = ''
    const notes: string[] = []
    n.descendants(c => { if (c.type.name === 'footnote') { notes.push(c.textContent); return false } if (c.isText) words += c.text; return true })
    for (const note of notes) out.push({ note, provision: words })
    return false
  })
  return out
})

test('a footnote a drafter adds offline into a provision the other delegation moves into another section is not lost', async ({ browser }) => {
  // Salma (ARB) goes offline and adds a footnote in the first provision of 'considering further'; Amal (APT) moves
  // that provision up into 'considering' (the shared provision is deleted and a copy inserted there); Salma comes back.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline footnote kept across a move between sections')
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  const before = (await footnotesOn(amal.page)).length
  await goOffline(salma)
  await caretAfter(salma.page, 'تقدم تعريفاً')
  await salma.page.keyboard.press('Control+Alt+f')
  await salma.page.keyboard.type('حاشية دون اتصال')
  await salma.page.keyboard.press('Enter')
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(amal.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  await backOnline(salma)
  // both pages have her footnote, once, in the moved provision, and the same text
  const held = async (page: Page) => (await footnotesOn(page)).filter(f => f.note === 'حاشية دون اتصال').map(f => f.provision.includes('تقدم تعريفاً'))
  await expect.poll(() => held(amal.page), { timeout: 20_000 }).toEqual([true])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  expect(await held(salma.page)).toEqual([true])
  expect((await footnotesOn(amal.page)).length).toBe(before + 1)
  await expect(amal.page.getByTestId('footnote-item')).toContainText(['حاشية دون اتصال'])
  await amal.context.close()
  await salma.context.close()
})

test('words a drafter types offline in a provision the other delegation joins to the one before are not lost', async ({ browser }) => {
  // Salma (ARB) goes offline and writes in 'considering c)'; Amal (APT) presses Backspace at its start, joining it to
  // 'b)' (the shared provision is deleted and its text typed again at the end of 'b)'); Salma comes back.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words kept across a join')
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline(salma)
  await caretAfter(salma.page, 'أن الفصل بين عناصر')
  await salma.page.keyboard.type(' كتبت دون اتصال')
  await caretAfter(amal.page, 'أن الفصل بين عناصر', 0)
  await amal.page.keyboard.press('Backspace')
  await expect.poll(async () => (await provisionTexts(amal.page)).filter(t => t.includes('أن الفصل بين عناصر') && t.includes('أن الشبكة الهاتفية')).length).toBe(1)
  await backOnline(salma)
  // both have Salma's words, once, in the joined provision, after the words she wrote them after
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', 'أن الفصل بين عناصر كتبت دون اتصال'), { timeout: 20_000 }).toEqual([true])
  expect(await whereWordsStand(amal.page, 'كتبت دون اتصال', 'أن الشبكة الهاتفية')).toEqual([true])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  await amal.context.close()
  await salma.context.close()
})

test('words a drafter types offline in the part of a provision the other delegation splits off go with that part', async ({ browser }) => {
  // Salma (ARB) goes offline and writes inside 'considering c)'; Amal (APT) presses Enter before those words, splitting
  // the provision in two (the binding keeps the shared provision for one part and types the other again in a new
  // one); Salma comes back.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words kept across a split')
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline(salma)
  await caretAfter(salma.page, 'أن الفصل بين عناصر')
  await salma.page.keyboard.type(' كتبت دون اتصال')
  await caretAfter(amal.page, 'أن الفصل بين')
  await amal.page.keyboard.press('Enter')
  await expect.poll(async () => (await provisionTexts(amal.page)).some(t => t.includes('عناصر') && !t.includes('أن الفصل بين'))).toBe(true)
  await backOnline(salma)
  // both have Salma's words, once, after the words she wrote them after, in the part split off
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', 'عناصر كتبت دون اتصال'), { timeout: 20_000 }).toEqual([true])
  expect(await whereWordsStand(amal.page, 'كتبت دون اتصال', 'أن الفصل بين')).toEqual([false])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  await amal.context.close()
  await salma.context.close()
})

test('words typed offline in a page since closed are kept when the provision was moved into another section meanwhile', async ({ browser }) => {
  // Salma (ARB) writes offline and closes the page (her words wait in the browser); Amal (APT) moves the provision
  // into the section above; Salma, back online, opens the proposal again: the new page sends the words and, as they
  // were deleted with the provision the move deleted, types them again into the moved one.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words of a closed page kept across a move')
  const url = salma.page.url()
  await goOffline(salma)
  await caretAfter(salma.page, 'تقدم تعريفاً')
  await salma.page.keyboard.type(' كتبت ثم أغلقت')
  await storedInBrowser(salma.page)
  await salma.page.close()
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(amal.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  await salma.context.setOffline(false)
  const again = await salma.context.newPage()
  await again.goto(url)
  await expect(again.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible()
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت ثم أغلقت', 'تقدم تعريفاً كتبت ثم أغلقت'), { timeout: 20_000 }).toEqual([true])
  await expect.poll(async () => await editorText(again) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  await again.locator('.ProseMirror .provision', { hasText: 'كتبت ثم أغلقت' }).scrollIntoViewIfNeeded()
  await shot(again, 'offline-words-kept-across-move')
  await amal.context.close()
  await salma.context.close()
})

/**
 * Makes the user's copies of documents (IndexedDB) of every page of `context` answer `ms` late: the database opens,
 * and its opening is told to the page that late (as a browser's storage on a slow disk, or a large copy).
 */
async function slowBrowserCopy(context: BrowserContext, ms: number): Promise<void> {
  await context.addInitScript(delay => {
    const open = IDBFactory.prototype.open
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      const request = version === undefined ? open.call(this, name) : open.call(this, name, version)
      if (!name.startsWith('resdraft:user:')) return request
      let handler: ((this: IDBRequest, e: Event) => unknown) | null = null
      Object.defineProperty(request, 'onsuccess', { configurable: true, get: () => handler, set: h => { handler = h } })
      request.addEventListener('success', e => { setTimeout(() => handler?.call(request, e), delay) })
      return request
    }
  }, ms)
}

test("words of a closed page are kept across a move into another section though the browser's copy is read slowly", async ({ browser }) => {
  // As the test above, but the browser takes five seconds to read its copy when Salma opens the proposal again: the
  // page waits for it before it hears from the server, or the words would be put into a provision already deleted.
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words of a closed page, slow copy')
  const url = salma.page.url()
  await goOffline(salma)
  await caretAfter(salma.page, 'تقدم تعريفاً')
  await salma.page.keyboard.type(' كتبت ثم أغلقت')
  await storedInBrowser(salma.page)
  await salma.page.close()
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(amal.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  await salma.context.setOffline(false)
  await slowBrowserCopy(salma.context, 5000)
  const again = await salma.context.newPage()
  await again.goto(url)
  await expect(again.locator('[data-testid=page][data-ready=true] .ProseMirror')).toBeVisible({ timeout: 20_000 })
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت ثم أغلقت', 'تقدم تعريفاً كتبت ثم أغلقت'), { timeout: 20_000 }).toEqual([true])
  await expect.poll(async () => await editorText(again) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  await amal.context.close()
  await salma.context.close()
})

test("a browser whose storage cannot be opened does not keep the page from the server", async ({ browser }) => {
  // (the page waits for the browser's copy before it connects; a copy that cannot be read is not waited for)
  const salma = await signedInPage(browser, 'salma')
  await salma.context.addInitScript(() => {
    const open = IDBFactory.prototype.open
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      if (name.startsWith('resdraft:user:')) throw new DOMException('storage unavailable', 'InvalidStateError')
      return version === undefined ? open.call(this, name) : open.call(this, name, version)
    }
  })
  const id = await documentId(salma.page.request, 'APT proposal on Resolution 50')
  const started = Date.now()
  await openDocument(salma.page, id)
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online', { timeout: 20_000 })
  expect(Date.now() - started).toBeLessThan(10_000)
  await salma.context.close()
})

test('words typed offline in a provision moved into another section and back, then down, are kept, and the caret with them', async ({ browser }) => {
  // Salma (ARB) writes offline in the first provision of 'considering further'; Amal (APT) moves it up into
  // 'considering' (the shared provision deleted, a copy inserted), down again into 'considering further' (another
  // copy), and one place down (rewritten in place with its neighbour). Salma comes back: her words are in her
  // provision, once, and her caret with them (it was left at the end of the document).
  const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, 'Offline words and caret kept across moves there and back')
  await expect(salma.page.getByTestId('status')).toHaveAttribute('data-status', 'online')
  await goOffline(salma)
  await caretAfter(salma.page, 'تقدم تعريفاً')
  await salma.page.keyboard.type(' كتبت دون اتصال')
  await caretAfter(amal.page, 'تقدم تعريفاً')
  await amal.page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => placesApart(amal.page, 'تقدم تعريفاً', 'أن قطاع تقييس الاتصالات عليه')).toBe(1)
  await amal.page.keyboard.press('Alt+ArrowDown')
  await expect(amal.page.locator('.ProseMirror .provision', { hasText: 'تقدم تعريفاً' })).toContainText('أ )')
  await amal.page.keyboard.press('Alt+ArrowDown')
  await expect.poll(() => placesApart(amal.page, 'تقدم تعريفاً', 'تقدم إطاراً منهجياً')).toBe(1)
  await backOnline(salma)
  await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', 'تقدم تعريفاً كتبت دون اتصال'), { timeout: 20_000 }).toEqual([true])
  await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page), { timeout: 20_000 }).toBe(true)
  expect(await placesApart(salma.page, 'تقدم تعريفاً', 'تقدم إطاراً منهجياً')).toBe(1)
  expect(await textBeforeCaret(salma.page)).toMatch(/^أن التوصية ITU.T.X\.1205 تقدم تعريفاً كتبت دون اتصال$/)
  await salma.page.keyboard.type(' ثم عادت')
  await expect.poll(() => whereWordsStand(amal.page, 'ثم عادت', 'كتبت دون اتصال ثم عادت')).toEqual([true])
  await amal.context.close()
  await salma.context.close()
})

for (const where of ['within its section', 'into the section above'] as const) {
  test(`an undo of words typed offline into a provision moved meanwhile (${where}) takes them, and only them`, async ({ browser }) => {
    // Salma (ARB) writes in one provision, then offline in another, which Amal (APT) moves meanwhile; back online,
    // her page types her words again into the moved provision. Ctrl-Z takes those words away (it undid her earlier
    // words instead: the words typed again were not in the step that typed them), and Ctrl-Shift-Z brings them back.
    const { amal, salma } = await bothDelegatesOnAFreshProposal(browser, `Undo of words carried across a move (${where})`)
    const words = where === 'within its section' ? 'أن الفصل بين عناصر' : 'تقدم تعريفاً'
    await caretAfter(salma.page, 'أن تقارب الشبكات')
    await salma.page.keyboard.type(' سابقة')
    await expect.poll(() => editorText(amal.page)).toContain('الشبكات سابقة')
    await salma.page.waitForTimeout(700)   // past the undo manager's grouping
    await goOffline(salma)
    await caretAfter(salma.page, words)
    await salma.page.keyboard.type(' كتبت دون اتصال')
    await caretAfter(amal.page, words, 3)
    const before = await editorText(amal.page)
    await amal.page.keyboard.press('Alt+ArrowUp')
    await expect.poll(() => editorText(amal.page)).not.toBe(before)
    await salma.context.setOffline(false)
    await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', `${words} كتبت دون اتصال`), { timeout: 20_000 }).toEqual([true])
    await salma.page.keyboard.press('Control+z')
    await expect.poll(() => editorText(amal.page)).not.toContain('كتبت دون اتصال')
    expect(await editorText(salma.page)).toContain('الشبكات سابقة')
    await salma.page.keyboard.press('Control+Shift+z')
    await expect.poll(() => whereWordsStand(amal.page, 'كتبت دون اتصال', `${words} كتبت دون اتصال`)).toEqual([true])
    await expect.poll(async () => await editorText(salma.page) === await editorText(amal.page)).toBe(true)
    expect(await editorText(amal.page)).toContain('الشبكات سابقة')
    await amal.context.close()
    await salma.context.close()
  })
}
