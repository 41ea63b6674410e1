/**
 * The find / replace bar under the toolbar (Ctrl-F finds, Ctrl-H replaces):
 * Enter goes to the next match, Shift-Enter to the previous one, Escape
 * closes the bar and gives the page its focus back. Read-only documents
 * get find only.
 */
import type { EditorView } from 'prosemirror-view'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { findKey, matchesInHeadings, moveMatch, replaceAll, replaceCurrent, setSearch } from '../editor/find-replace.js'

/** The bar and how to open it. */
export interface FindBar {
  element: HTMLElement
  open(replace: boolean): void
  close(): void
  /** Updates the match count after a change of the document. */
  refresh(): void
}

/** Builds the find bar for a view. */
export function findBar(getView: () => EditorView | null, canReplace: boolean, docDir: string): FindBar {
  const query = h('input', { type: 'text', dir: docDir, 'aria-label': tc('find'), placeholder: tc('find'), 'data-testid': 'find-input' })
  const replacement = h('input', { type: 'text', dir: docDir, 'aria-label': tc('replaceWith'), placeholder: tc('replaceWith'), 'data-testid': 'replace-input' })
  const matchCase = h('input', { type: 'checkbox', 'data-testid': 'find-case' })
  const count = h('span', { class: 'count', role: 'status', 'aria-live': 'polite', 'data-testid': 'find-count' })
  const withView = (f: (v: EditorView) => void) => () => { const v = getView(); if (v) f(v) }
  const search = withView(v => v.dispatch(setSearch(v.state.tr, query.value, matchCase.checked)))
  const next = withView(v => moveMatch(v.state, v.dispatch, 1))
  const prev = withView(v => moveMatch(v.state, v.dispatch, -1))
  const replaceRow = h('span', { class: 'replace-row' }, replacement,
    h('button', { type: 'button', class: 'quiet', 'data-testid': 'replace-one', onclick: withView(v => { replaceCurrent(v.state, v.dispatch, replacement.value) }) }, tc('replace')),
    h('button', { type: 'button', class: 'quiet', 'data-testid': 'replace-all', onclick: withView(v => { replaceAll(v.state, v.dispatch, replacement.value) }) }, tc('replaceAll')))
  const element = h('div', { class: 'find-bar', role: 'search', hidden: true, 'data-testid': 'find-bar' },
    query,
    h('button', { type: 'button', class: 'quiet', title: `${tc('findPrev')} (Shift-Enter)`, 'aria-label': tc('findPrev'), onclick: prev }, '↑'),
    h('button', { type: 'button', class: 'quiet', title: `${tc('findNext')} (Enter)`, 'aria-label': tc('findNext'), 'data-testid': 'find-next', onclick: next }, '↓'),
    count,
    h('label', { class: 'toggle' }, matchCase, ` ${tc('matchCase')}`),
    canReplace ? replaceRow : null,
    h('button', { type: 'button', class: 'quiet', 'aria-label': tc('close'), title: `${tc('close')} (Esc)`, onclick: () => close() }, '×'))
  const refresh = () => {
    const v = getView()
    const s = v ? findKey.getState(v.state) : null
    if (!s || !s.query) { count.textContent = ''; return }
    const inHeadings = canReplace ? matchesInHeadings(v!.state) : 0
    count.textContent = (s.matches.length ? `${s.current + 1} ${tc('of')} ${s.matches.length}` : tc('noMatches')) + (inHeadings ? ` (${inHeadings} ${tc('inHeadings')})` : '')
  }
  const close = () => {
    element.hidden = true
    const v = getView()
    if (v) { v.dispatch(setSearch(v.state.tr, '', false)); v.focus() }
    refresh()
  }
  query.addEventListener('input', () => { search(); refresh() })
  matchCase.addEventListener('change', () => { search(); refresh() })
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); close() }
    else if (e.key === 'Enter' && e.target === query) { e.preventDefault(); if (e.shiftKey) prev(); else next(); refresh() }
    else if (e.key === 'Enter' && e.target === replacement) { e.preventDefault(); withView(v => { replaceCurrent(v.state, v.dispatch, replacement.value) })(); refresh() }
  }
  element.addEventListener('keydown', keys)
  return {
    element, close, refresh,
    open(replace) {
      element.hidden = false
      const v = getView()
      const selected = v && !v.state.selection.empty ? v.state.doc.textBetween(v.state.selection.from, v.state.selection.to, ' ') : ''
      if (selected && selected.length < 200) query.value = selected
      search()
      refresh()
      if (replace && canReplace) { replacement.focus(); replacement.select() } else { query.focus(); query.select() }
    }
  }
}
