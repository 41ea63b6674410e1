/**
 * The compare view: any two versions or documents, side by side with aligned
 * provisions or inline with revision marks; next/previous change; summary
 * counts; renumbering-only changes can be hidden; a moved provision links to
 * where it came from.
 */
import type { Node } from 'prosemirror-model'
import { compareRefs, listDocuments, listVersions, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { t, uiLang } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'
import { go, note, type CompareView, type Route } from '../app/router.js'
import { directionOf, isLanguage, isRenumbered, languageInfo, resolutionFromJSON, resolutionSchema, revisionOf, statusOnSide, type Language } from '../../schema/index.js'
import { isNewSideOnly, settleProposalParts } from '../render/proposal-parts.js'
import { renderDocument, renderNode } from '../render/static.js'
import { changeCounts } from './change-counts.js'
import { topBar } from './shell.js'
import { versionLabel } from './checkpoint-label.js'
import { errorText } from '../app/i18n-errors.js'
import { trackHeight } from '../app/sticky-heights.js'

const UNIT = new Set(['provision', 'part', 'annex'])

function changed(node: Node): boolean {
  const rev = revisionOf(node)
  if (rev && (rev.status !== 'unchanged' || isRenumbered(rev))) return true
  let marks = false
  node.descendants(n => { if (n.marks.some(m => m.type.name === 'insertion' || m.type.name === 'deletion')) marks = true; return !marks })
  return marks
}

/**
 * A link from one half of a move to the other (`moved-from` points to where
 * it went, `moved-to` to where it came from). Its label is the interface's,
 * set in the interface's direction whatever the document's, with the arrow
 * pointing forward or back as that direction reads (leftward is forward in
 * Arabic; arrows are not mirrored by the browser).
 */
function moveLink(status: string, moveId: string): HTMLElement {
  const rtl = uiLang() === 'ar'
  const [forward, back] = rtl ? ['←', '→'] : ['→', '←']
  const target = status === 'moved-from' ? `to-${moveId}` : `from-${moveId}`
  return h('a', {
    class: 'move-link', href: `#${target}`, 'data-testid': 'move-link', contenteditable: 'false', dir: rtl ? 'rtl' : 'ltr',
    onclick: (e: Event) => {
      e.preventDefault()
      const el = document.getElementById(target)
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' })
      // one change outlined: the one gone to, from which the next and previous steps go on
      if (el) for (const other of document.querySelectorAll('.current-change')) other.classList.remove('current-change')
      el?.classList.add('current-change')
      // the focus goes along: to the moved text's own link back, else to the text itself (the next Tab goes on from there)
      const focusable = el?.querySelector<HTMLElement>('.move-link') ?? el
      if (focusable && focusable === el && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
      focusable?.focus({ preventScroll: true })
    }
  }, status === 'moved-from' ? `${forward} ${t('movedFrom')}` : `${back} ${t('movedTo')}`)
}

/** Rows of the side-by-side view: top-level lines, section headings, and each provision with what it holds. */
function rows(doc: Node): Node[] {
  const out: Node[] = []
  doc.forEach(child => {
    if (child.type.name === 'preambularSection' || child.type.name === 'operativeSection') {
      out.push(child.type.create({ ...child.attrs }, child.child(0)))
      child.forEach((c, _o, i) => { if (i > 0) out.push(c) })
    } else out.push(child)
  })
  return out
}

function sideBySide(doc: Node, lang: Language): HTMLElement {
  const dir = directionOf(lang)
  const table = h('div', { class: 'sbs', dir })
  table.append(h('div', { class: 'sbs-head' }, h('div', {}, t('oldSide')), h('div', {}, t('newSide'))))
  for (const node of rows(doc)) {
    const rev = revisionOf(node)
    const status = rev?.status ?? 'unchanged'
    const cell = (side: 'old' | 'new') => {
      const hide = !statusOnSide(status, side) || (side === 'old' && isNewSideOnly(node))
      const c = h('div', { class: `sbs-cell side-${side}`, lang, dir })
      if (!hide) c.append(renderNode(node, side, lang))
      if (rev?.moveId && ((side === 'new' && status === 'moved-from') || (side === 'old' && status === 'moved-to'))) c.append(moveLink(status, rev.moveId))
      return c
    }
    const row = h('div', { class: `sbs-row rev-${status}`, ...(changed(node) ? { 'data-change': '' } : {}) }, cell('old'), cell('new'))
    if (rev?.moveId) row.id = `${status === 'moved-from' ? 'from' : 'to'}-${rev.moveId}`
    table.append(row)
  }
  return table
}

function inline(doc: Node): HTMLElement {
  const el = renderDocument(doc, 'both')
  el.classList.add('inline-compare')
  for (const unit of el.querySelectorAll<HTMLElement>('[data-id]')) {
    if (unit.classList.contains('rev-modified') || unit.classList.contains('rev-added') || unit.classList.contains('rev-suppressed') || unit.classList.contains('rev-moved-from') || unit.classList.contains('rev-moved-to') || unit.querySelector(':scope > p .renumbered')) unit.dataset.change = ''
    if (unit.dataset.moveId) {
      const from = unit.classList.contains('rev-moved-from')
      unit.id = `${from ? 'from' : 'to'}-${unit.dataset.moveId}`
      unit.querySelector(':scope > p')?.append(' ', moveLink(from ? 'moved-from' : 'moved-to', unit.dataset.moveId))
    }
  }
  return el
}

/** Renders the compare page for the route's two references (or the chooser when missing), with the options it names. */
export async function comparePage(root: HTMLElement, user: User, route: Extract<Route, { page: 'compare' }>): Promise<void> {
  const { old: oldRef, new: newRef } = route
  const oldSel = h('select', { 'data-testid': 'compare-old' })
  const newSel = h('select', { 'data-testid': 'compare-new' })
  const mode = h('select', { 'data-testid': 'compare-mode' }, h('option', { value: 'sbs' }, t('sideBySide')), h('option', { value: 'inline' }, t('inline')))
  const hideRenumber = h('input', { type: 'checkbox', 'data-testid': 'hide-renumbering' })
  const summary = h('div', { class: 'summary', 'data-testid': 'summary' })
  const result = h('div', { class: 'compare-result', 'data-testid': 'compare-result' })
  let current = -1
  const step = (d: 1 | -1) => {
    const list = [...result.querySelectorAll<HTMLElement>('[data-change]')]
    if (!list.length) return
    // a move link may have gone to another change since the last step: go on from there
    const outlined = list.findIndex(e => e.classList.contains('current-change'))
    if (outlined >= 0) current = outlined
    list[current]?.classList.remove('current-change')
    // the first step back goes to the last change, the first forward to the first
    current = current < 0 ? (d > 0 ? 0 : list.length - 1) : (current + d + list.length) % list.length
    list[current]!.classList.add('current-change')
    list[current]!.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }
  const hint = () => h('p', { class: 'empty-hint', 'data-testid': 'compare-hint' }, t('compareHint'))
  const run = async () => {
    if (!oldSel.value || !newSel.value) { result.replaceChildren(hint()); (oldSel.value ? newSel : oldSel).focus(); return }
    go({ page: 'compare', old: oldSel.value, new: newSel.value, view: mode.value as CompareView, hideRenumbering: hideRenumber.checked })
  }
  // the options are part of the address: a reload, a shared link or a change of interface language keeps them
  mode.value = route.view ?? 'sbs'
  hideRenumber.checked = route.hideRenumbering ?? false
  const noteOptions = () => note({ page: 'compare', old: oldRef, new: newRef, view: mode.value as CompareView, hideRenumbering: hideRenumber.checked })
  const tools = h('div', { class: 'toolbar compare-tools' },
    h('label', {}, `${t('oldSide')} `, oldSel), h('label', {}, `${t('newSide')} `, newSel),
    h('button', { type: 'button', class: 'primary', onclick: run, 'data-testid': 'compare-run' }, t('run')),
    h('span', { class: 'sep' }), mode,
    h('label', {}, hideRenumber, ` ${t('hideRenumbering')}`),
    h('button', { type: 'button', class: 'tool', 'data-testid': 'prev-change', onclick: () => step(-1) }, `↑ ${t('previous')}`),
    h('button', { type: 'button', class: 'tool', 'data-testid': 'next-change', onclick: () => step(1) }, `↓ ${t('next')}`))
  root.replaceChildren(topBar(user, h('span', { class: 'doc-name' }, t('compareTitle'))), tools, h('main', { class: 'compare' }, summary, result))
  // the side-by-side headings stick below the tools, which take more rows in a narrow window
  trackHeight(tools, '--toolbar-height')

  const docs = await listDocuments()
  const options: { value: string; label: string; lang: string }[] = []
  for (const d of docs) {
    options.push({ value: `d:${d.id}`, label: `${d.title} — ${t('current')}`, lang: d.lang })
    try { for (const v of await listVersions(d.id)) options.push({ value: `v:${v.id}`, label: `${d.title} — ${versionLabel(v.name, tc)}`, lang: d.lang }) } catch { /* no versions visible */ }
  }
  for (const sel of [oldSel, newSel]) sel.replaceChildren(h('option', { value: '' }, '—'), ...options.map(o => h('option', { value: o.value, dir: 'auto' }, o.label)))
  if (oldRef) oldSel.value = oldRef
  if (newRef) newSel.value = newRef
  // nothing chosen yet: say what to do rather than show an empty page
  if (!oldRef || !newRef) { result.replaceChildren(hint()); return }

  let revision: Node | null = null
  const draw = () => {
    if (!revision) return
    const lang: Language = isLanguage(revision.attrs.lang) ? revision.attrs.lang : 'en'
    current = -1
    result.replaceChildren(mode.value === 'inline' ? inline(revision) : sideBySide(revision, lang))
  }
  const load = async () => {
    result.replaceChildren(t('loading'))
    try {
      const cmp = await compareRefs(oldRef, newRef, hideRenumber.checked)
      // Tolerate `{revision: {doc, summary}}` (the diff engine's Comparison passed through as is).
      const wrapped = cmp.revision as { doc?: unknown; summary?: unknown; type?: string }
      const revisionJSON = wrapped && wrapped.type === undefined && wrapped.doc ? wrapped.doc : cmp.revision
      const summaryJSON = cmp.summary ?? (wrapped?.doc ? wrapped.summary : null)
      // A proposal's cover, MOD line and reasons are not part of the amended text: shown as they stand.
      revision = settleProposalParts(resolutionSchema.nodeFromJSON(revisionJSON as Record<string, unknown>))
      try { resolutionFromJSON(revisionJSON) } catch (e) { console.warn('revision document does not check', e) }
      summary.replaceChildren(h('strong', {}, `${t('summary')}: `), ...changeCounts(summaryJSON, t).map(c => h('span', { class: 'count', 'data-testid': `summary-${c.key}`, 'data-value': String(c.value) }, `${c.name}: ${c.value}`)))
      // texts in two languages share no words: every provision comes out deleted and inserted, which needs saying
      const [oldLang, newLang] = [oldRef, newRef].map(ref => options.find(o => o.value === ref)?.lang)
      if (oldLang && newLang && oldLang !== newLang && isLanguage(oldLang) && isLanguage(newLang)) {
        summary.prepend(h('p', { class: 'languages-note', 'data-testid': 'compare-languages' },
          `${t('compareLanguages')} (`, h('bdi', {}, languageInfo(oldLang).name), t('and'), h('bdi', {}, languageInfo(newLang).name), `)${t('compareLanguagesEnd')}`))
      }
      draw()
      // nothing marked: say so, rather than leave the reader to look through the whole text for a change
      if (!rows(revision).some(changed)) {
        summary.append(h('p', { class: 'no-changes', role: 'status', 'data-testid': 'compare-no-changes' }, t(hideRenumber.checked ? 'compareNoChangesHidden' : 'compareNoChanges')))
      }
    } catch (e) { result.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${errorText(e)}`)) }
  }
  mode.addEventListener('change', () => { noteOptions(); draw() })
  hideRenumber.addEventListener('change', () => { noteOptions(); void load() })
  await load()
}
