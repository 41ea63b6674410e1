/**
 * Reading one version's text out of a revision document without building
 * it: the text a block shows once every change is accepted (`new`) or
 * rejected (`old`).
 */
import type { Node } from 'prosemirror-model'

/** Which version of a revision document to read. */
export type Side = 'old' | 'new'

/** True when an inline node belongs to the given version. */
export function onSide(node: Node, side: Side): boolean {
  const hidden = side === 'new' ? 'deletion' : 'insertion'
  return !node.marks.some(m => m.type.name === hidden)
}

/** The plain text of a block (footnotes omitted) as one version shows it. */
export function sideText(block: Node, side: Side): string {
  let out = ''
  block.forEach(c => { if (c.isText && onSide(c, side)) out += c.text })
  return out
}
