/**
 * A drafter's caret stays in their provision when another drafter moves
 * provisions around it.
 *
 * y-prosemirror sends a move (a provision swapped with its neighbour, or
 * taken to the end of its section) as shared provisions rewritten in place,
 * each with the content and attributes of the one now standing there. That
 * loses nothing, even of words a drafter typed offline meanwhile; but the
 * caret of a drafter writing in one of them is kept by its place in the
 * shared text, so it came back in the neighbouring provision, and their next
 * words went there. After a collaborator's change, a caret (or a selection
 * within one paragraph) that has changed provision is put back into its own
 * provision, found by id, at the same place, when that paragraph reads as it
 * did: the provision was moved, not edited under the caret.
 *
 * Words the drafter typed that the mover had not received (offline, or in
 * flight) come back into the provision only in a second shared-document
 * transaction of the same batch (moved-words.ts carries them): after the
 * move alone the paragraph lacks them, and the caret, kept by its place
 * among them, then stood in the neighbouring provision (inside its first
 * word, or at the start of a paragraph elsewhere). So the place the caret
 * left is kept until the batch ends, and the caret goes back there once the
 * paragraph reads as it did.
 */
import type { Node, ResolvedPos } from 'prosemirror-model'
import { Plugin, TextSelection, type EditorState } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'
import type * as Y from 'yjs'
import { isRemote } from './remote-change.js'

/** Where a caret stands: its provision's id, the paragraph's index in it, the paragraph's text, and anchor and head within it. */
interface CaretPlace { readonly provisionId: string; readonly index: number; readonly text: string; readonly anchor: number; readonly head: number }

/** The provision holding `$pos` directly (its paragraph is the provision's child), and the paragraph's index. */
function provisionOf($pos: ResolvedPos): { node: Node; index: number } | null {
  const depth = $pos.depth - 1
  if (depth < 1 || !$pos.parent.isTextblock) return null
  const node = $pos.node(depth)
  return node.type.name === 'provision' ? { node, index: $pos.index(depth) } : null
}

/** The place of the selection of `state`, when it lies in one paragraph of a provision. */
function caretPlace(state: EditorState): CaretPlace | null {
  const { $anchor, $head } = state.selection
  if (!(state.selection instanceof TextSelection) || !$anchor.sameParent($head)) return null
  const provision = provisionOf($anchor)
  const id = provision?.node.attrs.id
  if (!provision || typeof id !== 'string') return null
  return { provisionId: id, index: provision.index, text: $anchor.parent.textContent, anchor: $anchor.parentOffset, head: $head.parentOffset }
}

/** The start of the content of paragraph `index` of the provision with id `provisionId` in `doc`, when it reads `text`. */
function paragraphStart(doc: Node, place: CaretPlace): number | null {
  let found: number | null = null
  doc.descendants((node, pos) => {
    if (found !== null) return false
    if (node.type.name !== 'provision' || node.attrs.id !== place.provisionId) return !node.isTextblock
    node.forEach((paragraph, offset, index) => {
      if (index === place.index && paragraph.isTextblock && paragraph.textContent === place.text) found = pos + 1 + offset + 1
    })
    return false
  })
  return found
}

/** The plugin; see the module comment. */
export function caretKeepsProvisionPlugin(): Plugin {
  /** Where the caret stood before a collaborator's change took it out of its provision, while the batch of shared-document transactions lasts. */
  let left: CaretPlace | null = null
  return new Plugin({
    appendTransaction(trs, oldState, newState) {
      if (!trs.some(tr => tr.docChanged && isRemote(tr))) {
        // the drafter acts: where the caret stood before is theirs to decide now
        if (trs.some(tr => tr.docChanged || tr.selectionSet)) left = null
        return null
      }
      const waiting = left !== null
      const before = left ?? caretPlace(oldState)
      left = null
      if (!before) return null
      const here = caretPlace(newState)
      // still in its provision, whose paragraph reads as it did: where the binding kept it (once words it was waiting
      // for are back, at its place among them)
      if (here?.provisionId === before.provisionId && here.text === before.text && (!waiting || (here.anchor === before.anchor && here.head === before.head))) return null
      const start = paragraphStart(newState.doc, before)
      if (start === null) {
        // the paragraph lacks words the caret stood among, which may come back in the next transaction of the batch
        left = before
        return null
      }
      return newState.tr.setSelection(TextSelection.create(newState.doc, start + before.anchor, start + before.head)).setMeta('addToHistory', false)
    },
    view(view) {
      const doc = (ySyncPluginKey.getState(view.state) as { doc?: Y.Doc } | undefined)?.doc
      const batchEnds = () => { left = null }
      doc?.on('afterAllTransactions', batchEnds)
      return { destroy: () => doc?.off('afterAllTransactions', batchEnds) }
    }
  })
}
