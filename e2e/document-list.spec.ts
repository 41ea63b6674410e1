/**
 * The document list as a drafter sees it: each row's actions sit in the
 * row, in a table cell whose edges are the row's (a cell laid out as a flex
 * box leaves the table, and its borders stop lining up with the row's).
 */
import { expect, test } from '@playwright/test'
import { shot, signIn } from './helpers.js'

test('the actions of each document row stay inside the row', async ({ page }) => {
  await signIn(page, 'amal')
  const rows = page.getByTestId('doc-row')
  await expect(rows.first()).toBeVisible()
  const boxes = await rows.evaluateAll(trs => trs.map(tr => {
    const row = tr.getBoundingClientRect()
    const cell = tr.querySelector('td.row-actions')!.getBoundingClientRect()
    return { rowTop: row.top, rowBottom: row.bottom, cellTop: cell.top, cellBottom: cell.bottom, display: getComputedStyle(tr.querySelector('td.row-actions')!).display }
  }))
  expect(boxes.length).toBeGreaterThan(1)
  for (const b of boxes) {
    expect(b.display).toBe('table-cell')
    expect(Math.abs(b.cellTop - b.rowTop)).toBeLessThan(1)
    expect(Math.abs(b.cellBottom - b.rowBottom)).toBeLessThan(1)
  }
  await shot(page, 'document-list')
})
