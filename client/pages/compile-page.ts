/**
 * The synoptic view of several proposals on one text in force: a column for
 * the base and one per source, one row per unit (compile/), each source's
 * text marked as in its proposal; each row's class in the margin (untouched,
 * one source, same change, conflict, additions at the same place); sticky
 * column headers, "conflicts only", next/previous conflict. Right to left
 * for an Arabic text. The secretariat starts a committee draft from it
 * (committee-form.ts).
 */
import { compileRefs, listDocuments, listVersions, type CompilationJSON, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { t, type StringKey } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'
import { go } from '../app/router.js'
import { directionOf, isLanguage } from '../../schema/index.js'
import type { MarkedRun } from '../../compile/change.js'
import { committeeDraftStarter } from './committee-form.js'
import { topBar } from './shell.js'
import { versionLabel } from './checkpoint-label.js'
import { errorText } from '../app/i18n-errors.js'

type Row = CompilationJSON['rows'][number]

const CLASS_NAMES: Record<string, StringKey> = {
  untouched: 'clsUntouched', single: 'clsSingle', same: 'clsSame', conflict: 'clsConflict', 'additions-same-place': 'clsAdditions'
}

function runsHtml(runs: readonly MarkedRun[]): HTMLElement {
  return h('p', {}, ...runs.map(r => r.footnote ? h('sup', { class: 'fn', title: r.text }, '*')
    : r.mark === 'insertion' ? h('ins', {}, r.text) : r.mark === 'deletion' ? h('del', {}, r.text) : r.text))
}

function label(oldLabel: string | null, newLabel: string | null): HTMLElement | null {
  if (oldLabel === null && newLabel === null) return null
  if (oldLabel !== null && newLabel !== null && oldLabel !== newLabel) return h('span', { class: 'label' }, h('del', {}, oldLabel), ' ', h('ins', {}, newLabel), ' ')
  return h('span', { class: 'label' }, `${newLabel ?? oldLabel} `)
}

function cell(c: Row['cells'][number], lang: string): HTMLElement {
  if (c.change === 'absent') return h('td', { class: 'absent', title: t('notInProposal') })
  const tag = c.change === 'moved-from' || c.change === 'moved-to' ? 'MOVED' : c.change
  const shown = c.change === 'ADD' || c.change === 'moved-to' ? label(null, c.newLabel) : c.change === 'SUP' || c.change === 'moved-from' ? label(c.oldLabel, null) : label(c.oldLabel, c.newLabel)
  if (c.change === 'NOC') return h('td', { class: 'noc', lang }, shown, h('span', { class: 'tag' }, 'NOC'))
  return h('td', { class: `cell-change cell-${c.change}`, lang }, h('span', { class: 'tag' }, tag), ' ', shown, ...c.blocks.map(runsHtml))
}

function table(c: CompilationJSON): HTMLElement {
  const lang = isLanguage(c.lang) ? c.lang : 'en'
  const head = h('tr', {}, h('th', { class: 'cls' }), h('th', {}, t('baseColumn')),
    ...c.sources.map(s => h('th', { 'data-testid': 'source-head' }, s.name, s.proposalId ? h('small', {}, s.proposalId) : null)))
  const rows = c.rows.map(r => h('tr', { class: `row ${r.cls}${r.renumbering === 'clash' ? ' renumbering-clash' : ''}`, 'data-testid': 'synoptic-row', 'data-cls': r.cls, id: `row-${r.key}` },
    h('td', { class: 'cls' }, t(CLASS_NAMES[r.cls] ?? 'clsUntouched'), r.renumbering === 'clash' ? h('div', { class: 'clash' }, t('labelsClash')) : null),
    h('td', { class: 'base', lang }, r.base ? label(r.base.label, null) : null, ...(r.base?.blocks.map(runsHtml) ?? [])),
    ...r.cells.map(x => cell(x, lang))))
  return h('table', { class: 'synoptic', dir: directionOf(lang), style: `--sources: ${c.sources.length}` }, h('thead', {}, head), h('tbody', {}, ...rows))
}

/** A text or proposal the pickers offer (`versionName`: a named version's, as the interface says it). */
interface RefOption { value: string; label: string; kind: string; lang: string; documentId: string; baseDocumentId: string | null; baseVersionId: string | null; versionName?: string }

async function refOptions(): Promise<RefOption[]> {
  const options: RefOption[] = []
  for (const d of await listDocuments()) {
    const base = { kind: d.kind, lang: d.lang, documentId: d.id, baseDocumentId: d.baseDocumentId, baseVersionId: d.baseVersionId }
    options.push({ value: `d:${d.id}`, label: `${d.title} — ${t('current')}`, ...base })
    try {
      for (const v of await listVersions(d.id)) {
        const versionName = versionLabel(v.name, tc)
        options.push({ value: `v:${v.id}`, label: `${d.title} — ${versionName}`, versionName, ...base })
      }
    } catch { /* no versions visible */ }
  }
  return options
}

/**
 * The version a proposal was drafted on, when the chosen text in force is
 * another named version of its resolution: its column will also show what
 * changed between the two versions.
 */
function otherBase(proposal: RefOption, chosen: RefOption, options: readonly RefOption[]): string | null {
  if (!chosen.value.startsWith('v:') || !proposal.baseVersionId || `v:${proposal.baseVersionId}` === chosen.value) return null
  return options.find(o => o.value === `v:${proposal.baseVersionId}`)?.versionName ?? null
}

/**
 * The proposals to offer for a text in force: those started on that
 * resolution, then those with no base recorded (imported from text) in its
 * language (one in another shares no words with it: every row would be all
 * struck and all inserted); not those on another resolution (an assembly has
 * hundreds).
 */
function proposalsFor<T extends { kind: string; lang: string; value: string; baseDocumentId: string | null }>(options: readonly T[], base: { documentId: string; lang: string }): T[] {
  const proposals = options.filter(o => o.kind === 'proposal' && o.value.startsWith('d:'))
  return [...proposals.filter(o => o.baseDocumentId === base.documentId), ...proposals.filter(o => o.baseDocumentId === null && o.lang === base.lang)]
}

/** Renders the compile page: pickers, then the synoptic table of the chosen base and proposals. */
export async function compilePage(root: HTMLElement, user: User, base: string | null, proposals: readonly string[]): Promise<void> {
  const baseSel = h('select', { 'data-testid': 'compile-base' })
  const picks = h('div', { class: 'compile-picks' })
  const result = h('div', { class: 'compile-result' })
  const only = h('input', { type: 'checkbox', 'data-testid': 'conflicts-only' }) as HTMLInputElement
  const counts = h('div', { class: 'compile-counts', 'data-testid': 'compile-counts' })
  let conflictAt = -1
  const conflicts = () => [...result.querySelectorAll<HTMLElement>('tr.conflict')]
  const step = (by: number) => {
    const list = conflicts()
    if (!list.length) return
    // the first step back goes to the last conflict, the first forward to the first
    conflictAt = conflictAt < 0 ? (by > 0 ? 0 : list.length - 1) : (conflictAt + by + list.length) % list.length
    list.forEach(el => el.classList.remove('current-change'))
    list[conflictAt]!.classList.add('current-change')
    list[conflictAt]!.scrollIntoView({ block: 'center' })
  }
  only.addEventListener('change', () => result.classList.toggle('conflicts-only', only.checked))
  const run = h('button', { type: 'button', class: 'primary', 'data-testid': 'compile-run' }, t('compileRun'))
  run.addEventListener('click', () => {
    const chosen = [...picks.querySelectorAll<HTMLInputElement>('input:checked')].map(i => i.value)
    if (baseSel.value && chosen.length) go({ page: 'compile', base: baseSel.value, proposals: chosen })
  })
  const prev = h('button', { type: 'button', 'data-testid': 'previous-conflict' }, `↑ ${t('previousConflict')}`)
  const next = h('button', { type: 'button', 'data-testid': 'next-conflict' }, `↓ ${t('nextConflict')}`)
  prev.addEventListener('click', () => step(-1))
  next.addEventListener('click', () => step(1))
  root.replaceChildren(
    topBar(user, h('span', { class: 'page-name' }, t('compileTitle'))),
    h('main', { class: 'compile' },
      h('div', { class: 'compile-tools' },
        h('label', {}, `${t('compileBase')} `, baseSel), h('fieldset', {}, h('legend', {}, t('compileProposals')), picks), run,
        h('label', { class: 'only' }, only, ` ${t('conflictsOnly')}`), h('span', { class: 'conflict-steps' }, prev, next)),
      counts, result))
  try {
    const options = await refOptions()
    baseSel.replaceChildren(h('option', { value: '' }, '—'), ...options.filter(o => o.kind === 'resolution').map(o => h('option', { value: o.value, dir: 'auto' }, o.label)))
    if (base) baseSel.value = base
    const showPicks = () => {
      const chosen = options.find(o => o.value === baseSel.value)
      if (!chosen) { picks.replaceChildren(h('span', { class: 'muted' }, t('compileChooseBase'))); return }
      const offered = proposalsFor(options, chosen)
      picks.replaceChildren(...offered.length === 0 ? [h('span', { class: 'muted' }, t('compileNoProposals'))] : offered.map(o => {
        const drafted = otherBase(o, chosen, options)
        // the line in the interface's direction (every box on one side), the title in its own
        return h('label', {}, h('input', { type: 'checkbox', value: o.value, ...(proposals.includes(o.value) ? { checked: '' } : {}) }), ' ', h('bdi', {}, o.label),
          o.baseDocumentId === null ? h('small', { class: 'muted' }, ` (${t('compileNoBase')})`) : null,
          drafted === null ? null : h('small', { class: 'other-base', 'data-testid': 'other-base' }, ' (', t('compileOtherBase'), h('bdi', {}, drafted), t('compileOtherBaseEnd'), ')'))
      }))
    }
    showPicks()
    baseSel.addEventListener('change', showPicks)
    if (!base || proposals.length === 0) { result.replaceChildren(h('p', { class: 'empty-hint' }, t('compileHint'))); return }
    result.replaceChildren(h('p', {}, t('loading')))
    const c = await compileRefs(base, proposals)
    const s = c.summary
    counts.replaceChildren(...Object.entries(s.classes).map(([k, v]) => h('span', { class: `count ${k}`, 'data-cls': k }, `${t(CLASS_NAMES[k] ?? 'clsUntouched')}: ${v}`)),
      h('span', { class: 'count' }, `${t('labelsClash')}: ${s.renumberingClashes}`))
    const synoptic = table(c)
    // the steps again in the headings' empty corner, which stays in sight: the tools scroll away with the first step
    if (s.classes.conflict) {
      const headStep = (by: number, key: 'previousConflict' | 'nextConflict', arrow: string) =>
        h('button', { type: 'button', class: 'head-step', title: t(key), 'aria-label': t(key), 'data-testid': `head-${by < 0 ? 'previous' : 'next'}-conflict`, onclick: () => step(by) }, arrow)
      synoptic.querySelector('thead th.cls')?.append(h('span', { class: 'head-steps' }, headStep(-1, 'previousConflict', '↑'), headStep(1, 'nextConflict', '↓')))
    }
    result.replaceChildren(synoptic)
    // the secretariat starts a committee draft from what it sees
    if (user.role === 'secretariat') counts.after(committeeDraftStarter(c, base, proposals, result))
  } catch (e) {
    result.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${errorText(e)}`))
  }
}
