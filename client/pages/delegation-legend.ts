/**
 * The legend of the amendment view of a committee draft: one colour per
 * delegation (or group of sources) whose changes the marks show, and a
 * filter that shows one source's changes only (the others' insertions read
 * as plain text, their deletions are hidden).
 */
import type { EditorView } from 'prosemirror-view'
import { h } from '../app/dom.js'
import { tk } from '../app/i18n-committee.js'
import { amendmentKey } from '../editor/amendment.js'
import { delegationColours, delegationsIn, legendCss, sourceNames } from '../editor/delegation-marks.js'

/** The source each view shows alone ('' for all). */
const filters = new WeakMap<EditorView, string>()

function styleElement(): HTMLStyleElement {
  let el = document.getElementById('delegation-colours') as HTMLStyleElement | null
  if (!el) { el = h('style', { id: 'delegation-colours' }); document.head.append(el) }
  return el
}

/** The legend for the view's current marks (null when no mark names a delegation); sets the colours. */
export function delegationLegend(view: EditorView): HTMLElement | null {
  const revision = amendmentKey.getState(view.state)?.revision
  const delegations = revision ? delegationsIn(revision) : []
  const colours = delegationColours(delegations)
  const sources = [...new Set(delegations.flatMap(sourceNames))].sort()
  let filter = filters.get(view) ?? ''
  if (filter && !sources.includes(filter)) filter = ''
  styleElement().textContent = legendCss(colours, filter)
  view.dom.toggleAttribute('data-filter', !!filter)
  if (!delegations.length) return null
  const choose = (name: string) => {
    filters.set(view, name)
    styleElement().textContent = legendCss(colours, name)
    view.dom.toggleAttribute('data-filter', !!name)
    for (const b of filterBar.querySelectorAll<HTMLElement>('button')) b.setAttribute('aria-pressed', String(b.dataset.source === name))
  }
  // each group of sources in its colour; then "show only" one source (its changes, alone or with others)
  const legend = h('ul', { class: 'legend', 'data-testid': 'legend', 'aria-label': tk('legend') },
    ...delegations.map(d => h('li', { 'data-testid': 'legend-entry', 'data-delegation': d, style: `--c: ${colours.get(d)}` }, h('span', { class: 'swatch' }), ' ', h('bdi', {}, d))))
  const button = (name: string, label: string) => h('button', {
    type: 'button', class: 'quiet small', 'data-testid': 'legend-filter', 'data-source': name, title: name ? tk('onlySource') : '',
    'aria-pressed': String(name === filter), onclick: () => choose(name === (filters.get(view) ?? '') ? '' : name)
  }, label)
  const filterBar = h('div', { class: 'legend-filter', role: 'group', 'aria-label': tk('onlySource') },
    button('', tk('allSources')), ...sources.map(name => button(name, name)))
  return h('div', { class: 'legend-box' }, legend, filterBar)
}
