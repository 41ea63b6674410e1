/**
 * Mark specs, as plain data. `insertion` and `deletion` are revision marks:
 * underlined and struck-through text in a proposal or a comparison. They may
 * say who made the change (author, delegation) and when.
 */
import type { MarkSpec } from 'prosemirror-model'

const revisionAttrs = {
  author: { default: null, validate: 'string|null' },
  delegation: { default: null, validate: 'string|null' },
  date: { default: null, validate: 'string|null' }
}

/** Mark specs, keyed by mark name. */
export const markSpecs: Record<string, MarkSpec> = {
  insertion: { attrs: revisionAttrs, excludes: 'deletion', inclusive: true },
  deletion: { attrs: revisionAttrs, excludes: 'insertion', inclusive: false },
  em: {},
  strong: {},
  superscript: { excludes: 'subscript' },
  subscript: { excludes: 'superscript' }
}

/** Who made a revision and when. */
export interface RevisionAuthor {
  author?: string | null
  delegation?: string | null
  /** ISO 8601 date-time. */
  date?: string | null
}
