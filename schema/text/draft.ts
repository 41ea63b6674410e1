/**
 * The importer builds a light, mutable tree first (a `Draft`) and turns it
 * into ProseMirror nodes at the end, giving every section, provision, item,
 * part, annex and footnote a fresh id.
 */
import type { Node } from 'prosemirror-model'
import { newId } from '../ids.js'
import { IDENTIFIED_NODES } from '../nodes.js'
import { resolutionSchema as schema } from '../schema.js'
import type { InlinePiece } from './footnotes.js'

/** A node under construction. */
export interface Draft {
  readonly type: string
  readonly attrs: Record<string, unknown>
  readonly children: Draft[]
  /** Inline content of a textblock. */
  inline?: InlinePiece[]
  /** Effective label (override, else derived) of a provision, item or part. */
  label?: string
  /** The input line the node came from. */
  readonly line: number
}

/** A draft node with children. */
export function draft(type: string, attrs: Record<string, unknown>, line: number, children: Draft[] = []): Draft {
  return { type, attrs, children, line }
}

/** A draft textblock holding inline pieces. */
export function textblock(type: string, inline: InlinePiece[], line: number, attrs: Record<string, unknown> = {}): Draft {
  return { type, attrs, children: [], inline, line }
}

/**
 * Turns a draft into a node of the resolution schema, minting ids that are
 * unique within `used`; `lines`, when given, gets the input line of every
 * text block made.
 */
export function draftToNode(d: Draft, used: Set<string>, lines?: Map<Node, number>): Node {
  const type = schema.nodes[d.type]
  if (!type) throw new Error(`internal: unknown node type ${d.type}`)
  const attrs = { ...d.attrs }
  if (IDENTIFIED_NODES.has(d.type)) attrs.id = freshId(used)
  if (d.inline) {
    const content: Node[] = []
    for (const piece of d.inline) {
      if (typeof piece === 'string') { if (piece) content.push(schema.text(piece)) }
      else content.push(schema.nodes.footnote!.create({ id: freshId(used) }, piece.footnote ? schema.text(piece.footnote) : null))
    }
    const block = type.create(attrs, content)
    lines?.set(block, d.line)
    return block
  }
  return type.create(attrs, d.children.map(c => draftToNode(c, used, lines)))
}

function freshId(used: Set<string>): string {
  let id = newId()
  while (used.has(id)) id = newId()
  used.add(id)
  return id
}
