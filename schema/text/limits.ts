/**
 * Bounds on the work one import may cause. A real resolution has a few
 * hundred lines and at most a few hundred provisions; these limits are ten
 * times that, and keep the worst accepted document small enough that the
 * server's own work on it (loading it for editing, reading it back) stays
 * short. An import cannot hold a server (or a CLI run) for minutes.
 */
import { ImportError } from './errors.js'

/** The limits of one import. */
export const IMPORT_LIMITS = {
  /** Input lines (blank lines included). */
  lines: 30_000,
  /** Provisions and items together. */
  provisions: 3_000,
  /** Nesting of provisions (`1.2.3` is depth 3). */
  depth: 8,
  /** Warnings returned; one more line says how many were left out. */
  warnings: 1_000
} as const

/** Which limit an input passed (`paragraphs`, `footnotes`: schema/check.ts MAX_TEXT_BLOCKS and MAX_FOOTNOTES, the most any document may hold). */
export type ImportLimit = 'lines' | 'provisions' | 'depth' | 'paragraphs' | 'footnotes'

/** Thrown when an input passes one of `IMPORT_LIMITS`: too large to import, not malformed. */
export class ImportLimitError extends ImportError {
  /** The limit that was passed. */
  readonly limit: ImportLimit
  constructor(limit: ImportLimit, message: string, line?: number) {
    super(message, line)
    this.name = 'ImportLimitError'
    this.limit = limit
  }
}
