/**
 * The error the plain-text importer throws for input it cannot read at all
 * (warnings for lines it kept but could not place as intended are in
 * warnings.ts).
 */

/** Problems of a text an interface says in its own language (the message says them in English): no resolution heading in it. */
export type ImportProblem = 'no-heading'

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
  /** Which problem, when it is one of ImportProblem. */
  readonly problem: ImportProblem | undefined
  constructor(message: string, line?: number, fileName?: string, problem?: ImportProblem) {
    super(message)
    this.name = 'ImportError'
    this.line = line
    this.fileName = fileName
    this.problem = problem
  }
}
