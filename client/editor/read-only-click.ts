/**
 * A click in a read-only text places ProseMirror's selection at once.
 *
 * In an editable view the browser puts a caret where the click was and
 * ProseMirror reads it from the `selectionchange` event that follows. A
 * read-only view has no caret: the click's selection reaches ProseMirror
 * only through that event, which the browser delivers later, and by then
 * the focus may have moved on (a reader clicks a provision, then the
 * comment box), so the selection read is no longer in the text and the
 * click is lost. Here the click itself sets the selection, so that what a
 * reader pointed at (the provision a comment is about) is known at once.
 */
import { Plugin, TextSelection } from 'prosemirror-state'

/** Moves the selection to a click's position in a view that is not editable. */
export function readOnlyClickPlugin(): Plugin {
  return new Plugin({
    props: {
      handleClick(view, pos) {
        if (view.editable) return false
        const selection = TextSelection.near(view.state.doc.resolve(pos))
        if (!selection.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(selection))
        // the click goes on as usual (a node under it is still selected)
        return false
      }
    }
  })
}
