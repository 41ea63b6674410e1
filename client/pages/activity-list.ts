/**
 * The bracket operations of a committee draft, in the history panel: who
 * (name and delegation) did what (bracketed, added, dropped, agreed; and who
 * started the draft) and when, newest first (GET /api/documents/:id/activity).
 */
import { getActivity, type ActivityEntry } from '../app/committee-api.js'
import { draftStartParts, operationParts } from '../app/committee-records.js'
import { h } from '../app/dom.js'
import { tk, type CommitteeKey } from '../app/i18n-committee.js'
import { when } from './history-panel.js'
import { errorText } from '../app/i18n-errors.js'
import { DEFAULT_AUDIT_PAGE } from '../../protocol/api.js'

/** The operations listed (server/collab/brackets.ts `BracketAction`, and the draft's start), with their words. */
const OPS: Record<string, CommitteeKey> = {
  'create-committee-draft': 'opCreate', 'bracket-create': 'opBracket', 'bracket-add-option': 'opAddOption',
  'bracket-drop-option': 'opDropOption', 'bracket-agree': 'opAgree'
}

/** The words for an operation (its own name when unknown). */
export function operationWords(op: string): string {
  const key = OPS[op]
  return key ? tk(key) : op
}

/** A committee draft's start in the interface's words: from which delegations' proposals, on which text in force. */
function draftStart(text: string): HTMLElement | null {
  const start = draftStartParts(text)
  if (!start) return null
  const sources = start.sources.flatMap((s, i) => [...(i ? [tk('listSeparator')] : []), h('bdi', {}, s)])
  return h('div', { class: 'detail' }, `${tk('draftFrom')} `, ...sources, ` ${tk('draftOn')} ${tk('quoteOpen')}`, h('bdi', {}, start.base), tk('quoteClose'),
    start.version ? h('span', {}, ' (', h('bdi', {}, start.version), ')') : null)
}

/** An operation's option as the page shows it, `[text] [APT]`; a draft's start in the interface's words; another detail as it is. */
function detail(text: string): HTMLElement | null {
  if (!text) return null
  const start = draftStart(text)
  if (start) return start
  const parts = operationParts(text)
  if (!parts) return h('div', { class: 'detail', dir: 'auto' }, text)
  // on a line of its own, in the option's own direction: `[text] [APT]` reads as on the page
  return h('div', { class: 'detail', dir: 'auto' }, `[${parts.text}]`, parts.sources ? h('span', {}, ' ', h('bdi', { class: 'bracket-sources', dir: 'ltr' }, `[${parts.sources}]`)) : null)
}

function item(e: ActivityEntry): HTMLElement {
  return h('li', { 'data-testid': 'activity-item', 'data-op': e.op, 'data-delegation': e.delegation },
    h('div', {}, h('bdi', { class: 'who' }, e.delegation ? `${e.who} (${e.delegation})` : e.who), ' ', h('span', { class: 'op' }, operationWords(e.op))),
    detail(e.detail),
    h('div', { class: 'meta' }, when(e.at)))
}

/**
 * The list and its refresh. The server answers a page at a time (the newest
 * first): a full page ends with a button that brings the page before it.
 */
export function activityList(documentId: string): { element: HTMLElement; refresh(): Promise<void> } {
  const list = h('ol', { class: 'activity', 'data-testid': 'activity-list' })
  const element = h('section', { class: 'activity-section' }, h('h2', {}, tk('activity')), list)
  // bracket operations only: the versions have their own list below
  const shown = (page: readonly ActivityEntry[]) => [...page].filter(e => e.op in OPS).reverse().map(item)
  const earlier = (page: readonly ActivityEntry[]): HTMLElement | null => {
    const first = page[0]?.seq
    if (page.length < DEFAULT_AUDIT_PAGE || first === undefined) return null
    const button = h('button', { type: 'button', class: 'quiet', 'data-testid': 'activity-earlier' }, tk('earlierActivity'))
    const row = h('li', { class: 'more' }, button)
    button.addEventListener('click', () => {
      button.disabled = true
      getActivity(documentId, first).then(older => row.replaceWith(...shown(older), ...[earlier(older)].filter(e => e !== null)))
        .catch((e: unknown) => row.replaceWith(h('li', { class: 'error' }, errorText(e))))
    })
    return row
  }
  return {
    element,
    async refresh() {
      try {
        const page = await getActivity(documentId)
        const rows = shown(page)
        const more = earlier(page)
        list.replaceChildren(...(rows.length || more ? [...rows, ...(more ? [more] : [])] : [h('li', { class: 'muted' }, tk('noActivity'))]))
      } catch (e) { list.replaceChildren(h('li', { class: 'error' }, errorText(e))) }
    }
  }
}
