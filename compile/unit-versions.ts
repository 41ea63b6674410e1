/**
 * The versions of a unit a committee draft may hold (committee-draft.ts):
 * the base's, or a source's, each as its node type, attributes and own text
 * blocks; a header slot (title, history line ...) is its block itself.
 */
import type { Attrs, Node, NodeType } from 'prosemirror-model'
import { nodeOnSide } from '../diff/accept-reject.js'
import { revisionOf, statusOnSide } from '../schema/revision.js'
import type { CompilationCell, CompilationRow } from './compile.js'
import { removes } from './row-choices.js'
import { isOwnBlock } from './unit-places.js'
import type { UnitKind } from './units.js'

/** The units that are a text block of the document (header slots, loose paragraphs), not a node holding blocks. */
export const SLOT_KINDS: ReadonlySet<UnitKind> = new Set<UnitKind>(['heading', 'title', 'history', 'formula', 'paragraph'])

/** A version of a unit: its node type, attributes and own text blocks (a header slot: the block itself). */
export interface Version {
  /** Where it comes from: a source index, or null for the base. */
  readonly origin: number | null
  readonly type: NodeType
  readonly attrs: Attrs
  readonly blocks: readonly Node[]
  /** A section whose blocks continue the section before it (its heading deleted by the source). */
  readonly joinsPrevious: boolean
}

/** The base's version of a unit. */
export function baseVersion(row: CompilationRow): Version {
  const node = row.base!.node
  if (SLOT_KINDS.has(row.kind)) return { origin: null, type: node.type, attrs: node.attrs, blocks: [node], joinsPrevious: false }
  const blocks: Node[] = []
  node.forEach(ch => { if (isOwnBlock(ch)) blocks.push(ch) })
  return { origin: null, type: node.type, attrs: node.attrs, blocks, joinsPrevious: false }
}

/** A source's version of a unit (null when the source removes it). */
export function sourceVersion(cell: CompilationCell): Version | null {
  const unit = cell.unit
  if (!unit || removes(cell)) return null
  const node = unit.node
  if (SLOT_KINDS.has(unit.kind)) {
    const block = nodeOnSide(node, 'new')
    return block ? { origin: cell.source, type: block.type, attrs: block.attrs, blocks: [block], joinsPrevious: false } : null
  }
  const rev = revisionOf(node)
  // a unit deleted inside a moved one is carried as moved by units.ts, but its own record says it is gone
  if (rev && !statusOnSide(rev.status, 'new')) return null
  const blocks: Node[] = []
  node.forEach(ch => { if (isOwnBlock(ch)) { const b = nodeOnSide(ch, 'new'); if (b) blocks.push(b) } })
  return { origin: cell.source, type: node.type, attrs: { ...node.attrs, ...(rev?.newAttrs ?? {}), revision: null }, blocks, joinsPrevious: rev?.joins === 'new' }
}

/** The version with some attributes replaced. */
export const withAttrs = (v: Version, attrs: Attrs): Version => ({ ...v, attrs: { ...v.attrs, ...attrs } })
