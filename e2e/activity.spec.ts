/**
 * The activity of a committee draft is read a page at a time (the server
 * answers the newest DEFAULT_AUDIT_PAGE entries, then the page before a
 * given one): the history panel shows the newest page and, when it is full,
 * a button that brings the page before it. The pages are served here by the
 * test (page.route) so that a long activity needs no thousand operations.
 */
import { expect, test } from '@playwright/test'
import { DEFAULT_AUDIT_PAGE } from '../protocol/api.js'
import { openDocument, shot, signedInPage } from './helpers.js'

test('a long activity: the newest page first, then the page before it on request', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const docs = await (await sec.page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  const started = await sec.page.request.post('/api/committee-drafts', { data: { title: `Activity pages ${Date.now()}`, base: `v:${apt.baseVersionId}`, proposals: [`d:${apt.id}`] } })
  expect(started.status(), await started.text()).toBe(201)
  const draft = (await started.json() as { id: string }).id
  const entry = (seq: number) => ({ seq, at: new Date(Date.UTC(2026, 10, 1) + seq * 60_000).toISOString(), user: 'Amal', delegation: 'APT', action: 'bracket-add-option', detail: `option ${seq}` })
  const asked: string[] = []
  await sec.page.route(`**/api/documents/${draft}/activity*`, route => {
    const before = new URL(route.request().url()).searchParams.get('before')
    asked.push(before ?? 'newest')
    // the newest page: entries 4 to 503; the page before entry 4: entries 1 to 3
    const seqs = before === null ? Array.from({ length: DEFAULT_AUDIT_PAGE }, (_, k) => k + 4) : before === '4' ? [1, 2, 3] : []
    return route.fulfill({ json: seqs.map(entry) })
  })
  await openDocument(sec.page, draft)
  await sec.page.getByTestId('history-toggle').click()
  const items = sec.page.getByTestId('activity-item')
  await expect(items).toHaveCount(DEFAULT_AUDIT_PAGE)
  await expect(items.first()).toContainText(`option ${DEFAULT_AUDIT_PAGE + 3}`)   // newest first
  await sec.page.getByTestId('activity-earlier').scrollIntoViewIfNeeded()
  await shot(sec.page, 'activity-earlier')
  await sec.page.getByTestId('activity-earlier').click()
  await expect(items).toHaveCount(DEFAULT_AUDIT_PAGE + 3)
  await expect(items.last()).toContainText('option 1')
  await expect(sec.page.getByTestId('activity-earlier')).toHaveCount(0)   // a page that is not full is the start
  expect(asked).toEqual(['newest', '4'])
  await sec.context.close()
})

test('the start of a committee draft is said in the reader’s language: its sources and the text in force, no English sentence in Arabic', async ({ browser }) => {
  const sec = await signedInPage(browser, 'sec')
  const docs = await (await sec.page.request.get('/api/documents')).json() as { id: string; title: string; baseVersionId: string | null; baseDocumentId: string | null }[]
  const apt = docs.find(d => d.title === 'APT proposal on Resolution 50')!
  const base = docs.find(d => d.id === apt.baseDocumentId)!
  const started = await sec.page.request.post('/api/committee-drafts', { data: { title: `Draft start words ${Date.now()}`, base: `v:${apt.baseVersionId}`, proposals: [`d:${apt.id}`] } })
  expect(started.status(), await started.text()).toBe(201)
  const draft = (await started.json() as { id: string }).id
  await sec.context.close()

  // Salma (ARB, Arabic interface) reads the draft's history
  const salma = await signedInPage(browser, 'salma')
  await openDocument(salma.page, draft)
  await salma.page.getByTestId('history-toggle').click()
  const start = salma.page.locator('[data-testid=activity-item][data-op=create-committee-draft]')
  await expect(start).toHaveCount(1)
  const detail = start.locator('.detail')
  await expect(detail).toContainText('من مقترحات APT')
  await expect(detail).toContainText(`على «${base.title}»`)
  // the sources and the title are the only Latin words; the version the title names is not said twice
  expect((await detail.textContent())!.replace(base.title, '').replace('APT', '')).not.toMatch(/[A-Za-z]/)
  await shot(salma.page, 'activity-draft-start-ar')
  await salma.context.close()
})
