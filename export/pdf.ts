/**
 * PDF through Chromium's print (playwright-core, the system Chromium). A
 * `PdfRenderer` keeps one browser for many documents (the server, the
 * benchmark); `exportPdf` starts and closes one for a single document (the
 * CLI). Fonts come from the system (Noto Naskh Arabic for Arabic). Footnotes
 * are laid at the foot of their page first (pdf-footnotes.ts).
 */
// playwright-core is loaded when a browser is launched, so that loading the exporters (the CLI) stays cheap
import type { Browser, Page } from 'playwright-core'
import { placeFootnotesAtPageFoot } from './pdf-footnotes.js'

/** Where Chromium is, unless RESDRAFT_CHROMIUM says otherwise. */
export const CHROMIUM_PATH = process.env.RESDRAFT_CHROMIUM ?? '/usr/bin/chromium'

/** Launch arguments: no sandbox (containers), no GPU, and no network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
]

/** Options of a PDF rendering. */
export interface PdfOptions {
  /** Paper size; default A4. */
  readonly format?: 'A4' | 'Letter'
  /** Give up after this many milliseconds, the whole printing (page, footnotes, PDF) together (default 30 s). */
  readonly timeoutMs?: number
  /** Aborted when nobody waits for the PDF any more (the client has gone): it is then not printed. */
  readonly signal?: AbortSignal
}

/** Renderings a `PdfRenderer` holds at once, the one printing included; past it, `render` refuses at once. */
export const MAX_QUEUED_RENDERINGS = 4

/** The printer's queue is full, or (`ownShare`: how many PDFs of theirs it holds) the requester's share of it. */
export class PrinterBusyError extends Error {
  constructor(ownShare?: number) {
    super(ownShare === undefined
      ? 'the server is busy printing other PDFs; try again in a few seconds'
      : `the server is still making ${ownShare} of your own PDFs; try again when one is done`)
    this.name = 'PrinterBusyError'
  }
}

/** A printing ran past its time limit (its page was closed). */
export class PrintTimeoutError extends Error {
  constructor(readonly timeoutMs: number) { super(`printing the PDF took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; the document is too large or too complex`); this.name = 'PrintTimeoutError' }
}

/**
 * A Chromium kept open to print many pages to PDF. One page (in a context
 * with JavaScript off and every network request aborted) is reused, and
 * renderings are queued: creating a context per document costs more than
 * printing it. The queue holds MAX_QUEUED_RENDERINGS; a rendering whose
 * signal is aborted before its turn is dropped unprinted.
 */
export class PdfRenderer {
  private page: Page | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private queued = 0
  private constructor(private readonly browser: Browser) {}

  /** Starts Chromium. */
  static async launch(): Promise<PdfRenderer> {
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true })
    return new PdfRenderer(browser)
  }

  private async openPage(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page
    const context = await this.browser.newContext({ javaScriptEnabled: false, offline: true })
    const page = await context.newPage()
    await page.route('**/*', route => route.abort())
    this.page = page
    return page
  }

  /**
   * Prints a standalone HTML page to PDF. The page may not load anything
   * from the network. The printing as a whole has `timeoutMs`: past it the
   * page is closed (which stops whatever Chromium was doing on it) and
   * PrintTimeoutError thrown. Each step's own limit was no bound on the
   * whole, and laying the footnotes had none.
   */
  render(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
    if (this.queued >= MAX_QUEUED_RENDERINGS) return Promise.reject(new PrinterBusyError())
    this.queued++
    const run = async () => {
      opts.signal?.throwIfAborted()
      const timeout = opts.timeoutMs ?? 30_000
      let timer: NodeJS.Timeout | undefined
      let stopped = false
      const late = new Promise<never>((_, reject) => { timer = setTimeout(() => { stopped = true; reject(new PrintTimeoutError(timeout)) }, timeout) })
      let page: Page | null = null
      const printing = (async () => {
        page = await this.openPage()
        // (a page had only after the time limit is left for the next printing)
        if (stopped) throw new PrintTimeoutError(timeout)
        await page.setContent(html, { waitUntil: 'load', timeout })
        // footnotes at the foot of their page (A4 only: the text area is A4's)
        if ((opts.format ?? 'A4') === 'A4') await placeFootnotesAtPageFoot(page)
        const pdf = await page.pdf({ format: opts.format ?? 'A4', printBackground: true, preferCSSPageSize: true, timeout } as Parameters<typeof page.pdf>[0])
        return new Uint8Array(pdf)
      })()
      // (left behind by the time limit, it fails once its page is closed)
      printing.catch(() => undefined)
      try {
        return await Promise.race([printing, late])
      } catch (e) {
        const closing = (page as Page | null) ?? this.page
        await closing?.context().close().catch(() => undefined)
        this.page = null
        // a step's own limit reached is the printing's too
        throw (e as Error).name === 'TimeoutError' ? new PrintTimeoutError(timeout) : e
      } finally { clearTimeout(timer) }
    }
    const result = this.queue.then(run, run).finally(() => { this.queued-- })
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Whether its Chromium still runs (false once it has exited, killed or crashed: nothing can be printed with it). */
  get connected(): boolean { return this.browser.isConnected() }

  /** Closes Chromium. */
  async close(): Promise<void> { await this.browser.close() }
}

/** Prints one HTML page to PDF with a browser of its own. */
export async function exportPdf(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
  const renderer = await PdfRenderer.launch()
  try { return await renderer.render(html, opts) } finally { await renderer.close() }
}
