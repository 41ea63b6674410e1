/**
 * The error the plain-text importer throws for input it cannot read at all
 * (warnings for lines it kept but could not place as intended are in
 * warnings.ts).
 */

/**
 * Thrown for input that cannot be imported (not UTF-8, empty, no heading,
 * absurdly long lines). The message does not repeat the line number; callers
 * print `FILE:LINE: message`.
 */
export class ImportError extends Error {
  /** The 1-based line of the input where the problem is, when known. */
  readonly line: number | undefined
  /** The file being imported, when the caller named it. */
  fileName: string | undefined
  constructor(message: string, line?: number, fileName?: string) {
    super(message)
    this.name = 'ImportError'
    this.line = line
    this.fileName = fileName
  }
}
