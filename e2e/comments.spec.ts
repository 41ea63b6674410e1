/**
 * Where a comment goes. A comment is anchored to the provision the reader
 * last pointed at in the text: the Comment button never does nothing
 * silently. With no provision chosen it says what to do and keeps the
 * words; a click on a provision of a read-only text counts at once, even
 * when the comment box takes the focus before the browser has reported the
 * click's selection.
 */
import { expect, test } from '@playwright/test'
import { freshProposal, openDocument, shot, signedInPage } from './helpers.js'

test('a reviewer’s comment: without a provision chosen the panel says so and keeps the text; a click on a provision anchors it at once', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await freshProposal(amal.page.request, `Comment test ${Date.now()}`, ['APT'])
  await amal.context.close()
  const rita = await signedInPage(browser, 'rita')
  const page = rita.page
  await openDocument(page, id)
  await expect(page.getByTestId('read-only')).toBeVisible()
  const panel = page.getByTestId('comments-panel')

  // nothing chosen in the text: the button explains, and the words stay
  const words = `Which resolution is meant here? ${Date.now()}`
  await panel.getByTestId('comment-text').fill(words)
  await panel.getByTestId('add-comment').click()
  await expect(panel.getByTestId('comment-hint')).toBeVisible()
  await expect(panel.getByTestId('comment-text')).toHaveValue(words)
  await expect(panel.getByTestId('comment')).toHaveCount(0)
  await shot(page, 'comments-hint')

  // a click on a provision, and the comment box takes the focus before the browser reports the click's selection
  await page.evaluate(() => {
    const box = document.querySelector<HTMLTextAreaElement>('[data-testid=comment-text]')!
    document.addEventListener('mouseup', () => box.focus(), { capture: true, once: true })
  })
  const provision = page.locator('.ProseMirror .provision').nth(2)
  const provisionId = await provision.getAttribute('data-id')
  await provision.locator('p').first().click()
  await panel.getByTestId('add-comment').click()
  await expect(panel.getByTestId('comment')).toHaveCount(1)
  await expect(panel.getByTestId('comment-hint')).toHaveCount(0)
  await expect(panel.getByTestId('comment-text')).toHaveValue('')
  const posted = panel.getByTestId('comment').filter({ hasText: words })
  await expect(posted).toHaveCount(1)
  // anchored where the click was: the comment's provision is marked in the text
  await expect(page.locator(`.ProseMirror [data-id="${provisionId}"].has-comment`)).toHaveCount(1)
  await rita.context.close()
})

test('Reply with nothing written puts the focus in the reply box, as Comment does in its own', async ({ browser }) => {
  // the Reply button of a comment did nothing and said nothing while its box was empty (UX audit)
  const amal = await signedInPage(browser, 'amal')
  const page = amal.page
  const id = await freshProposal(page.request, `Reply test ${Date.now()}`, ['APT'])
  await openDocument(page, id)
  const panel = page.getByTestId('comments-panel')
  await page.locator('.ProseMirror .provision p').first().click()
  await panel.getByTestId('comment-text').fill('أي قرار؟')
  await panel.getByTestId('add-comment').click()
  const comment = panel.getByTestId('comment')
  await expect(comment).toHaveCount(1)
  await comment.getByTestId('reply').click()
  await expect(comment.getByTestId('reply-text')).toBeFocused()
  await comment.getByTestId('reply-text').fill('القرار 130')
  await comment.getByTestId('reply').click()
  await expect(comment).toContainText('القرار 130')
  await amal.context.close()
})
