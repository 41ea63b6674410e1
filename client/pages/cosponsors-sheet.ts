/**
 * "Co-sponsors…" on a proposal's row in the document list: who proposes and
 * co-sponsors it, the delegations invited (each invitation can be
 * withdrawn), and a field to invite more. The proposing delegation's
 * drafters invite; the Secretariat adds co-sponsors as submitted
 * (server/api/cosponsorship-routes.ts). `onChanged` runs after a change.
 */
import { inviteCosponsors, withdrawInvitation, type DocumentMeta, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { errorText } from '../app/i18n-errors.js'
import { field, input, openSheet } from './sheet.js'

const splitList = (s: string) => s.split(/[,،;]/).map(x => x.trim()).filter(Boolean)

/** Opens the co-sponsors sheet of `doc` for `user`. */
export function cosponsorsSheet(doc: DocumentMeta, user: User, onChanged: () => void): void {
  // each change is made at once: the sheet is closed, not cancelled
  const sheet = openSheet(tc('cosponsorsTitle'), 'cosponsors-sheet', { onClose: onChanged, readOnly: true })
  const asSubmitted = user.role === 'secretariat'
  const writing = h('p', { 'data-testid': 'cosponsors-writing' })
  const invited = h('ul', { class: 'invited-list', 'data-testid': 'cosponsors-invited' })
  const names = input('invite', '', { placeholder: 'ARB, CEPT' })
  const inviteButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'cosponsors-invite' }, tc('invite'))
  const show = (meta: DocumentMeta) => {
    writing.replaceChildren(tc('cosponsorsWriting'), ' ', h('bdi', {}, meta.delegations.join(tc('listComma')) || tc('cosponsorsNone')))
    invited.replaceChildren(...meta.invitedCosponsors.map(d => h('li', {},
      h('bdi', {}, d), ' ',
      h('button', { type: 'button', class: 'quiet', 'data-testid': 'cosponsors-withdraw', onclick: () => change(() => withdrawInvitation(meta.id, d)) }, tc('withdrawInvitation')))))
    invited.hidden = meta.invitedCosponsors.length === 0
  }
  const change = async (ask: () => Promise<DocumentMeta>) => {
    inviteButton.disabled = true
    try { show(await ask()); sheet.say(''); names.value = '' } catch (e) { sheet.say(errorText(e), true) } finally { inviteButton.disabled = false }
  }
  sheet.body.append(h('p', { class: 'help' }, tc('cosponsorsHelp')), writing, h('div', {}, tc('invitedCosponsors')), invited, field(tc(asSubmitted ? 'addField' : 'inviteField'), names))
  sheet.actions.append(inviteButton)
  sheet.form.addEventListener('submit', () => {
    const list = splitList(names.value)
    if (list.length > 0) void change(() => inviteCosponsors(doc.id, list))
  })
  show(doc)
}
