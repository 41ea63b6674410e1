/**
 * The heavy work of the API, as functions of plain data that a worker
 * thread runs (worker.ts): text import, comparison, export. Each throws
 * the library's own errors (ImportLimitError, ImportError,
 * ProposalExportError ...), which the pool hands back by name.
 */
import { compare } from '../../diff/index.js'
import { exportDocument, type DocumentExport, type ExportedFile } from '../../export/export-document.js'
import { resolutionFromJSON, type Language } from '../../schema/index.js'
import { importText, type ImportWarning } from '../../schema/text/index.js'
import { prepareContent, type PreparedContent } from '../documents.js'

/** The jobs by name: input and output types. */
export interface Jobs {
  /** The text importer, and the result encoded as a document's first update (server/documents.ts). */
  'import-text': { input: { text: string; lang?: Language }; output: { content: PreparedContent; warnings: ImportWarning[] } }
  compare: { input: { oldJSON: unknown; newJSON: unknown; ignoreRenumbering: boolean }; output: { revision: unknown; summary: unknown } }
  export: { input: DocumentExport; output: ExportedFile }
  /** Busy-waits `ms` (tests of the time limit). */
  spin: { input: { ms: number }; output: { spun: number } }
}

/** A job name. */
export type JobName = keyof Jobs

/** Runs one job in this thread. */
export async function runJob<K extends JobName>(name: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']> {
  return (await handlers[name](input as never)) as Jobs[K]['output']
}

const handlers: { [K in JobName]: (input: Jobs[K]['input']) => Jobs[K]['output'] | Promise<Jobs[K]['output']> } = {
  'import-text': ({ text, lang }) => {
    const { doc, warnings } = importText(text, lang ? { lang } : {})
    return { content: prepareContent(doc.toJSON()), warnings }
  },
  compare: ({ oldJSON, newJSON, ignoreRenumbering }) => {
    const { doc, summary } = compare(resolutionFromJSON(oldJSON), resolutionFromJSON(newJSON), { ignoreRenumbering })
    return { revision: doc.toJSON(), summary }
  },
  export: input => exportDocument(input, (a, b, who) => compare(a, b, { author: who }).doc),
  spin: ({ ms }) => {
    const end = Date.now() + ms
    let spun = 0
    while (Date.now() < end) spun++
    return { spun }
  }
}
