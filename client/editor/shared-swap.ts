/**
 * A provision swapped with its neighbour in a shared document.
 *
 * Made as one change, a swap reaches y-prosemirror as two provisions that
 * traded their content: its diff rewrites each shared provision in place with
 * the other's text. A collaborator whose caret was in either then finds it in
 * the neighbouring provision, and what they type next lands there. So in a
 * shared document the swap is made as two changes: one of the two provisions
 * is deleted, then inserted again on the other side of its neighbour. The
 * binding sees a deletion and an insertion and leaves the other provision's
 * shared content, and every caret in it, alone. The provision recreated is
 * the one no collaborator's caret is in (their carets are shown by
 * y-prosemirror's cursor plugin); when both have one, the provision moved.
 * Y's undo manager takes the two changes back as one.
 */
import type { Node } from 'prosemirror-model'
import { TextSelection, type EditorState } from 'prosemirror-state'
import type { DecorationSet, EditorView } from 'prosemirror-view'
import { yCursorPluginKey, ySyncPluginKey } from 'y-prosemirror'
import type { Unit } from './commands.js'

/** Whether the document is shared through Yjs (the sync plugin is present). */
export function isSharedDocument(state: EditorState): boolean {
  return ySyncPluginKey.getState(state) !== undefined
}

/** Whether a collaborator's caret or selection is shown inside the node at `unit`. */
export function collaboratorIn(state: EditorState, unit: Unit): boolean {
  const cursors = yCursorPluginKey.getState(state) as DecorationSet | undefined
  return cursors !== undefined && cursors.find(unit.pos + 1, unit.pos + unit.node.nodeSize - 1).length > 0
}

/** Where a node with this id starts in `doc`, or null. */
function positionOfId(doc: Node, id: unknown): number | null {
  let found: number | null = null
  doc.descendants((node, pos) => {
    if (found !== null) return false
    if (node.attrs.id === id && node.type.name === 'provision') { found = pos; return false }
    return !node.isTextblock
  })
  return found
}

/**
 * Swaps `unit` (holding the caret) with its sibling `neighbour`, which stands
 * just before it (`direction` -1) or just after it (1), in two changes.
 */
export function swapInSharedDocument(view: EditorView, unit: Unit, neighbour: Unit, direction: -1 | 1): void {
  const state = view.state
  const recreateNeighbour = collaboratorIn(state, unit) && !collaboratorIn(state, neighbour)
  const recreated = recreateNeighbour ? neighbour : unit
  const stays = recreateNeighbour ? unit : neighbour
  const caretOffset = state.selection.from - unit.pos
  view.dispatch(state.tr.delete(recreated.pos, recreated.pos + recreated.node.nodeSize))

  // The neighbour that stayed is found again by its id: plugins may have appended changes to the deletion.
  const at = positionOfId(view.state.doc, stays.node.attrs.id)
  if (at === null) return
  const staysNode = view.state.doc.nodeAt(at)!
  // The unit goes before its neighbour when moving up; the neighbour, recreated, goes after the unit then.
  const before = (direction === -1) !== recreateNeighbour
  const insertAt = before ? at : at + staysNode.nodeSize
  const tr = view.state.tr.insert(insertAt, recreated.node)
  if (!recreateNeighbour) {
    const inside = Math.min(insertAt + Math.max(2, caretOffset), insertAt + recreated.node.nodeSize - 1)
    tr.setSelection(TextSelection.near(tr.doc.resolve(inside)))
  }
  view.dispatch(tr.scrollIntoView())
}
