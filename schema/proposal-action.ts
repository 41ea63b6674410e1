/**
 * The action a proposal's marker line gives its text (`MOD`, `ADD`, `SUP`
 * ... in `SUP<TAB>APT/44A13/1`): what adopting, exporting and the adopt
 * button read of a proposal.
 */
import type { Node } from 'prosemirror-model'

/** The action on a document's marker line, or null when it has none. */
export function proposalActionOf(doc: Node): string | null {
  let action: string | null = null
  doc.forEach(child => { if (child.type.name === 'proposalMarker') action = String(child.attrs.action) })
  return action
}
