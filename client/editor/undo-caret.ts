/**
 * Where an undo leaves the caret: where it stood before the change undone;
 * and a redo: where it stood once the change was made (as the undo began);
 * an undo of a redone change: where it stood as the redo began.
 *
 * y-prosemirror's undo plugin keeps, with each step of Y's undo manager, the
 * selection from before the last transaction applied when the step was
 * made. A structural command is more than one transaction: an appended fix
 * (the unique-ids plugin gives a new provision its id) or a second change
 * (the references fixed just after a provision is added: references.ts).
 * The selection kept was then one inside what the command
 * made, which the undo removes. And that selection is handed to the binding
 * only after the undo was drawn ('stack-item-popped' comes after Y's
 * transaction), so the caret was only mapped through the undo: to the start
 * of the next provision. This plugin keeps the selection from before the
 * first transaction of the user's own change (one not appended by a plugin,
 * not a collaborator's or an undo), gives it to the step when it is made,
 * and puts the caret there once the step is undone.
 */
import { Plugin, PluginKey, TextSelection, type Transaction } from 'prosemirror-state'
import { getRelativeSelection, relativePositionToAbsolutePosition, ySyncPluginKey, yUndoPluginKey } from 'y-prosemirror'
import type { UndoManager } from 'yjs'
import { undoWithCarriedWords } from './moved-words.js'
import { isRemote } from './remote-change.js'

type RelativeSelection = ReturnType<typeof getRelativeSelection>

const key = new PluginKey<null>('undoCaret')

/** A change from the Yjs binding: a collaborator's, or an undo or redo. */

/** The plugin that makes an undo put the caret back where it stood before the change; after yUndoPlugin in the list. */
export function undoCaretPlugin(): Plugin<null> {
  /** The selection before the last change the user made, kept until the binding hands that change to Y. */
  let before: RelativeSelection | null = null
  return new Plugin<null>({
    key,
    state: {
      init: () => null,
      apply(tr, _value, oldState) {
        if (!tr.docChanged || tr.getMeta('appendedTransaction') || isRemote(tr)) return null
        const binding = ySyncPluginKey.getState(oldState)?.binding
        if (binding) before = getRelativeSelection(binding, oldState)
        return null
      }
    },
    view(view) {
      const undoManager = (yUndoPluginKey.getState(view.state) as { undoManager?: UndoManager } | undefined)?.undoManager
      // Heard after y-prosemirror's own listener (registered when its plugin's view was made), so this one has the last word.
      // The selection as an undo or a redo begins (once it is drawn it is gone): the step it puts on the other stack
      // takes the caret back there. (y-prosemirror keeps with it the selection from before the last transaction,
      // read off the shared document the undo or redo has already changed: after a redo, the next undo of a move
      // put the caret at the end of the provision, or at the start of the one below.)
      let beforeStep: RelativeSelection | null = null
      const stepBegins = (tr: { origin: unknown }) => {
        const binding = ySyncPluginKey.getState(view.state)?.binding
        if (undoManager && tr.origin === undoManager && binding && !view.isDestroyed) beforeStep = getRelativeSelection(binding, view.state)
      }
      const added = ({ stackItem, origin, type }: { stackItem: { meta: Map<unknown, unknown> }; origin: unknown; type: 'undo' | 'redo' }) => {
        const binding = ySyncPluginKey.getState(view.state)?.binding
        if (type === 'undo' && origin === ySyncPluginKey && binding && before) stackItem.meta.set(binding, before)
        if (undoManager && origin === undoManager && binding && beforeStep) stackItem.meta.set(binding, beforeStep)
        before = null
        beforeStep = null
      }
      const popped = ({ stackItem, type }: { stackItem: { meta: Map<unknown, unknown> }; type: 'undo' | 'redo' }) => {
        const binding = ySyncPluginKey.getState(view.state)?.binding
        if (!binding || view.isDestroyed) return
        const selection = stackItem.meta.get(binding) as RelativeSelection | undefined
        if (!selection?.anchor || !selection.head) return
        const anchor = relativePositionToAbsolutePosition(binding.doc, binding.type, selection.anchor, binding.mapping)
        const head = relativePositionToAbsolutePosition(binding.doc, binding.type, selection.head, binding.mapping)
        if (anchor === null || head === null) return
        const { doc } = view.state
        if (Math.max(anchor, head) > doc.content.size) return
        view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))).scrollIntoView())
      }
      // (an undo of typing takes the words typed again after a collaborator's move too: moved-words.ts)
      const stopCarried = undoManager ? undoWithCarriedWords(undoManager) : () => {}
      undoManager?.doc.on('beforeTransaction', stepBegins)
      undoManager?.on('stack-item-added', added)
      undoManager?.on('stack-item-popped', popped)
      return {
        destroy: () => {
          stopCarried()
          undoManager?.doc.off('beforeTransaction', stepBegins)
          undoManager?.off('stack-item-added', added)
          undoManager?.off('stack-item-popped', popped)
        }
      }
    }
  })
}
