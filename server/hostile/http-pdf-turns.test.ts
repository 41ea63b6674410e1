/**
 * PDFs are printed in turns across accounts, against a real server whose
 * printer is held by the test: it prints one PDF at a time, in the order it
 * is given them, as Chromium's PdfRenderer does, and each printing lasts
 * until the test ends it. So the order of printing is counted, not timed.
 *
 * The printer's queue was first come, first served: a drafter's two PDFs
 * of the worst kind (each stopped at the time limit, 30 s) made another
 * delegate's one-page PDF, asked for a moment after them, wait 60 s
 * (59.9 s measured; 30.6 s now, the one printing when it was asked for).
 * Now the account printed longest ago goes first: the other delegate's PDF
 * is printed after the one printing, before the drafter's second.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { PdfOptions } from '../../export/pdf.js'
import type { PdfPrinter } from '../api/export-routes.js'
import { createDocument } from '../documents.js'
import { login, sampleJSON, startTestServer, until, type TestServer } from '../test/helpers.js'

/** A printer whose printings last until the test ends them: one at a time, in the order given (as PdfRenderer). */
class HeldPrinter implements PdfPrinter {
  /** The HTML of every printing begun, in order. */
  readonly begun: string[] = []
  readonly connected = true
  private queue: Promise<unknown> = Promise.resolve()
  private endPrinting: (() => void) | null = null

  render(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
    const print = async () => {
      opts.signal?.throwIfAborted()
      this.begun.push(html)
      await new Promise<void>(resolve => { this.endPrinting = resolve })
      return new TextEncoder().encode('%PDF-1.7 held')
    }
    const result = this.queue.then(print, print)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Ends the printing under way (the PDF is answered). */
  finish(): void {
    const end = this.endPrinting
    this.endPrinting = null
    assert.ok(end, 'a printing is under way')
    end()
  }

  async close(): Promise<void> {}
}

/** As long as any state may take to come about on a busy machine: the test's own bound, not an assertion on time. */
const WAIT = 60_000
const printer = new HeldPrinter()
let server: TestServer
before(async () => { server = await startTestServer({ printer: async () => printer }) })
after(async () => { await server?.close() })

/** Exports document `id` as a PDF for `token`: the status, the refusal's message and code if refused, and whether it is a PDF. */
async function exportPdf(token: string, id: string): Promise<{ status: number; pdf: boolean; error?: string; code?: string }> {
  const r = await fetch(`${server.url}/api/documents/${id}/export?format=pdf`, { headers: { authorization: `Bearer ${token}` } })
  const body = Buffer.from(await r.arrayBuffer())
  if (r.headers.get('content-type')?.startsWith('application/json')) {
    const { error, code } = JSON.parse(body.toString()) as { error: string; code?: string }
    return { status: r.status, pdf: false, error, ...(code ? { code } : {}) }
  }
  return { status: r.status, pdf: body.subarray(0, 5).toString() === '%PDF-' }
}

/** Two documents of their own for claire (CEPT) and kenji (APT), and their tokens; `whose` tells a printing's HTML apart by its document. */
async function twoDrafters(tag: string) {
  const own = (delegation: string, title: string) => createDocument(server.store, { title, delegations: [delegation], shared: false }, sampleJSON(title), null)
  const [cept, apt] = await Promise.all([own('CEPT', `Text of CEPT ${tag}`), own('APT', `Text of APT ${tag}`)])
  const [claire, kenji] = await Promise.all([login(server.url, 'claire'), login(server.url, 'kenji')])
  const whose = (html: string) => html.includes(`Text of CEPT ${tag}`) ? 'claire' : html.includes(`Text of APT ${tag}`) ? 'kenji' : 'someone else'
  return { cept, apt, claire, kenji, whose }
}

test('a delegate\'s PDF is printed after the one printing, before the second of a drafter who asked for two first', async () => {
  const { cept, apt, claire, kenji, whose } = await twoDrafters('in turns')
  const begunBefore = printer.begun.length
  // claire's first PDF is printing, her second waits for the printer; then kenji asks for one
  const first = exportPdf(claire, cept.id)
  await until(() => printer.begun.length === begunBefore + 1, WAIT, "claire's first printing")
  const second = exportPdf(claire, cept.id)
  await until(() => server.pdf.atPrinter === 2, WAIT, "claire's second PDF at the printer")
  const kenjis = exportPdf(kenji, apt.id)
  await until(() => server.pdf.atPrinter === 3, WAIT, "kenji's PDF at the printer")

  for (let printed = 1; printed < 3; printed++) {
    printer.finish()
    await until(() => printer.begun.length === begunBefore + printed + 1, WAIT, `printing ${printed + 1}`)
  }
  printer.finish()
  const answers = await Promise.all([first, second, kenjis])
  assert.deepEqual(answers, [{ status: 200, pdf: true }, { status: 200, pdf: true }, { status: 200, pdf: true }])
  assert.deepEqual(printer.begun.slice(begunBefore).map(whose), ['claire', 'kenji', 'claire'], 'kenji waited for one printing of claire\'s, not for both')
})

test('past their own two PDFs in flight, a drafter is refused at once, told that it is their own PDFs the server is busy with', async () => {
  const { cept, claire } = await twoDrafters('own bound')
  const begunBefore = printer.begun.length
  const first = exportPdf(claire, cept.id)
  await until(() => printer.begun.length === begunBefore + 1, WAIT, "claire's first printing")
  const second = exportPdf(claire, cept.id)
  await until(() => server.pdf.atPrinter === 2, WAIT, "claire's second PDF at the printer")

  const third = await exportPdf(claire, cept.id)
  assert.equal(third.status, 503)
  assert.equal(third.code, 'busy')
  assert.match(third.error ?? '', /your own/, third.error)
  assert.match(third.error ?? '', /\b2\b/, `names her bound: ${third.error}`)

  printer.finish()
  await until(() => printer.begun.length === begunBefore + 2, WAIT, "claire's second printing")
  printer.finish()
  assert.deepEqual(await Promise.all([first, second]), [{ status: 200, pdf: true }, { status: 200, pdf: true }])
})
