/**
 * The version history beside the page: named versions and automatic
 * checkpoints (who, when, which delegation), each to open read-only, to
 * compare with the current text or any other version, or to restore as a
 * new change (the server keeps a checkpoint of the text it replaces).
 */
import { getVersion, listVersions, restoreVersion, type VersionMeta } from '../app/api.js'
import { h } from '../app/dom.js'
import { uiLang } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'
import { go } from '../app/router.js'
import { directionOf, isLanguage, resolutionFromJSON } from '../../schema/index.js'
import { renderDocument } from '../render/static.js'
import { isCheckpointName } from '../../protocol/checkpoints.js'
import { activityList } from './activity-list.js'
import { versionLabel } from './checkpoint-label.js'
import { openSheet } from './sheet.js'
import { errorText } from '../app/i18n-errors.js'
import { formatWhen } from '../app/i18n-dates.js'

/** A time as the interface language writes it (app/i18n-dates.ts). */
export function when(iso?: string): string {
  return formatWhen(iso, uiLang())
}

/** Shows a version read-only in a sheet. */
async function openVersion(v: VersionMeta): Promise<void> {
  const sheet = openSheet(`${versionLabel(v.name, tc)} — ${tc('readOnlyVersion')}`, 'version-view', { readOnly: true })
  sheet.dialog.classList.add('version-view')
  sheet.say(tc('reading'))
  try {
    const full = await getVersion(v.id)
    const doc = resolutionFromJSON(full.json)
    const lang = String(doc.attrs.lang)
    const page = h('div', { class: 'page static-page', lang, dir: isLanguage(lang) ? directionOf(lang) : 'auto', 'data-testid': 'version-page' }, renderDocument(doc, 'new'))
    sheet.body.append(page)
    sheet.say('')
  } catch (e) { sheet.say(errorText(e), true) }
}

/** The history panel; `refresh()` reloads the list. With `activity` (a committee draft), the bracket operations too. */
export function historyPanel(documentId: string, canRestore: boolean, activity = false): { element: HTMLElement; refresh(): Promise<void>; toggle(): void } {
  const list = h('ol', { 'data-testid': 'history-list' })
  const status = h('p', { class: 'muted small', role: 'status', 'aria-live': 'polite', 'data-testid': 'history-status' })
  const operations = activity ? activityList(documentId) : null
  const element = h('aside', { class: 'panel history-panel', hidden: true, 'data-testid': 'history-panel', 'aria-label': tc('historyTitle') },
    operations?.element ?? '', h('h2', {}, tc('historyTitle')), status, list)
  let versions: VersionMeta[] = []

  const item = (v: VersionMeta) => {
    const automatic = v.automatic ?? isCheckpointName(v.name)
    const others = h('select', { 'aria-label': tc('compareWith'), 'data-testid': 'history-compare' },
      h('option', { value: '' }, tc('compareWith')),
      h('option', { value: `d:${documentId}` }, tc('currentText')),
      ...versions.filter(o => o.id !== v.id).map(o => h('option', { value: `v:${o.id}` }, versionLabel(o.name, tc))))
    others.addEventListener('change', () => { if (others.value) go({ page: 'compare', old: `v:${v.id}`, new: others.value }) })
    const restore = canRestore ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'history-restore', onclick: async () => {
      if (!window.confirm(tc('restoreConfirm'))) return
      status.textContent = '…'
      try {
        await restoreVersion(documentId, v.id)
        status.textContent = `${tc('restored')}: ${versionLabel(v.name, tc)}`
        await refresh()
      } catch (e) { status.textContent = errorText(e); status.classList.add('error') }
    } }, tc('restore')) : null
    return h('li', { 'data-testid': 'history-item', 'data-automatic': String(automatic), 'data-name': v.name },
      h('div', {}, h('bdi', { class: 'name' }, versionLabel(v.name, tc)), ' ', h('span', { class: 'kind' }, automatic ? tc('checkpoint') : tc('named'))),
      h('div', { class: 'meta' }, when(v.createdAt), v.createdBy ? h('span', {}, ' · ', h('bdi', {}, `${v.createdBy.name} (${v.createdBy.delegation})`)) : null),
      h('div', { class: 'acts' },
        h('button', { type: 'button', class: 'quiet', 'data-testid': 'history-open', onclick: () => { void openVersion(v) } }, tc('openVersion')),
        others, restore))
  }
  const refresh = async () => {
    void operations?.refresh()
    try {
      versions = await listVersions(documentId)
      list.replaceChildren(...[...versions].reverse().map(item))
      if (!versions.length) list.replaceChildren(h('li', { class: 'muted' }, tc('noVersions')))
    } catch (e) { status.textContent = errorText(e) }
  }
  return { element, refresh, toggle() { element.hidden = !element.hidden; if (!element.hidden) void refresh() } }
}
