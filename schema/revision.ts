/**
 * The revision-document API: how to read a document that holds two versions
 * at once (the diff engine writes them, accept/reject, the exporters, the
 * renderers and the browser read them). The format is described in
 * docs/revision-document.md; this module is the one place that reads it:
 *
 * - `RevisionRecord` and `revisionOf`: the `revision` attribute of a
 *   section, provision, item, part or annex, typed.
 * - `statusOnSide` / `onSide`: whether a node belongs to the old or the new
 *   version.
 * - `labelOnSide`, `shownLabel`, `labelChange`: which label a node shows, and
 *   how a renumbered label is printed (`د ب)`).
 * - the footnote id encoding (`~del`, `~old~`), since footnotes carry no
 *   `revision`.
 */
import type { Mark, Node } from 'prosemirror-model'
import { separatedAfter } from './arabic-joining.js'
import { computeLabels, normaliseLabel } from './numbering.js'

/** How a node changed between the old and the new version. */
export type RevisionStatus = 'unchanged' | 'modified' | 'added' | 'suppressed' | 'moved-from' | 'moved-to'

/** The ITU proposal action of a unit. */
export type RevisionAction = 'MOD' | 'ADD' | 'SUP' | 'NOC'

/** Every revision status, in the order of the type. */
export const REVISION_STATUSES: readonly RevisionStatus[] = ['unchanged', 'modified', 'added', 'suppressed', 'moved-from', 'moved-to']

/** The `revision` attribute of a node of a revision document (docs/revision-document.md). */
export interface RevisionRecord {
  /** How this node changed between the old and the new version. */
  status: RevisionStatus
  /** The label the node had in the old version (null when added). */
  oldLabel?: string | null
  /** The label the node has in the new version (null when suppressed). */
  newLabel?: string | null
  /** Links the two halves of a move (`moved-from` and `moved-to`). */
  moveId?: string | null
  /** The ITU proposal action for this unit, where one applies. */
  action?: RevisionAction | null
  /** Attributes of the old node that differ from this node's (rejecting gives them back). */
  oldAttrs?: Record<string, unknown> | null
  /** Attributes of the new node that differ from this node's (accepting gives them back). */
  newAttrs?: Record<string, unknown> | null
  /**
   * On a section whose heading stands in one version only: in the version
   * named here its blocks continue the section before it. `'new'`: the
   * heading was deleted and the two sections merged; `'old'`: the heading was
   * inserted and the section split off the one before it (diff/section-joins.ts).
   */
  joins?: Side | null
}

/** @deprecated The old name of RevisionRecord; use RevisionRecord. */
export type RevisionInfo = RevisionRecord

/** One version of a revision document. */
export type Side = 'old' | 'new'

/** A way of looking at a revision document: one version, or both with marks. */
export type RevisionView = Side | 'both'

/** The revision record of a node (null when it has none: an ordinary document, or a node type without one). */
export function revisionOf(node: { readonly attrs: Readonly<Record<string, unknown>> }): RevisionRecord | null {
  const r = node.attrs.revision
  return r && typeof r === 'object' && typeof (r as { status?: unknown }).status === 'string' ? r as RevisionRecord : null
}

/** True when a node of this status belongs to the given version (`added` is not in the old one, `suppressed` not in the new one ...). */
export function statusOnSide(status: RevisionStatus, side: Side): boolean {
  return side === 'new' ? status !== 'suppressed' && status !== 'moved-from' : status !== 'added' && status !== 'moved-to'
}

/**
 * True when a node belongs to the given version: by its revision status
 * (blocks) and by its insertion/deletion mark (inline nodes).
 */
export function onSide(node: Node, side: Side): boolean {
  const rec = revisionOf(node)
  if (rec && !statusOnSide(rec.status, side)) return false
  const hidden = side === 'new' ? 'deletion' : 'insertion'
  return !node.marks.some(m => m.type.name === hidden)
}

/** The plain text of a text block (footnotes left out) in one version. */
export function sideText(block: Node, side: Side): string {
  let out = ''
  block.forEach(c => { if (c.isText && onSide(c, side)) out += c.text })
  return out
}

/** The label a node has in one version (null when it has none there). */
export function labelOnSide(rec: RevisionRecord, side: Side): string | null {
  if (!statusOnSide(rec.status, side)) return null
  return (side === 'new' ? rec.newLabel : rec.oldLabel) ?? null
}

/** True when the node stands in both versions under labels that differ (beyond spacing and letter forms). */
export function isRenumbered(rec: RevisionRecord): boolean {
  const o = labelOnSide(rec, 'old'), n = labelOnSide(rec, 'new')
  return o !== null && n !== null && o !== n && normaliseLabel(o) !== normaliseLabel(n)
}

/**
 * A renumbered label split as ITU prints it: the old label struck, the new
 * one inserted right after it, their closing parenthesis written once
 * (`د )` → `ب)`: `د ` struck, `ب` inserted, `)` shared). `struck + shared` is
 * the old label and `inserted + shared` the new one, exactly.
 */
export interface LabelChange {
  readonly struck: string
  readonly inserted: string
  readonly shared: string
  /**
   * `inserted` as printed right after `struck`: an Arabic first letter that
   * would join the struck one takes its isolated form (`ط` `ﺩ `, see
   * arabic-joining.ts). Use it wherever the two stand side by side (Word,
   * HTML, the editor); it differs from `inserted` only in that letter form.
   */
  readonly separated: string
}

