/**
 * Section headings are chosen, not typed: a heading comes from the document
 * language's vocabulary (or is `other`, with a free text) through the
 * heading picker. This plugin refuses the editor's own changes to the text
 * of a heading (typing, deleting, pasting, a paragraph merged into it) and
 * opens the picker instead when the user types there. Changes that carry
 * `allowHeadingEdit` (the picker, “Revert to base”), collaborators' changes
 * and undo (which come through the Yjs binding) pass.
 */
import type { Node } from 'prosemirror-model'
import { Plugin, type Command, type EditorState, type Transaction } from 'prosemirror-state'
import { ReplaceAroundStep, ReplaceStep } from 'prosemirror-transform'

/** Whether a text block is a section heading, whose text is chosen, not typed (nor replaced). */
export const isSectionHeading = (block: Node): boolean => block.type.name === 'sectionHeading'

/** Meta key: this transaction may change the text of section headings. */
export const allowHeadingEdit = 'allowHeadingEdit'

/**
 * Whether a transaction changes text inside a section heading: a step that
 * starts or ends inside one. Adding or removing whole sections starts and
 * ends between sections, so it passes.
 */
export function editsHeadingText(tr: Transaction): boolean {
  return tr.steps.some((step, i) => {
    if (!(step instanceof ReplaceStep) && !(step instanceof ReplaceAroundStep)) return false
    const { from, to } = step as unknown as { from: number; to: number }
    const doc = tr.docs[i]!
    return isSectionHeading(doc.resolve(from).parent) || isSectionHeading(doc.resolve(to).parent)
  })
}

/** Whether the selection is in a section heading. */
export function inSectionHeading(state: EditorState): boolean {
  return isSectionHeading(state.selection.$from.parent)
}

/** The plugin; `openPicker` is run when the user types into a heading. */
export function headingGuardPlugin(openPicker: Command, isRemote: (tr: Transaction) => boolean): Plugin {
  return new Plugin({
    filterTransaction: tr => !tr.docChanged || tr.getMeta(allowHeadingEdit) === true || isRemote(tr) || !editsHeadingText(tr),
    props: {
      handleTextInput(view) {
        if (!inSectionHeading(view.state)) return false
        openPicker(view.state, view.dispatch, view)
        return true
      }
    }
  })
}
