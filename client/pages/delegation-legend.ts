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
import { delegationsIn, sourceNames } from '../editor/delegation-marks.js'

/** Colours told apart on white, in the order delegations are met. */
export const PALETTE = ['#0b4fa8', '#2e7d32', '#b35900', '#7b1fa2', '#00838f', '#c2185b', '#5d4037', '#827717']

const filters = new WeakMap<EditorView, string>()
const q = (s: string) => JSON.stringify(s)

/** The colour of each delegation, by its place among the delegations named. */
export function delegationColours(delegations: readonly string[]): Map<string, string> {
  return new Map([...delegations].sort().map((d, i) => [d, PALETTE[i % PALETTE.length]!]))
}

/** The style sheet that colours the marks and applies the filter (`filter`: one source's name, or ''). */
export function legendCss(colours: ReadonlyMap<string, string>, filter: string): string {
  const rules = [...colours].map(([d, c]) => `.page-content [data-delegation=${q(d)}] { --c: ${c}; }`)
  if (filter) {
    const other = `:not([data-sources~=${q(filter)}])`
    rules.push(`.page-content .amend-ins${other} { color: inherit !important; background: none !important; text-decoration: none !important; }`,
      `.page-content .amend-del${other} { display: none; }`,
      `.page-content .amend-added${other} > p { color: inherit; text-decoration: none; }`)
  }
  return rules.join('\n')
}

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
  const choose = (s: string) => {
    filters.set(view, s)
    styleElement().textContent = legendCss(colours, s)
    view.dom.toggleAttribute('data-filter', !!s)
    for (const b of legend.querySelectorAll<HTMLElement>('button')) b.setAttribute('aria-pressed', String(b.dataset.source === s))
  }
  const entry = (d: string) => {
    const single = sourceNames(d).length === 1
    return h('li', {}, h('button', {
      type: 'button', 'data-testid': 'legend-entry', 'data-source': single ? d : '', 'data-delegation': d, style: `--c: ${colours.get(d)}`,
      title: single ? tk('onlySource') : '', 'aria-pressed': String(single && d === filter), disabled: !single,
      onclick: () => choose(filter === d ? '' : d)
    }, h('span', { class: 'swatch' }), h('bdi', {}, d)))
  }
  const legend = h('ul', { class: 'legend', 'data-testid': 'legend', 'aria-label': tk('legend') },
    h('li', {}, h('button', { type: 'button', 'data-testid': 'legend-all', 'data-source': '', 'aria-pressed': String(!filter), style: '--c: #777', onclick: () => choose('') }, tk('allSources'))),
    ...delegations.map(entry))
  return legend
}