/** Splits a renumbering from `oldLabel` to `newLabel` (`د )`,`ب)` → `د ` / `ب` / `)`; `10`,`11` → `10` / `11`). */
export function labelChange(oldLabel: string, newLabel: string): LabelChange {
  const shared = oldLabel.endsWith(')') && newLabel.endsWith(')') ? ')' : ''
  const struck = oldLabel.slice(0, oldLabel.length - shared.length)
  const inserted = newLabel.slice(0, newLabel.length - shared.length)
  return { struck, inserted, shared, separated: separatedAfter(struck, inserted) }
}

/** A renumbered label flattened as Word prints it: `د ب)`, `24`, `1011`, `طﺩ )`. */
export function flatLabel(oldLabel: string, newLabel: string): string {
  const c = labelChange(oldLabel, newLabel)
  return c.struck + c.separated + c.shared
}

/**
 * The label a node shows: in one version, its label there; with both
 * versions, the label of the version it stands in (`inserted` for an added
 * or moved-to node, `deleted` for a suppressed or moved-from one, marked
 * like its text), or the old label struck and the new one inserted when it
 * was renumbered.
 */
export type ShownLabel =
  | { readonly kind: 'same' | 'inserted' | 'deleted'; readonly label: string }
  | ({ readonly kind: 'renumbered'; readonly oldLabel: string; readonly newLabel: string } & LabelChange)
  | null

/** The label a node with this revision record shows in a view (null when it has none). */
export function shownLabel(rec: RevisionRecord, view: RevisionView = 'both'): ShownLabel {
  const o = rec.oldLabel ?? null
  const n = rec.newLabel ?? null
  if (view !== 'both') {
    const label = view === 'new' ? n ?? o : o ?? n
    return label === null ? null : { kind: 'same', label }
  }
  if (!statusOnSide(rec.status, 'new')) return o === null ? null : { kind: 'deleted', label: o }
  if (!statusOnSide(rec.status, 'old')) return n === null ? null : { kind: 'inserted', label: n }
  if (o === null || n === null || o === n) {
    const label = n ?? o
    return label === null ? null : { kind: 'same', label }
  }
  return { kind: 'renumbered', oldLabel: o, newLabel: n, ...labelChange(o, n) }
}

/**
 * Builds a function giving the label each labelled node of a document shows:
 * from its revision record in a revision document, from its position
 * (schema/numbering.ts) in an ordinary one.
 */
export function labelShower(doc: Node, view: RevisionView = 'both'): (node: Node) => ShownLabel {
  let derived: ReadonlyMap<string, string> | null = null
  return node => {
    const rec = revisionOf(node)
    if (rec) return shownLabel(rec, view)
    derived ??= computeLabels(doc).byId
    const label = derived.get(node.attrs.id as string)
    return label === undefined ? null : { kind: 'same', label }
  }
}

/** The text of a shown label in one version (`struck + shared` old, `inserted + shared` new); '' when it is not in that version. */
export function shownLabelText(label: ShownLabel, side: Side): string {
  if (!label) return ''
  if (label.kind === 'renumbered') return side === 'new' ? label.newLabel : label.oldLabel
  if (label.kind === 'inserted') return side === 'new' ? label.label : ''
  if (label.kind === 'deleted') return side === 'old' ? label.label : ''
  return label.label
}

// Footnotes have no `revision` attribute: their ids carry the encoding.

const PAIR_SEPARATOR = '~old~'
const DELETED = /~del\d*$/

/** The id a deleted footnote carries in a revision document (`ID~del`; unique-ids.ts makes `ID~del2` ... of repeats). */
export function deletedFootnoteId(id: string): string { return `${id}~del` }

/** True when a footnote id is that of a deleted footnote (`~del`, `~del2` ...). */
export function isDeletedFootnoteId(id: string): boolean { return DELETED.test(id) }

/** The original id of a deleted footnote. */
export function restoreDeletedFootnoteId(id: string): string { return id.replace(DELETED, '') }

/** The id of a footnote whose text is equal in both versions (`NEW~old~OLD` when the ids differ). */
export function sharedFootnoteId(newId: string, oldId: string): string {
  return newId === oldId ? newId : newId + PAIR_SEPARATOR + oldId
}

/** The new or old id of a footnote unchanged in a revision document. */
export function sharedFootnoteSide(id: string, side: Side): string {
  const at = id.indexOf(PAIR_SEPARATOR)
  if (at < 0) return id
  return side === 'new' ? id.slice(0, at) : id.slice(at + PAIR_SEPARATOR.length)
}

/**
 * A mark as one version has it: a cross-reference that points at different
 * provisions in the two versions (documents imported apart, with their own
 * ids) keeps the old target in `oldTarget` while its text is shared.
 */
export function markOnSide(mark: Mark, side: Side): Mark {
  if (mark.type.name !== 'reference' || mark.attrs.oldTarget == null) return mark
  return mark.type.create({ ...mark.attrs, target: side === 'old' ? mark.attrs.oldTarget : mark.attrs.target, oldTarget: null })
}
