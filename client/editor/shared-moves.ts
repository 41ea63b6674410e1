/**
 * Provisions moved in a shared document.
 *
 * Made as one change, a move reaches y-prosemirror as a list of provisions
 * whose contents changed places: its diff rewrites shared provisions in
 * place, each with its neighbour's text (a swap of two; every provision
 * between the old place and the new one, for a move to the end of a
 * section). A collaborator whose caret was in one of them then finds it in
 * another provision, and what they type next lands there. So in a shared
 * document a move is made as two changes: the provision is deleted, then
 * inserted at its new place. The binding sees a deletion and an insertion
 * and leaves every other provision's shared content, and every caret in it,
 * alone. Y's undo manager takes the two changes back as one.
 *
 * A swap of two neighbours (Alt-ArrowUp/Down) recreates whichever of the two
 * no collaborator's caret is in (their carets are shown by y-prosemirror's
 * cursor plugin); when both have one, the provision moved.
 */
import { Fragment, type Node } from 'prosemirror-model'
import type { EditorState } from 'prosemirror-state'
import type { DecorationSet, EditorView } from 'prosemirror-view'
import { yCursorPluginKey, ySyncPluginKey } from 'y-prosemirror'
import { selectionCarried } from './carried-selection.js'
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

/** Where the provision with this id starts in `doc`, or null. */
function positionOfId(doc: Node, id: unknown): number | null {
  let found: number | null = null
  doc.descendants((node, pos) => {
    if (found !== null) return false
    if (node.attrs.id === id && node.type.name === 'provision') { found = pos; return false }
    return !node.isTextblock
  })
  return found
}

/** Whether `node` may stand at `pos` of `doc`. */
function fits(doc: Node, pos: number, node: Node): boolean {
  if (pos < 0 || pos > doc.content.size) return false
  const $pos = doc.resolve(pos)
  return $pos.parent.canReplace($pos.index(), $pos.index(), Fragment.from(node))
}

/**
 * Moves the node at `unit` in two changes: deleted, then inserted where
 * `target` says in the document without it (found again there by ids, not by
 * positions: plugins may append changes to the deletion). With `caret`, the
 * selection goes into the moved node as it stood there (carried-selection.ts);
 * otherwise it stays where it is. Should no place be found after the
 * deletion, the node goes back where it was: a move never loses a provision.
 */
export function moveInTwoChanges(view: EditorView, unit: Unit, target: (doc: Node) => number | null, caret: boolean): void {
  const state = view.state
  const before = state.doc
  view.dispatch(view.state.tr.delete(unit.pos, unit.pos + unit.node.nodeSize))
  if (view.state.doc === before) return   // the deletion was refused: nothing moved
  let at = target(view.state.doc)
  if (at === null || !fits(view.state.doc, at, unit.node)) at = unit.pos
  // (not seen: the place it left fits it, unless a plugin changed the document around it; then the document as it was)
  if (!fits(view.state.doc, at, unit.node)) { view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, before.content)); return }
  const tr = view.state.tr.insert(at, unit.node)
  if (caret) tr.setSelection(selectionCarried(state, unit, tr.doc, at))
  view.dispatch(tr.scrollIntoView())
}

/**
 * Swaps `unit` (holding the caret) with its sibling `neighbour`, which stands
 * just before it (`direction` -1) or just after it (1), in two changes.
 */
export function swapInSharedDocument(view: EditorView, unit: Unit, neighbour: Unit, direction: -1 | 1): void {
  const recreateNeighbour = collaboratorIn(view.state, unit) && !collaboratorIn(view.state, neighbour)
  const recreated = recreateNeighbour ? neighbour : unit
  const stays = (recreateNeighbour ? unit : neighbour).node.attrs.id
  // the unit goes before its neighbour when moving up; the neighbour, recreated, goes after the unit then
  const before = (direction === -1) !== recreateNeighbour
  moveInTwoChanges(view, recreated, doc => {
    const at = positionOfId(doc, stays)
    return at === null ? null : before ? at : at + doc.nodeAt(at)!.nodeSize
  }, !recreateNeighbour)
}
