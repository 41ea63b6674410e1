/**
 * Reading a text in force from a file, as the secretariat uploads it: the
 * plain-text form (docs/text-format.md) or ITU's own Word file of a
 * resolution (ITU paragraph styles, itu-docx-text.ts), in any of the six
 * languages. Nothing is stored here: the caller shows the warnings and
 * stores the document only once the user confirms.
 */
import type { Node } from 'prosemirror-model'
import { sameScript, versionNameOf, type Language } from '../schema/index.js'
import { detectLanguage, importNote, importText, ImportError, ImportLimitError, type ImportNote, type ImportProblem } from '../schema/text/index.js'
import { readDocxContent } from './docx-paragraphs.js'
import { DEFAULT_LIMITS, DocxInputError, isOleFile, type DocxLimits, type DocxProblem } from './docx-read.js'
import { ituDocxToText } from './itu-docx-text.js'

/** One line of what the reader reports before anything is stored (its code and values say it in any language, warnings.ts). */
export interface ResolutionFileWarning extends ImportNote {
  /** Line of the text (for a Word file: of the text it was converted to), or null for the file as a whole. */
  readonly line: number | null
  /** The text of that line, to show beside the message. */
  readonly text?: string
}

/** A resolution read from a file. */
export interface ResolutionFile {
  readonly format: 'text' | 'docx'
  readonly doc: Node
  readonly lang: Language
  /** The resolution heading, e.g. `RESOLUTION 1 (Rev. Hammamet, 2016)`. */
  readonly heading: string
  /** The resolution's title. */
  readonly title: string
  /** A version name taken from the heading (`Rev. Hammamet, 2016`), or null. */
  readonly versionName: string | null
  readonly warnings: readonly ResolutionFileWarning[]
  /** The text the document was read from (for a Word file: the converted text). */
  readonly text: string
}

/**
 * What is wrong with a file before any of it is read as a resolution: a
 * Word file's problem (docx-read.ts), or an empty file, one neither text
 * nor Word (`binary`), or a text not in UTF-8; or a text with no resolution
 * heading (schema/text/errors.ts).
 */
export type FileProblem = DocxProblem | ImportProblem | 'empty' | 'binary' | 'not-utf8'

/** A file that cannot be read as a resolution: the message says why, and `problem` which problem, when the file itself is at fault. */
export class ResolutionFileError extends Error {
  constructor(message: string, readonly problem?: FileProblem) { super(message); this.name = 'ResolutionFileError' }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/** Whether the bytes are a zip package (a .docx), by their first four bytes. */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b)
}

/** Reads a resolution from the bytes of a text file or of ITU's Word file; throws ResolutionFileError with a clear message. */
export function readResolutionFile(bytes: Uint8Array, opts: { lang?: Language; limits?: DocxLimits } = {}): ResolutionFile {
  if (bytes.length === 0) throw new ResolutionFileError('the file is empty', 'empty')
  let text: string
  let format: 'text' | 'docx'
  const fileWarnings: ResolutionFileWarning[] = []
  if (isZip(bytes)) {
    format = 'docx'
    let converted
    try {
      converted = ituDocxToText(readDocxContent(bytes, opts.limits ?? DEFAULT_LIMITS))
    } catch (e) {
      throw new ResolutionFileError(`not an ITU resolution Word file: ${(e as Error).message}`, e instanceof DocxInputError ? e.problem : undefined)
    }
    text = converted.lines.join('\n') + '\n'
    for (const o of converted.omissions) fileWarnings.push({ line: null, ...o })
    if (converted.unknownStyles.length) fileWarnings.push({ line: null, ...importNote('unknown-styles', { styles: converted.unknownStyles.join(', ') }) })
  } else {
    format = 'text'
    // an old .doc, or a .docx saved with a password, is a compound file: said as what it is
    if (isOleFile(bytes)) throw new ResolutionFileError('this is an old Word file (.doc) or a password-protected one; save it as an unprotected .docx', 'encrypted')
    if (bytes.includes(0)) throw new ResolutionFileError('this is not a text file (it holds binary data); upload the plain-text form or ITU\'s Word file (.docx)', 'binary')
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes) } catch { throw new ResolutionFileError('the text file is not UTF-8', 'not-utf8') }
  }
  if (opts.lang) {
    const detected = detectLanguage(text)
    if (!sameScript(detected, opts.lang)) fileWarnings.unshift({ line: null, ...importNote('other-script', { chosen: opts.lang, detected }) })
  }
  let result
  try { result = importText(text, opts.lang ? { lang: opts.lang } : {}) } catch (e) {
    // too large, not malformed: said as such (413 on the server, as a text import's)
    if (e instanceof ImportLimitError) throw e
    const line = e instanceof ImportError && e.line ? `line ${e.line}: ` : ''
    throw new ResolutionFileError(`${line}${(e as Error).message}`, e instanceof ImportError ? e.problem : undefined)
  }
  const lines = text.split('\n')
  const warnings = [...fileWarnings, ...result.warnings.map(w => ({ ...w, text: (lines[w.line - 1] ?? '').slice(0, 200) }))]
  const doc = result.doc
  let heading = ''
  let title = ''
  doc.forEach(n => {
    if (n.type.name === 'resolutionHeading') heading = n.textContent
    if (n.type.name === 'resolutionTitle') title = n.textContent
  })
  return { format, doc, lang: String(doc.attrs.lang) as Language, heading, title, versionName: versionNameOf(heading), warnings, text }
}
