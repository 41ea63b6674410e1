/**
 * The list of a proposal's changes against its base, beside the page while
 * the amendment view is on. Each change can be kept (marks hidden until it
 * changes again) or reverted to the base text; or all at once.
 *
 * In a proposal the base is the text in force, which nobody edits here: so
 * “accepting” a proposed change means keeping the proposal as it is, and
 * “rejecting” it (“Revert to base”) writes the base text back into the
 * proposal for that provision.
 */
import type { EditorView } from 'prosemirror-view'
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'
import { amendmentKey, keepChanges } from '../editor/amendment.js'
import type { UnitChange } from '../editor/amendment-marks.js'
import { revertChange, revertChanges } from '../editor/diff-engine.js'
import { replaceDocMinimal } from '../editor/replace-doc.js'
import { delegationsIn } from '../editor/delegation-marks.js'
import { changeCounts } from './change-counts.js'
import { delegationLegend } from './delegation-legend.js'

/** The diff engine's overall counts of provisions (`summary.counts`), as one line. */
function summaryLine(summary: unknown): string {
  return changeCounts(summary, t).map(c => `${c.name} ${c.value}`).join(' · ')
}

const shown = new WeakMap<HTMLElement, string>()

/** Renders the panel for the view's current amendment state (only when the list of changes is different from what it shows). */
export function renderChangesPanel(host: HTMLElement, view: EditorView, canWrite: boolean, docDir: string): void {
  const state = amendmentKey.getState(view.state)
  if (!state?.active) { if (shown.get(host) !== '') { host.replaceChildren(); host.hidden = true; shown.set(host, '') } return }
  host.hidden = false
  const visible = state.changes.filter(c => !state.kept.has(c.id))
  const delegations = state.revision ? delegationsIn(state.revision) : []
  const signature = JSON.stringify([summaryLine(state.summary), canWrite, visible, delegations])
  if (shown.get(host) === signature) return
  shown.set(host, signature)
  const revert = (ids: string[]) => {
    const rev = amendmentKey.getState(view.state)?.revision
    if (!rev) return
    const next = ids.length === 1 ? revertChange(rev, ids[0]!) : revertChanges(rev, ids)
    const tr = replaceDocMinimal(view.state, next)
    if (tr) view.dispatch(tr)
  }
  const row = (c: UnitChange) => h('li', { class: `change change-${c.status}`, 'data-testid': 'change', 'data-id': c.id },
    h('span', { class: 'badge', 'data-action': c.action ?? '' }, c.action ?? c.status),
    h('a', { href: '#', dir: docDir, onclick: (e: Event) => { e.preventDefault(); view.dom.querySelector(`[data-id="${CSS.escape(c.id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' }) } },
      c.oldLabel && c.oldLabel !== c.label ? h('span', {}, h('del', {}, c.oldLabel), ' ', c.label) : c.label, ' ', h('span', { class: 'muted' }, c.text)),
    canWrite ? h('span', { class: 'change-actions' },
      h('button', { type: 'button', class: 'quiet small', onclick: () => view.dispatch(keepChanges(view.state.tr, [c.id])) }, t('keep')),
      c.status === 'moved-from' ? null : h('button', { type: 'button', class: 'quiet small', 'data-testid': 'revert', onclick: () => revert([c.id]) }, t('revert'))) : null)
  host.replaceChildren(
    h('h2', {}, t('showChanges')),
    h('p', { class: 'muted small', 'data-testid': 'amend-summary' }, summaryLine(state.summary)),
    delegationLegend(view) ?? '',
    h('p', { class: 'help small' }, t('amendHelp')),
    canWrite && visible.length ? h('div', { class: 'change-all' },
      h('button', { type: 'button', class: 'quiet small', onclick: () => view.dispatch(keepChanges(view.state.tr, visible.map(c => c.id))) }, t('keepAll')),
      h('button', { type: 'button', class: 'quiet small', onclick: () => revert(visible.filter(c => c.status !== 'moved-from').map(c => c.id)) }, t('revertAll'))) : '',
    h('ol', { class: 'changes' }, ...visible.map(row)))
}
