/**
 * The export formats by name, as the CLI and the HTTP route offer them:
 * `docx` (tracked changes), `docx-static` (revision formatting), `html`
 * and `pdf`.
 */
import { exportDocxStatic } from './docx-static.js'
import { exportDocxTracked } from './docx-tracked.js'
import { exportHtml } from './html.js'
import { frameLayout, type ConferenceFrame } from './conference.js'
import type { Layout } from './layout.js'
import { exportPdf, type PdfRenderer } from './pdf.js'

/** An export format name. */
export type ExportFormat = 'docx' | 'docx-static' | 'html' | 'pdf'

/** All format names. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['docx', 'docx-static', 'html', 'pdf']

/** True when the string names an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value)
}

/** MIME type and file extension of each format. */
export const FORMAT_INFO: Record<ExportFormat, { contentType: string; extension: string }> = {
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  'docx-static': { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' }
}

/** Options of a rendering. */
export interface RenderOptions {
  readonly title?: string
  /** Fallback author of revisions that name nobody (DOCX). */
  readonly author?: string | null
  /** A browser kept open for PDF; one is started and closed when absent. */
  readonly pdfRenderer?: PdfRenderer
  /** The conference document around the body (conference.ts): header block, page header and footer. */
  readonly frame?: ConferenceFrame
}

/** Writes a layout in a format. */
export async function renderLayout(layout: Layout, format: ExportFormat, opts: RenderOptions = {}): Promise<Uint8Array> {
  const common = { ...(opts.title ? { title: opts.title } : {}), ...(opts.author ? { author: opts.author } : {}), ...(opts.frame ? { frame: opts.frame } : {}) }
  if (opts.frame) layout = frameLayout(layout, opts.frame)
  switch (format) {
    case 'docx': return exportDocxTracked(layout, common)
    case 'docx-static': return exportDocxStatic(layout, common)
    case 'html': return new TextEncoder().encode(exportHtml(layout, common))
    case 'pdf': {
      const html = exportHtml(layout, common)
      return opts.pdfRenderer ? opts.pdfRenderer.render(html) : exportPdf(html)
    }
  }
}
