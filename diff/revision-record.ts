/**
 * What the diff engine stores in a revision document beyond the shared
 * RevisionInfo, so that accepting and rejecting give back each version
 * exactly.
 *
 * A node that stands for an old and a new node at once (matched, moved-to)
 * carries the new node's attributes (so the revision document keeps the new
 * ids: comments and the live view are anchored on them); `oldAttrs` lists the
 * old node's attributes that differ (its `id` when the versions were aligned
 * by content, an item's style ...). A node whose own id is already taken in
 * the revision document (a moved-from provision in documents that share ids,
 * or an old id that a new node reuses) gets a fresh id, and the id to give
 * back goes into `oldAttrs` or `newAttrs`. `rejectAll` applies `oldAttrs`,
 * `acceptAll` applies `newAttrs`; both then clear `revision`.
 *
 * Footnotes have no `revision` attribute, so their ids are encoded:
 * a deleted footnote's id is suffixed with `~del` (`~del2` ... for a second
 * copy of the same old footnote, see unique-ids.ts), and a footnote whose text
 * is equal in both versions but whose id differs reads `NEW~old~OLD`.
 * (Ids that already contain these markers are not supported.)
 */
import type { RevisionInfo } from '../schema/nodes.js'

/** RevisionInfo plus the attributes each version needs back. */
export interface RevisionRecord extends RevisionInfo {
  /** Attributes of the old node that differ from this node's (applied by rejectAll). */
  oldAttrs?: Record<string, unknown> | null
  /** Attributes of the new node that differ from this node's (applied by acceptAll). */
  newAttrs?: Record<string, unknown> | null
}

/** Reads the revision record of a node (null when it has none). */
export function revisionOf(node: { attrs: Record<string, unknown> }): RevisionRecord | null {
  const r = node.attrs.revision
  return r && typeof r === 'object' ? r as RevisionRecord : null
}

const PAIR_SEPARATOR = '~old~'

/** The id a deleted footnote carries in a revision document. */
export function deletedFootnoteId(id: string): string { return `${id}~del` }

/** The original id of a deleted footnote. */
export function restoreDeletedFootnoteId(id: string): string {
  return id.replace(/~del\d*$/, '')
}

/** The id of a footnote that is equal in both versions (ids may differ). */
export function sharedFootnoteId(newId: string, oldId: string): string {
  return newId === oldId ? newId : newId + PAIR_SEPARATOR + oldId
}

/** The new or old id of a footnote unchanged in a revision document. */
export function sharedFootnoteSide(id: string, side: 'old' | 'new'): string {
  const at = id.indexOf(PAIR_SEPARATOR)
  if (at < 0) return id
  return side === 'new' ? id.slice(0, at) : id.slice(at + PAIR_SEPARATOR.length)
}
