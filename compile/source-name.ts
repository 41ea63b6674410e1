/**
 * The source a proposal names: its MOD line's proposal id (`APT/44A13/1`)
 * begins with the proposing region or administration (`APT`).
 */
import type { Node } from 'prosemirror-model'

/** The proposal id and source named by a document's MOD line, or null when it has none. */
export function proposalSource(doc: Node): { name: string; proposalId: string } | null {
  let found: { name: string; proposalId: string } | null = null
  doc.forEach(c => {
    if (found || c.type.name !== 'proposalMarker') return
    const proposalId = String(c.attrs.proposalId ?? '').trim()
    const name = proposalId.split('/')[0]?.trim()
    if (name) found = { name, proposalId }
  })
  return found
}
