/**
 * "New proposal": the resolution and its version in force, the proposing and
 * co-sponsoring delegations, the language, and MOD / ADD / SUP. The server
 * checks that a drafter starts proposals for their own delegation only; the
 * co-sponsors a drafter names are invited, and each agrees from its list.
 */
import { listVersions, startProposal, type DocumentMeta, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { LANGUAGES, languageInfo, isLanguage } from '../../schema/index.js'
import { field, input, openSheet, select } from './sheet.js'
import { errorText } from '../app/i18n-errors.js'

const splitList = (s: string) => s.split(/[,،;]/).map(x => x.trim()).filter(Boolean)

/** Opens the dialog, preselecting `resolutionId` when given; `onStarted` gets the new proposal's id. */
export function newProposalDialog(user: User, docs: DocumentMeta[], resolutionId: string | null, onStarted: (id: string) => void): void {
  const sheet = openSheet(tc('newProposalTitle'), 'proposal-dialog')
  const resolutions = docs.filter(d => d.kind === 'resolution')
  const pre = resolutions.find(d => d.id === resolutionId)
  const action = select('action', [{ value: 'MOD', label: tc('mod') }, { value: 'ADD', label: tc('add') }, { value: 'SUP', label: tc('sup') }])
  const lang = select('lang', LANGUAGES.map(l => ({ value: l, label: languageInfo(l).name })), pre?.lang ?? resolutions[0]?.lang ?? 'en')
  const resolution = select('resolution', [])
  const version = select('version', [])
  const proposing = input('proposing', user.role === 'drafter' ? user.delegation : '', user.role === 'drafter' ? { readonly: '' } : {})
  const cosponsors = input('cosponsors')
  const proposalId = input('proposalId', '', { placeholder: 'APT/44A13/1', dir: 'ltr' })
  const title = input('title')
  const startButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'proposal-start' }, tc('start'))
  const resolutionRow = field(tc('resolutionField'), resolution)
  const versionRow = field(tc('versionInForce'), version)
  sheet.body.append(field(tc('action'), action), field(tc('docLanguage'), lang), resolutionRow, versionRow,
    field(tc('proposing'), proposing), field(tc(user.role === 'drafter' ? 'cosponsorsInvited' : 'cosponsors'), cosponsors), field(tc('proposalIdField'), proposalId), field(tc('titleField'), title))
  sheet.actions.append(startButton)

  let titleTouched = false
  title.addEventListener('input', () => { titleTouched = true })
  const suggestTitle = () => {
    if (titleTouched) return
    const res = resolutions.find(d => d.id === resolution.value)
    const who = proposing.value.trim() || user.delegation
    title.value = (action.value === 'ADD' ? tc('newProposalTitleAdd') : tc('newProposalTitleOn'))
      .replace('{who}', () => who).replace('{action}', () => action.value).replace('{title}', () => res?.title ?? '').trim()
  }
  const loadVersions = async () => {
    version.replaceChildren()
    if (!resolution.value) return
    // the versions in force, the newest first: a proposal amends a named version, not an automatic checkpoint
    const list = (await listVersions(resolution.value)).filter(v => !v.automatic)
    version.replaceChildren(...[...list].reverse().map(v => h('option', { value: v.id }, v.name)))
  }
  const fillResolutions = async () => {
    const inLang = resolutions.filter(d => d.lang === lang.value)
    resolution.replaceChildren(...inLang.map(d => h('option', { value: d.id }, d.title)))
    if (pre && pre.lang === lang.value) resolution.value = pre.id
    await loadVersions()
    suggestTitle()
  }
  const showRows = () => { const add = action.value === 'ADD'; resolutionRow.hidden = add; versionRow.hidden = add; suggestTitle() }
  action.addEventListener('change', showRows)
  lang.addEventListener('change', () => { void fillResolutions() })
  resolution.addEventListener('change', () => { void loadVersions(); suggestTitle() })
  proposing.addEventListener('input', suggestTitle)
  void fillResolutions()

  sheet.form.addEventListener('submit', async () => {
    const delegations = [...new Set([...splitList(proposing.value), ...splitList(cosponsors.value)])]
    const isAdd = action.value === 'ADD'
    if (!isAdd && !version.value) { sheet.say(tc('chooseVersion'), true); return }
    startButton.disabled = true
    try {
      const meta = await startProposal({
        title: title.value.trim(), action: action.value as 'MOD' | 'ADD' | 'SUP', delegations,
        ...(isAdd ? { lang: isLanguage(lang.value) ? lang.value : 'en' } : { baseVersionId: version.value }),
        ...(proposalId.value.trim() ? { proposalId: proposalId.value.trim() } : {})
      })
      sheet.close()
      onStarted(meta.id)
    } catch (e) { sheet.say(errorText(e), true); startButton.disabled = false }
  })
}
