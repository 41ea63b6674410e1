/**
 * The document list: title, language, kind, base version (marked when it
 * is no longer the version in force), and the last change with the
 * delegation that made it, a proposal's invited co-sponsors (a drafter of
 * one answers there); a filter box narrows it by
 * every word typed (title, resolution, delegation, kind, language). While
 * the server cannot be reached, the list is the documents this browser
 * keeps a copy of for the user, each marked as such (they open from it).
 */
import { answerInvitation, listDocuments, serverOutOfReach, type DocumentMeta, type User } from '../app/api.js'
import { keptDocuments } from '../app/remembered-details.js'
import { h } from '../app/dom.js'
import { tk } from '../app/i18n-committee.js'
import { t, uiLang } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'
import { go, routeHash } from '../app/router.js'
import { importResolutionDialog } from './import-dialog.js'
import { cosponsorsSheet } from './cosponsors-sheet.js'
import { newProposalDialog } from './proposal-dialog.js'
import { readProposalDialog } from './read-docx-dialog.js'
import { languageInfo, isLanguage } from '../../schema/index.js'
import { canInviteCosponsors } from '../../protocol/permissions.js'
import { topBar } from './shell.js'
import { errorText } from '../app/i18n-errors.js'
import { formatWhen } from '../app/i18n-dates.js'

/** Text compared for filtering: lower case, compatibility forms folded, Arabic tatweel dropped. */
const folded = (text: string) => text.normalize('NFKC').replace(/\u0640/g, '').toLowerCase()

/**
 * A proposal's invited co-sponsors under its title and, for a drafter of one
 * of them, the buttons that answer (the list is read again after).
 */
function invitation(doc: DocumentMeta, user: User, reload: () => void): HTMLElement | null {
  if (doc.invitedCosponsors.length === 0) return null
  const mine = user.role === 'drafter' && doc.invitedCosponsors.includes(user.delegation)
  const status = h('span', { class: 'muted', role: 'status' })
  const answer = (agree: boolean) => async () => {
    try { await answerInvitation(doc.id, agree); reload() } catch (e) { status.textContent = `${t('error')}: ${errorText(e)}` }
  }
  return h('div', { class: 'invitation', 'data-testid': 'invitation' },
    h('span', { class: 'muted' }, tc('invitedCosponsors'), ' ', h('bdi', {}, doc.invitedCosponsors.join(tc('listComma')))),
    mine ? h('div', {}, tc('invitationForYou'), ' ',
      h('button', { type: 'button', class: 'quiet', 'data-testid': 'agree-cosponsor', onclick: answer(true) }, tc('agreeCosponsor')), ' ',
      h('button', { type: 'button', class: 'quiet', 'data-testid': 'decline-cosponsor', onclick: answer(false) }, tc('declineCosponsor')), ' ', status) : null)
}

/**
 * A document's row; `offline`: the list is this browser's copies (the server
 * out of reach), marked so, with no action that needs the server.
 */
function row(doc: DocumentMeta, all: DocumentMeta[], propose: ((id: string) => void) | null, user: User, reload: () => void, offline = false): HTMLElement {
  const lang = isLanguage(doc.lang) ? languageInfo(doc.lang) : null
  // (offline, a base this browser keeps no copy of has no title to show)
  const base = doc.baseDocumentId ? all.find(d => d.id === doc.baseDocumentId)?.title ?? (offline ? null : doc.baseDocumentId) : null
  // a text drafted on an older version than its resolution's version in force (after an adoption) is marked
  const older = doc.onOlderBase ? h('span', { class: 'badge-older', title: tc('olderBaseTip'), 'data-testid': 'older-base-badge' }, tc('olderBaseBadge')) : null
  // what the filter box searches: the title, the resolution it is on, its delegations, kind and language, the mark
  const searched = folded([doc.title, base ?? '', doc.delegations.join(' '), doc.kind, lang?.name ?? doc.lang, lang?.code ?? '', older ? tc('olderBaseBadge') : ''].join(' '))
  return h('tr', { 'data-testid': 'doc-row', 'data-id': doc.id, 'data-search': searched },
    h('td', {}, h('a', { href: routeHash({ page: 'editor', id: doc.id }), dir: 'auto', class: 'doc-title' }, doc.title),
      offline ? h('span', { class: 'badge-offline', title: t('offlineCopyTip'), 'data-testid': 'offline-copy' }, t('offlineCopy')) : invitation(doc, user, reload)),
    h('td', {}, lang?.name ?? doc.lang),
    h('td', {}, doc.kind === 'proposal' ? t('proposal') : doc.kind === 'committee-draft' ? tk('committeeDraft') : t('resolution')),
    // an assembly lists hundreds: the resolution's title in two lines at most (whole on hover), the time on one and who on the next
    // (the clamped box keeps the column's side; the title inside keeps its own direction)
    h('td', {}, h('div', { class: 'list-base', title: base ?? '' }, h('span', { dir: 'auto' }, base ?? (doc.baseVersionId && !offline ? doc.baseVersionId : t('none')))), older),
    h('td', {}, h('span', { class: 'list-when' }, formatWhen(doc.updatedAt, uiLang())),
      doc.updatedBy ? h('div', { class: 'muted small list-who' }, `${t('by')} `, h('bdi', {}, `${doc.updatedBy.name} (${doc.updatedBy.delegation})`)) : null),
    offline ? h('td', {}) : h('td', { class: 'row-actions' },
      doc.baseVersionId ? h('a', { href: routeHash({ page: 'compare', old: `v:${doc.baseVersionId}`, new: `d:${doc.id}` }) }, t('compare')) : null,
      propose && doc.kind === 'resolution' ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'row-new-proposal', onclick: () => propose(doc.id) }, tc('newProposal')) : null,
      canInviteCosponsors(user, doc) ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'row-cosponsors', onclick: () => cosponsorsSheet(doc, user, reload) }, tc('cosponsorsButton')) : null))
}

