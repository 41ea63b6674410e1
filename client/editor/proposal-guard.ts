/**
 * A proposal's own parts stay: the cover and the MOD line are not part of
 * the resolution text, and the MOD line changes only through the proposal's
 * settings (proposal-settings.ts), which need it there. When one's own edit
 * removes either (Delete on the selected MOD line, a selection from the
 * cover into the text deleted), the removed part is put back where
 * it stood, as it was, in the same step; the rest of the edit stands.
 * Collaborators' changes and undo, which come through the shared document,
 * pass as they are.
 */
import type { Node } from 'prosemirror-model'
import { Plugin, type Transaction } from 'prosemirror-state'

/** The cover and the MOD line of a document, when it has them (they stand first, in this order). */
function proposalParts(doc: Node): { cover: Node | null; marker: Node | null } {
  let cover: Node | null = null
  let marker: Node | null = null
  for (let k = 0; k < Math.min(2, doc.childCount); k++) {
    const child = doc.child(k)
    if (child.type.name === 'proposalHeader') cover = child
    else if (child.type.name === 'proposalMarker') marker = child
  }
  return { cover, marker }
}

/** The plugin; `isRemote` tells transactions that came through the shared document. */
export function proposalGuardPlugin(isRemote: (tr: Transaction) => boolean): Plugin {
  return new Plugin({
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some(tr => tr.docChanged && !isRemote(tr))) return null
      const before = proposalParts(oldState.doc)
      const after = proposalParts(newState.doc)
      const lostCover = before.cover && !after.cover ? before.cover : null
      const lostMarker = before.marker && !after.marker ? before.marker : null
      if (!lostCover && !lostMarker) return null
      const tr = newState.tr
      if (lostCover) tr.insert(0, lostCover)
      if (lostMarker) tr.insert(tr.doc.firstChild?.type.name === 'proposalHeader' ? tr.doc.firstChild.nodeSize : 0, lostMarker)
      return tr
    }
  })
}
