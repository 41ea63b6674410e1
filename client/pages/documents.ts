/**
 * The document list: title, language, kind, base version, and the last
 * change with the delegation that made it.
 */
import { listDocuments, type DocumentMeta, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { t, uiLang } from '../app/i18n.js'
import { routeHash } from '../app/router.js'
import { languageInfo, isLanguage } from '../../schema/index.js'
import { topBar } from './shell.js'

function when(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(uiLang() === 'ar' ? 'ar' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}

function row(doc: DocumentMeta, all: DocumentMeta[]): HTMLElement {
  const lang = isLanguage(doc.lang) ? languageInfo(doc.lang) : null
  const base = doc.baseDocumentId ? all.find(d => d.id === doc.baseDocumentId)?.title ?? doc.baseDocumentId : null
  return h('tr', { 'data-testid': 'doc-row', 'data-id': doc.id },
    h('td', {}, h('a', { href: routeHash({ page: 'editor', id: doc.id }), dir: 'auto', class: 'doc-title' }, doc.title)),
    h('td', {}, lang?.name ?? doc.lang),
    h('td', {}, doc.kind === 'proposal' ? t('proposal') : t('resolution')),
    h('td', { dir: 'auto' }, base ?? (doc.baseVersionId ? doc.baseVersionId : t('none'))),
    h('td', {}, when(doc.updatedAt), doc.updatedBy ? h('span', { class: 'muted' }, ` ${t('by')} `, h('bdi', {}, `${doc.updatedBy.name} (${doc.updatedBy.delegation})`)) : null),
    h('td', {}, doc.baseVersionId ? h('a', { href: routeHash({ page: 'compare', old: `v:${doc.baseVersionId}`, new: `d:${doc.id}` }) }, t('compare')) : null))
}

/** Renders the list of documents the user may open. */
export async function documentsPage(root: HTMLElement, user: User): Promise<void> {
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 6 }, t('loading'))))
  root.replaceChildren(
    topBar(user, h('a', { href: routeHash({ page: 'compare', old: null, new: null }) }, t('compareTitle')), ' ', h('a', { href: routeHash({ page: 'compile', base: null, proposals: [] }), 'data-testid': 'compile-link' }, t('compileTitle'))),
    h('main', { class: 'list' },
      h('h1', {}, t('documents')),
      h('table', { class: 'documents' },
        h('thead', {}, h('tr', {}, ...[t('title'), t('language'), t('kind'), t('base'), t('lastChange'), ''].map(c => h('th', {}, c)))),
        body)))
  try {
    const docs = await listDocuments()
    body.replaceChildren(...docs.map(d => row(d, docs)))
  } catch (e) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'error' }, `${t('error')}: ${(e as Error).message}`)))
  }
}
