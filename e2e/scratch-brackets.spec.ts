import { expect, test } from '@playwright/test'
import { documentId, openDocument, shot, signIn } from './helpers.js'

test.use({ deviceScaleFactor: 4 })
test('scratch: brackets rendering in Arabic', async ({ page }) => {
  await signIn(page, 'amal')
  const id = await documentId(page.request, 'APT proposal')
  await openDocument(page, id)
  await page.evaluate(() => {
    const view = (window as any).resdraft.view
    const s = view.state.schema
    let target = -1, unitPos = -1
    view.state.doc.descendants((n: any, pos: number) => {
      if (target < 0 && n.type.name === 'paragraph' && n.textContent.length > 40 && n.textContent.includes('الأمن')) { target = pos + 1 + n.textContent.indexOf('الأمن') }
      return true
    })
    let count = 0
    view.state.doc.descendants((n: any, pos: number) => { if (n.type.name === 'provision' && ++count === 3) unitPos = pos; return true })
    const b = s.nodes.bracket.create({ id: 'k1' }, [s.nodes.bracketOption.create({ sources: 'APT, ARB' }, s.text('الأمن السيبراني')), s.nodes.bracketOption.create({ sources: 'AFCP' }, s.text('أمن المعلومات'))])
    let tr = view.state.tr.replaceWith(target, target + 'الأمن'.length, b)
    unitPos = tr.mapping.map(unitPos)
    const unit = tr.doc.nodeAt(unitPos)
    tr = tr.setNodeMarkup(unitPos, undefined, { ...unit.attrs, bracket: 'q1', sources: 'APT' })
    const copy = unit.type.create({ ...unit.attrs, id: 'copyx', bracket: 'q1', sources: 'ARB' }, unit.content)
    tr = tr.insert(unitPos + unit.nodeSize, copy)
    view.dispatch(tr)
  })
  await expect(page.locator('.bracket')).toHaveCount(1)
  await page.locator('.bracket').scrollIntoViewIfNeeded()
  await shot(page, 'scratch-inline-ar')
  await page.locator('.bracket-option').first().screenshot({ path: 'test-results/screens/scratch-opt1.png' })
  await page.evaluate(() => { const p = document.createElement('p'); p.id='probe'; p.dir='rtl'; p.style.cssText='font: 40px serif; background:#fff; position:fixed; top:100px; left:100px; z-index:99'; p.textContent = 'و(الأمن) و[الأمن]'; document.body.append(p) })
  await page.locator('#probe').screenshot({ path: 'test-results/screens/scratch-probe.png' })
  await page.evaluate(() => document.getElementById('probe')!.remove())
  await page.locator('.provision').filter({ has: page.locator('.bracket') }).first().screenshot({ path: 'test-results/screens/scratch-inline-el.png' })
  await page.locator('.bracket-close').first().scrollIntoViewIfNeeded()
  await shot(page, 'scratch-provision-ar')
  await page.locator('.provision.bracketed').first().screenshot({ path: 'test-results/screens/scratch-prov-el1.png' })
  await page.locator('.provision.bracketed').nth(1).screenshot({ path: 'test-results/screens/scratch-prov-el2.png' })
  await page.locator('.bracket-option').first().click()
  await shot(page, 'scratch-menu-ar')
})
