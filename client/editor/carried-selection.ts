/**
 * The selection carried along with a provision that moves: the words a
 * drafter had selected in it are still selected at its new place (a caret
 * stays at the same place in its text), so a second move, Ctrl-B or typing
 * over them acts on them as before.
 */
import type { Node } from 'prosemirror-model'
import { TextSelection, type EditorState, type Selection } from 'prosemirror-state'
import type { Unit } from './commands.js'

/**
 * The selection of `state`, inside the node `unit`, carried into that node
 * inserted again at `at` of `doc`; a selection reaching out of the node
 * becomes a caret at the same offset as its start.
 */
export function selectionCarried(state: EditorState, unit: Unit, doc: Node, at: number): Selection {
  const { anchor, head, from, to } = state.selection
  if (from > unit.pos + 1 && to < unit.pos + unit.node.nodeSize - 1) return TextSelection.create(doc, at + anchor - unit.pos, at + head - unit.pos)
  const inner = Math.min(at + from - unit.pos, at + unit.node.nodeSize - 1)
  return TextSelection.near(doc.resolve(Math.max(at + 2, inner)))
}
