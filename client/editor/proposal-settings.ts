/**
 * The proposal's settings: the action and number on its MOD line (the
 * `proposalMarker` atom, e.g. `MOD  APT/44A13/1`). The line cannot be typed
 * into; it changes only here, in one step (one transaction, so it reaches
 * peers and the server like any edit and Ctrl-Z undoes it).
 */
import type { Node } from 'prosemirror-model'
import type { Command } from 'prosemirror-state'
import { PROPOSAL_ACTIONS, type ProposalAction } from '../../schema/index.js'
import { formatProposalId, parseProposalId } from '../../export/proposal-id.js'

/** The MOD line of a document: where it is and what it says. */
export interface ProposalSettings { pos: number; action: string; proposalId: string }

/** The document's MOD line, or null when it has none (a resolution, a committee draft). */
export function proposalSettingsOf(doc: Node): ProposalSettings | null {
  let found: ProposalSettings | null = null
  doc.forEach((child, offset) => {
    if (!found && child.type.name === 'proposalMarker') found = { pos: offset, action: String(child.attrs.action), proposalId: String(child.attrs.proposalId ?? '') }
  })
  return found
}

/** What a change of settings comes to: the command that applies it, or why it cannot be made. */
export type SettingsChange = { ok: true; action: ProposalAction; proposalId: string; command: Command } | { ok: false; field: 'action' | 'proposalId'; problem: string }

/**
 * Checks new settings: the action one of PROPOSAL_ACTIONS, the number empty
 * (none yet) or a proposal number (written back in its usual form, `apt/44a13/2`
 * as `APT/44A13/2`). When they are good, the command sets both attributes of
 * the MOD line in one transaction; it does not apply to a document without one.
 */
export function changeProposalSettings(action: string, idText: string): SettingsChange {
  if (!(PROPOSAL_ACTIONS as readonly string[]).includes(action)) return { ok: false, field: 'action', problem: `"${action}" is not a proposal action; expected one of ${PROPOSAL_ACTIONS.join(', ')}` }
  let proposalId = ''
  if (idText.trim()) {
    try { proposalId = formatProposalId(parseProposalId(idText)) } catch (e) { return { ok: false, field: 'proposalId', problem: (e as Error).message } }
  }
  const command: Command = (state, dispatch) => {
    const marker = proposalSettingsOf(state.doc)
    if (!marker) return false
    if (dispatch) dispatch(state.tr.setNodeMarkup(marker.pos, undefined, { action, proposalId }).scrollIntoView())
    return true
  }
  return { ok: true, action: action as ProposalAction, proposalId, command }
}
