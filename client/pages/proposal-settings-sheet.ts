/**
 * "Proposal settings…": the sheet that changes a proposal's MOD line (its
 * action and number), the only way to change that line. A bad number is
 * refused in the sheet's status line and nothing changes; a good change is one
 * editor transaction (see editor/proposal-settings.ts).
 */
import type { EditorView } from 'prosemirror-view'
import { PROPOSAL_ACTIONS } from '../../schema/index.js'
import { h } from '../app/dom.js'
import { tc, type CycleKey } from '../app/i18n-cycle.js'
import { refusalSentence } from '../app/i18n-errors.js'
import { run } from '../editor/create-editor.js'
import { changeProposalSettings, proposalSettingsOf } from '../editor/proposal-settings.js'
import { field, input, openSheet, select } from './sheet.js'

const DESCRIBED: Partial<Record<string, CycleKey>> = { MOD: 'mod', ADD: 'add', SUP: 'sup' }

/** Opens the settings of the proposal in `view`; does nothing for a document without a MOD line. */
export function proposalSettingsSheet(view: EditorView): void {
  const marker = proposalSettingsOf(view.state.doc)
  if (!marker) return
  const sheet = openSheet(tc('proposalSettingsTitle'), 'proposal-settings', { onClose: () => view.focus() })
  const action = select('markerAction', PROPOSAL_ACTIONS.map(a => ({ value: a, label: DESCRIBED[a] ? tc(DESCRIBED[a]!) : a })), marker.action)
  const proposalId = input('markerId', marker.proposalId, { dir: 'ltr', placeholder: 'APT/44A13/1', spellcheck: 'false' })
  const applyButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'proposal-settings-apply' }, tc('apply'))
  sheet.body.append(h('p', { class: 'help' }, tc('proposalSettingsHelp')), field(tc('markerAction'), action), field(tc('markerId'), proposalId))
  sheet.actions.append(applyButton)
  proposalId.addEventListener('input', () => sheet.say(''))
  sheet.form.addEventListener('submit', () => {
    const change = changeProposalSettings(action.value, proposalId.value)
    // (the action comes from the list: only the number can be refused, said in the interface's language with the server's detail)
    if (!change.ok) { sheet.say(change.field === 'proposalId' ? refusalSentence('proposal-id', change.problem) : change.problem, true); proposalId.focus(); return }
    const current = proposalSettingsOf(view.state.doc)
    if (current && (current.action !== change.action || current.proposalId !== change.proposalId)) run(view, change.command)
    sheet.close()
  })
}
