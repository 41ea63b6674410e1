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
  // A cross-reference to a provision of the same resolution (schema/references.ts): the marked text is the
  // derived words and label of its target ("considering b)", «إذ تضع في اعتبارها ز)»); `form` says whether it
  // opens with the section's words (`full`) or, after a comma, gives the label alone (`label`: "considering e), f) and g)").
  reference: {
    // `oldTarget`, only in revision documents: the old version's target of a reference whose text is the same in both (docs/revision-document.md)
    attrs: {
      target: { default: '', validate: 'string' },
      form: { default: 'full', validate: (v: unknown) => { if (v !== 'full' && v !== 'label') throw new RangeError('form must be "full" or "label"') } },
      oldTarget: { default: null, validate: 'string|null' }
    },
    inclusive: false
  },
  subscript: { excludes: 'superscript' }
}

/** Who made a revision and when. */
export interface RevisionAuthor {
  author?: string | null
  delegation?: string | null
  /** ISO 8601 date-time. */
  date?: string | null
}
