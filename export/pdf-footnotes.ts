/**
 * Footnotes at the foot of their page in the PDF. Chromium prints CSS
 * without footnote floats, so the page (html.ts: footnotes collected at the
 * end, each reference a `sup.fn` link to `#fnN`) is paginated here before it
 * is printed: in print media, at the width of the A4 text area, the blocks
 * are measured and laid on pages in order; a block that does not fit with
 * the notes it references starts a new page (with the heading it is kept
 * with), and each page's notes are put at the bottom of that page, under a
 * short rule. Page breaks are then forced where they were counted, so
 * Chromium's print follows the same pages. A page without footnotes is
 * printed as it is.
 */
import type { Page } from 'playwright-core'

/** The text area of a page, in millimetres (html.ts prints A4 with 25 mm top/bottom and 20 mm side margins). */
export interface PageBox {
  readonly widthMm: number
  readonly heightMm: number
}

/** A4 less html.ts's @page margins. */
export const A4_TEXT_AREA: PageBox = { widthMm: 170, heightMm: 247 }

/** Lays the page's footnotes at the foot of the pages that reference them; returns the number of pages counted (0: nothing to do). */
export async function placeFootnotesAtPageFoot(page: Page, box: PageBox = A4_TEXT_AREA): Promise<number> {
  const px = (mm: number) => mm * 96 / 25.4
  await page.emulateMedia({ media: 'print' })
  await page.setViewportSize({ width: Math.floor(px(box.widthMm)), height: Math.floor(px(box.heightMm)) })
  // the page script is plain JavaScript in a string: a TypeScript function would be rewritten by the loader (esbuild's __name helpers) into code the page cannot run
  return page.evaluate(`((height) => {
    const section = document.querySelector('section.footnotes')
    if (!section) return 0
    const notes = new Map()
    for (const p of Array.from(section.querySelectorAll('p[id^="fn"]'))) notes.set(p.id, p)
    section.remove()
    const blocks = Array.from(document.body.children).filter(e => !['SCRIPT', 'STYLE'].includes(e.tagName))
    if (!blocks.length) return 0
    const KEEP_WITH_NEXT = ['Call', 'Proposal', 'Headingb', 'ResNo', 'Restitle', 'Resref', 'SectionNo', 'Sectiontitle', 'AnnexNo', 'Annextitle', 'keep']
    const notesBox = () => { const d = document.createElement('div'); d.className = 'page-notes'; return d }
    // each note's height, measured in a notes box at the page's width: all put in first, then all read, so that the
    // page is laid out once (a read after each note laid it out again each time: 5,000 notes held Chromium 15 s)
    const probe = notesBox()
    document.body.appendChild(probe)
    const noteHeight = new Map()
    for (const p of notes.values()) probe.appendChild(p)
    for (const [id, p] of notes) noteHeight.set(id, p.getBoundingClientRect().height + 4)
    probe.replaceChildren()
    const ruleHeight = probe.getBoundingClientRect().height + 16
    probe.remove()
    // block heights including the gap to the next block (collapsed margins)
    const tops = blocks.map(b => b.getBoundingClientRect().top)
    const end = (() => { const last = blocks[blocks.length - 1]; const r = last.getBoundingClientRect(); return r.bottom + parseFloat(getComputedStyle(last).marginBottom || '0') })()
    const heights = blocks.map((_, k) => (k + 1 < blocks.length ? tops[k + 1] : end) - tops[k])
    const refs = blocks.map(b => Array.from(b.querySelectorAll('sup.fn a[href^="#fn"]')).map(a => (a.getAttribute('href') ?? '').slice(1)).filter(id => notes.has(id)))

    const sheets = [{ first: 0, used: 0, notes: [] }]
    const notesNeed = (ids) => ids.length ? ruleHeight + ids.reduce((s, id) => s + (noteHeight.get(id) ?? 0), 0) : 0
    for (let k = 0; k < blocks.length; k++) {
      const sheet = sheets[sheets.length - 1]
      const withNotes = [...sheet.notes, ...refs[k]]
      if (sheet.used > 0 && sheet.used + heights[k] + notesNeed(withNotes) > height) {
        // carry the heading this block is kept with onto the new page
        let start = k
        while (start - 1 > sheet.first && KEEP_WITH_NEXT.some(c => blocks[start - 1].classList.contains(c))) start--
        const moved = blocks.slice(start, k)
        sheet.used -= moved.reduce((s, _, j) => s + heights[start + j], 0)
        sheet.notes = sheet.notes.filter(id => !moved.some((_, j) => refs[start + j].includes(id)))
        const next = { first: start, used: 0, notes: [] }
        for (let j = start; j < k; j++) { next.used += heights[j]; next.notes.push(...refs[j]) }
        sheets.push(next)
      }
      const current = sheets[sheets.length - 1]
      current.used += heights[k]
      current.notes.push(...refs[k])
    }
    // force the counted breaks, and put each sheet's notes at its foot
    sheets.forEach((sheet, s) => {
      if (s > 0) blocks[sheet.first].style.breakBefore = 'page'
      if (!sheet.notes.length) return
      const box = notesBox()
      for (const id of sheet.notes) box.appendChild(notes.get(id))
      const lastBlock = s + 1 < sheets.length ? blocks[sheets[s + 1].first - 1] : blocks[blocks.length - 1]
      lastBlock.after(box)
      box.style.marginTop = Math.max(8, height - sheet.used - notesNeed(sheet.notes) - 6) + 'px'
    })
    return sheets.length
  })(${Math.floor(px(box.heightMm))})`) as Promise<number>
}
