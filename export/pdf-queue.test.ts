/**
 * The printer's queue (PdfRenderer): bounded, and a rendering nobody waits
 * for any more (the client has gone) is dropped when its turn comes rather
 * than printed. Chromium is needed; skipped without it.
 */
import { strict as assert } from 'node:assert'
import { existsSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { CHROMIUM_PATH, MAX_QUEUED_RENDERINGS, PdfRenderer, PrinterBusyError } from './pdf.js'

const chromium = existsSync(CHROMIUM_PATH)
let renderer: PdfRenderer | null = null
before(async () => { if (chromium) renderer = await PdfRenderer.launch() })
after(async () => { await renderer?.close() })

/** A page of many paragraphs: a rendering that takes the printer a while. */
const longPage = `<!doctype html><meta charset="utf-8"><body>${'<p>Considering that the Assembly has resolved to strengthen cooperation.</p>'.repeat(4000)}</body>`
const shortPage = '<!doctype html><meta charset="utf-8"><p>resolves</p>'

test('past the queue\'s bound a rendering is refused at once as busy; those queued are printed', { skip: chromium ? false : `no Chromium at ${CHROMIUM_PATH}` }, async () => {
  const runs = Array.from({ length: MAX_QUEUED_RENDERINGS + 4 }, () => renderer!.render(longPage).then(pdf => ({ pdf }), (error: Error) => ({ error })))
  const results = await Promise.all(runs)
  const busy = results.filter(r => 'error' in r && r.error instanceof PrinterBusyError)
  const printed = results.filter(r => 'pdf' in r && String.fromCharCode(...r.pdf.slice(0, 5)) === '%PDF-')
  assert.ok(busy.length >= 4, `${busy.length} refused as busy`)
  assert.equal(busy.length + printed.length, results.length, 'every other one is a PDF')
  assert.match((busy[0] as { error: Error }).error.message, /busy/)
})

test('a rendering whose requester has gone is not printed when its turn comes, and the printer goes on', { skip: chromium ? false : `no Chromium at ${CHROMIUM_PATH}` }, async () => {
  const first = renderer!.render(longPage)
  const gone = new AbortController()
  const abandoned = renderer!.render(longPage, { signal: gone.signal }).then(() => 'printed', (e: Error) => e.name)
  gone.abort()
  await first
  assert.equal(await abandoned, 'AbortError')
  const pdf = await renderer!.render(shortPage)
  assert.equal(String.fromCharCode(...pdf.slice(0, 5)), '%PDF-')
})