/** Renders the list of documents the user may open, with the actions the user's role allows. */
export async function documentsPage(root: HTMLElement, user: User): Promise<void> {
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 6 }, t('loading'))))
  let docs: DocumentMeta[] = []
  const reload = () => { void documentsPage(root, user) }
  const canPropose = user.role === 'drafter' || user.role === 'secretariat'
  const propose = canPropose ? (id: string | null) => newProposalDialog(user, docs, id, pid => go({ page: 'editor', id: pid })) : null
  const isSecretariat = user.role === 'secretariat'
  const actions = h('div', { class: 'list-actions' },
    propose ? h('button', { type: 'button', class: 'primary', 'data-testid': 'new-proposal', onclick: () => propose(null) }, tc('newProposal')) : null,
    isSecretariat ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'import-text', onclick: () => importResolutionDialog(reload) }, tc('importText')) : null,
    isSecretariat ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'read-docx', onclick: () => readProposalDialog(docs, reload) }, tc('readDocx')) : null)
  // an assembly has hundreds of documents: a filter on every word typed
  const filter = h('input', { type: 'search', class: 'list-filter', 'data-testid': 'doc-filter', placeholder: t('filterDocuments'), 'aria-label': t('filterDocuments'), dir: 'auto' }) as HTMLInputElement
  const shown = h('span', { class: 'muted list-count', 'data-testid': 'doc-count' })
  const applyFilter = () => {
    const words = folded(filter.value).split(/\s+/).filter(Boolean)
    const rows = [...body.querySelectorAll<HTMLElement>('tr[data-testid=doc-row]')]
    let visible = 0
    for (const r of rows) {
      const hit = words.every(w => r.dataset.search!.includes(w))
      r.hidden = !hit
      if (hit) visible++
    }
    shown.textContent = words.length === 0 ? '' : visible === 0 ? t('noMatch') : `${visible} ${t('shownOf')} ${rows.length}`
  }
  filter.addEventListener('input', applyFilter)
  root.replaceChildren(
    topBar(user, h('a', { href: routeHash({ page: 'compare', old: null, new: null }) }, t('compareTitle')), ' ', h('a', { href: routeHash({ page: 'compile', base: null, proposals: [] }), 'data-testid': 'compile-link' }, t('compileTitle'))),
    h('main', { class: 'list' },
      h('div', { class: 'list-head' }, h('h1', {}, t('documents')), filter, shown, actions),
      h('table', { class: 'documents' },
        h('thead', {}, h('tr', {}, ...[t('title'), t('language'), t('kind'), t('base'), t('lastChange'), ''].map(c => h('th', {}, c)))),
        body)))
  try {
    docs = await listDocuments()
    body.replaceChildren(...docs.map(d => row(d, docs, propose, user, reload)))
    applyFilter()
  } catch (e) {
    const kept = serverOutOfReach(e) ? await keptDocuments(user.id) : []
    if (kept.length === 0) { body.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'error' }, `${t('error')}: ${errorText(e)}`))); return }
    docs = kept
    actions.replaceChildren()   // (new proposals, imports: the server's to make)
    body.replaceChildren(...kept.map(d => row(d, kept, null, user, reload, true)))
    body.parentElement?.prepend(h('caption', { class: 'muted offline-list', 'data-testid': 'offline-list' }, `${errorText(e)} ${t('offlineList')}`))
    applyFilter()
  }
}
