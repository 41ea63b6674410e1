/**
 * The revision nodes of a subtree equal in both versions (`o.eq(n)`): built
 * from the old nodes, which equal the new ones (ids included), with a
 * revision record on each identified one, since labels may still differ
 * (a provision renumbered by an insertion above it). Text blocks and every
 * subtree without identified nodes are the old nodes themselves; a container
 * whose children all came back as they were keeps its content fragment.
 * Building from the old side lets every comparison against the same old text
 * share the result (`remembered`).
 */
import type { Node } from 'prosemirror-model'
import type { Labels } from '../schema/numbering.js'
import { normaliseLabel } from '../schema/numbering.js'
import { IDENTIFIED_NODES } from '../schema/nodes.js'
import type { RevisionRecord } from '../schema/revision.js'
import { NodeMemo } from './node-memo.js'
import { withAttributes, withContent, withRevision } from './rebuild.js'

/** A built node and whether it differs from its old version. */
export interface Built {
  readonly node: Node
  readonly changed: boolean
  /** True when the two versions were equal (no text marked anywhere in it). */
  readonly identical?: boolean
}

/** What labels an unchanged subtree's records: the two versions' label tables, and whether renumbering counts. */
export interface LabelContext {
  readonly oldLabels: Pick<Labels, 'byId'>
  readonly newLabels: Pick<Labels, 'byId'>
  readonly ignoreRenumbering: boolean
}

/** Whether two labels of one provision differ as labels do (not merely in how they are written). */
export function renumbered(oldLabel: string | null, newLabel: string | null): boolean {
  return oldLabel !== newLabel && oldLabel !== null && newLabel !== null && normaliseLabel(oldLabel) !== normaliseLabel(newLabel)
}

/** Whether two lists hold the same nodes, in order (either may be null: no list). */
export function sameNodes(a: readonly Node[] | null, b: readonly Node[] | null): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false
  return true
}

/**
 * The revision node last built for an unchanged identified node, by the old
 * node it was built from: given again at once for the same label tables (the
 * same documents compared again: labels are remembered per document,
 * compare.ts), and when the labels, the status and the built children come
 * out the same (the text in force compared with draft after draft, or with
 * each proposal of a compilation: one node serves them all). Kept only
 * across comparisons: within one, a unit is built once per pass.
 */
const remembered = new NodeMemo<LabelContext & {
  readonly status: string; readonly oldLabel: string | null; readonly newLabel: string | null; readonly kids: Node[] | null; readonly built: Built
}>(false)

/** The revision of `o`, equal to `n`; see the module comment. */
export function unchangedSubtree(ctx: LabelContext, o: Node, n: Node): Built {
  if (o.isTextblock || o.isLeaf) return { node: o, changed: false, identical: true }
  const { oldLabels, newLabels, ignoreRenumbering } = ctx
  // the same documents compared again: the same result, children included
  const keeping = remembered.keeping
  const last = keeping ? remembered.get(o) : undefined
  if (last && last.oldLabels === oldLabels && last.newLabels === newLabels && last.ignoreRenumbering === ignoreRenumbering) return last.built
  let kids: Node[] | null = null
  let changed = false
  for (let k = 0; k < o.childCount; k++) {
    const child = o.child(k)
    const b = child.isTextblock ? null : unchangedSubtree(ctx, child, n.child(k))
    if (b) changed ||= b.changed
    if (b && b.node !== child && !kids) { kids = []; for (let q = 0; q < k; q++) kids.push(o.child(q)) }
    if (kids) kids.push(b ? b.node : child)
  }
  if (!IDENTIFIED_NODES.has(o.type.name)) {
    return kids ? { node: withContent(o, kids), changed, identical: true } : { node: o, changed, identical: true }
  }
  const id = o.attrs.id as string
  const newLabel = newLabels.byId.get(id) ?? null
  let oldLabel = oldLabels.byId.get(id) ?? null
  const moved = renumbered(oldLabel, newLabel)
  if (moved && ignoreRenumbering) oldLabel = newLabel
  const modified = changed || (moved && !ignoreRenumbering)
  const status = modified ? 'modified' : 'unchanged'
  if (last && last.status === status && last.oldLabel === oldLabel && last.newLabel === newLabel && sameNodes(last.kids, kids)) {
    remembered.set(o, { ...last, oldLabels, newLabels, ignoreRenumbering })
    return last.built
  }
  const revision: RevisionRecord = { status, oldLabel, newLabel, moveId: null, action: modified ? 'MOD' : 'NOC', oldAttrs: null, newAttrs: null }
  const built: Built = { node: withRevision(o, revision, kids ?? o.content), changed: modified, identical: true }
  if (keeping) remembered.set(o, { oldLabels, newLabels, ignoreRenumbering, status, oldLabel, newLabel, kids, built })
  return built
}
