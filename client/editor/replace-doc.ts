/**
 * Writes a whole new document into the editor as the smallest replacement
 * that turns the current one into it, so collaborators' concurrent edits
 * elsewhere are not overwritten (used by “Revert to base”).
 */
import type { Node } from 'prosemirror-model'
import type { EditorState, Transaction } from 'prosemirror-state'

/** A transaction replacing only the part of the document that differs, or null when none does. */
export function replaceDocMinimal(state: EditorState, next: Node): Transaction | null {
  const start = state.doc.content.findDiffStart(next.content)
  if (start == null) return null
  const end = state.doc.content.findDiffEnd(next.content)
  if (!end) return null
  let { a: endA, b: endB } = end
  const overlap = start - Math.min(endA, endB)
  if (overlap > 0) { endA += overlap; endB += overlap }
  // Putting the base text back may restore a section heading's words.
  return state.tr.replace(start, endA, next.slice(start, endB)).setMeta('allowHeadingEdit', true)
}
