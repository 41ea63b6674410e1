/**
 * The editor page: the document as a page in the middle, the tools around it
 * (toolbar above; connection status, who is here, the amendment toggle in
 * the top bar; changes and comments beside it; footnotes under it).
 */
import type { EditorView } from 'prosemirror-view'
import { exportUrl, getVersion, saveVersion, type DocumentWithJSON, type User } from '../app/api.js'
import { documentDetails } from '../app/remembered-details.js'
import { trackHeight } from '../app/sticky-heights.js'
import { h } from '../app/dom.js'
import { exportFileName, type ExportFormat } from '../app/export-name.js'
import { fetchFile, saveFile } from '../app/download.js'
import { saveLocalCopy } from '../app/local-copy.js'
import { t, uiLang } from '../app/i18n.js'
import { exportFormatName } from '../app/i18n-formats.js'
import { showPageNotice } from '../app/page-notice.js'
import { routeHash } from '../app/router.js'
import { directionOf, isLanguage, resolutionFromJSON, resolutionSchema, type Language } from '../../schema/index.js'
import { amendmentKey, setAmendmentView, type AmendmentState } from '../editor/amendment.js'
import { openCollab, type CollabSession, type ConnectionStatus } from '../editor/collab.js'
import { setFootnoteText } from '../editor/commands.js'
import { createEditor } from '../editor/create-editor.js'
import { liveComparer } from '../editor/diff-engine.js'
import { mountPresenceList, presenceOf } from '../editor/presence.js'
import { renderChangesPanel } from './changes-panel.js'
import { mountCommentsPanel } from './comments-panel.js'
import { olderBaseNote } from './older-base.js'
import { unkeyedCopyNote } from './unkeyed-copy-note.js'
import { ask, notifyError } from './dialogs.js'
import { canExport } from '../../protocol/permissions.js'
import { dialogCommands, proposalSettingsButton, toolbar } from './toolbar.js'
import { topBar } from './shell.js'
import { tc } from '../app/i18n-cycle.js'
import { exportDialog } from './export-dialog.js'
import { findBar } from './find-bar.js'
import { historyPanel } from './history-panel.js'
import { showShortcuts, typedInText } from './shortcuts-help.js'
import { announceChanges } from './announce.js'
import { bracketButtons, bracketKeys, mountBracketMenu } from './bracket-tools.js'
import { showDisposition } from './disposition-sheet.js'
import { tk } from '../app/i18n-committee.js'
import { attributedComparer } from '../editor/attributed-comparer.js'
import { attributeRevision } from '../../protocol/attribution.js'
import { errorText, refusalText } from '../app/i18n-errors.js'
import { adoptButton } from './adopt-button.js'

/** The open editor (for tests and benchmarks: `window.resdraft`). */
export interface OpenEditor {
  view: EditorView
  session: CollabSession
  meta: DocumentWithJSON
  /** The amendment view's state (timings, changes), for tests and benchmarks. */
  amendment: () => AmendmentState | null
}

/** The footnotes under the page; with `editable`, each can be edited (emptied to remove it). */
function renderFootnotes(host: HTMLElement, view: EditorView, editable: boolean, dir: string): void {
  const notes: { id: string; text: string }[] = []
  view.state.doc.descendants(n => { if (n.type.name === 'footnote') notes.push({ id: String(n.attrs.id), text: n.textContent }); return true })
  const signature = JSON.stringify([notes, t('footnotes'), editable])
  if (host.dataset.signature === signature) return
  host.dataset.signature = signature
  host.hidden = notes.length === 0
  const edit = async (note: { id: string; text: string }, index: number) => {
    const text = await ask(t('footnoteText'), dir, note.text)
    if (text === null) return
    setFootnoteText(note.id, index, text)(view.state, view.dispatch)
    view.focus()
  }
  host.replaceChildren(h('h3', {}, t('footnotes')), h('ol', {}, ...notes.map((n, i) => h('li', { 'data-testid': 'footnote-item' },
    n.text,
    editable ? h('button', { type: 'button', class: 'quiet', title: t('editFootnote'), 'data-testid': 'edit-footnote', onclick: () => { void edit(n, i) } }, t('edit')) : null))))
}

interface ReadingAnchor { id: string; top: number }

/** The first provision or item that starts below the tools at the top of the window, and where it stands. */
function readingAnchor(host: HTMLElement): ReadingAnchor | null {
  const below = document.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0
  for (const el of host.querySelectorAll<HTMLElement>('.provision[data-id], .item[data-id]')) {
    if (el.closest('.amend-suppressed')) continue // a struck copy (moved away, suppressed), drawn by the amendment view
    const top = el.getBoundingClientRect().top
    if (top >= below) return top < window.innerHeight ? { id: el.dataset.id!, top } : null
  }
  return null
}

/**
 * Scrolls the window so that the anchor stands where it stood, now and after
 * the next layouts (sections out of view are laid out as they come near), as
 * long as `current()` still gives it (the reader has not scrolled meanwhile).
 */
function restoreAnchor(host: HTMLElement, anchor: ReadingAnchor, current: () => ReadingAnchor | null = () => anchor): void {
  const fix = () => {
    if (current() !== anchor) return
    const el = [...host.querySelectorAll<HTMLElement>(`[data-id="${CSS.escape(anchor.id)}"]`)].find(e => !e.closest('.amend-suppressed'))
    if (!el) return
    const delta = el.getBoundingClientRect().top - anchor.top
    if (Math.abs(delta) >= 1) window.scrollBy(0, delta)
  }
  fix()
  requestAnimationFrame(() => { fix(); requestAnimationFrame(fix) })
  for (const ms of [150, 400, 900]) setTimeout(fix, ms)
}

/** A sentence with `{reason}` in it: the kind of refusal in the interface's language (when known), then the server's own reason in a <bdi>. */
function withReason(sentence: string, kind: string | null, reason: string): (string | HTMLElement)[] {
  const [before, after] = sentence.split('{reason}')
  return [before ?? '', kind ? `${kind}: ` : '', h('bdi', {}, reason), after ?? '']
}

/** Opens a document for editing; returns a function that closes it. */
export async function editorPage(root: HTMLElement, user: User, id: string): Promise<() => void> {
  root.replaceChildren(topBar(user), h('main', { class: 'centre' }, t('loading')))
  // offline, a document this browser keeps a copy of opens from it, with the details remembered from the last visit
  const meta = await documentDetails(user.id, id)
  const lang: Language = isLanguage(meta.lang) ? meta.lang : 'en'
  const dir = directionOf(lang)
  /** The document as the page shows it: before the editor is up, as the server gave it (opened offline: a bare resolution). */
  const shownDoc = () => view?.state.doc ?? (meta.json === null ? resolutionSchema.nodes.resolution!.createAndFill({ lang })! : resolutionFromJSON(meta.json))
  // The server's rule: reviewers never write; others write documents of their own delegation.
  const readOnly = user.role === 'reviewer' || !meta.delegations.includes(user.delegation)
  const session = openCollab(id, user.id)
  // the server sets the same from the session (a state claiming anyone else is corrected)
  session.provider.setAwarenessField('user', presenceOf(user))

  let view: EditorView | null = null
  const getView = () => view
  const dialogs = dialogCommands(getView, lang)

  const status = h('span', { class: 'status', 'data-testid': 'status', 'data-status': session.status() }, t(session.status()))
  const showStatus = (s: ConnectionStatus) => { status.dataset.status = s; status.textContent = t(s); status.title = s === 'apart' ? t('apartTip') : s === 'unsaved' ? t('unsavedTip') : s === 'offline' ? t('offlineTip') : '' }
  const stopStatus = session.onStatus(showStatus)
  // A refused change: the session has stopped sending; the way on is the saved document, without it.
  // (the server's reason is English: isolated, so that it keeps its own direction inside an Arabic sentence; the kind of refusal comes first, in the interface's language)
  // Nothing is lost: the page's own copy (the refused change in it) can be saved as text first, which the importer reads back.
  const stopRefused = session.onRefused(notice => showPageNotice('refused', withReason(t('refusedChange'), refusalText(notice.code), notice.reason), [
    { label: t('saveLocalCopy'), testId: 'save-local-copy', run: () => { if (view) void saveLocalCopy(view.state.doc, meta.title) } },
    { label: t('discardAndReload'), testId: 'discard-and-reload', wayOn: true, run: () => { void session.discardLocalCopy().finally(() => location.reload()) } }
  ]))
  const presence = h('ul', { class: 'presence', 'data-testid': 'presence', 'aria-label': t('here') })
  const stopPresence = session.provider.awareness ? mountPresenceList(presence, session.provider.awareness) : () => {}

  const isDraft = meta.kind === 'committee-draft'
  const isProposal = (meta.kind === 'proposal' || isDraft) && !!meta.baseVersionId
  let anchor: ReadingAnchor | null = null
  const letGo = () => { anchor = null }
  for (const type of ['wheel', 'keydown', 'touchstart', 'mousedown'] as const) window.addEventListener(type, letGo, { passive: true })
  let base: Awaited<ReturnType<typeof getVersion>> | null = null
  const amendToggle = isProposal ? h('label', { class: 'toggle' },
    h('input', { type: 'checkbox', 'data-testid': 'amend-toggle', onchange: async (e: Event) => {
      const on = (e.target as HTMLInputElement).checked
      if (on && !base) base = await getVersion(meta.baseVersionId!)
      // The marks add and remove text above the reader: keep what they were reading where it was,
      // until the marks are all drawn (they come from a worker) or the reader scrolls.
      anchor = readingAnchor(host)
      view?.dispatch(setAmendmentView(view.state.tr, on))
      if (anchor) restoreAnchor(host, anchor, () => anchor)
    } }), ` ${t('showChanges')}`) : null

  // Only the Secretariat names versions (the server refuses others).
  const versionButton = user.role !== 'secretariat' ? null : h('button', { type: 'button', class: 'quiet', onclick: async () => {
    const name = await ask(t('versionName'))
    if (name) await saveVersion(id, name)
  } }, t('saveVersion'))
  // Export: only for those the server lets export (the same rule); each format saved under its own name; a refusal is shown.
  const exportFile = async (format: ExportFormat) => {
    exportMenu?.removeAttribute('open')
    try { saveFile(await fetchFile(exportUrl(id, format)), exportFileName(shownDoc(), meta.title, format)) }
    catch (e) { notifyError(errorText(e)) }
  }
  // One export control, in the top bar: the Secretariat's opens the export dialog (cover, numbers, reasons,
  // base), everyone else who may export gets the menu of formats.
  const exportMenu = !canExport(user, meta) || user.role === 'secretariat' ? null : h('details', { class: 'export', 'data-testid': 'export-menu' }, h('summary', {}, t('exportAs')),
    h('div', { class: 'menu' }, ...(['docx', 'docx-static', 'html', 'pdf'] as const).map(f =>
      h('button', { type: 'button', class: 'quiet', 'data-testid': `export-${f}`, onclick: () => { void exportFile(f) } }, exportFormatName(f, uiLang())))))
  // Escape closes the open menu, as it closes the dialogs, and leaves the focus on its summary
  exportMenu?.addEventListener('keydown', e => {
    if (e.key !== 'Escape' || !exportMenu.open) return
    e.preventDefault()
    exportMenu.open = false
    exportMenu.querySelector('summary')?.focus()
  })

  // The cycle's tools: history, find/replace, shortcut help.
  const history = historyPanel(id, !readOnly, isDraft)
  const historyButton = h('button', { type: 'button', class: 'tool', 'data-testid': 'history-toggle', 'aria-expanded': 'false', onclick: () => { history.toggle(); historyButton.setAttribute('aria-expanded', String(!history.element.hidden)) } }, tc('history'))
  const exportDialogButton = user.role === 'secretariat' && canExport(user, meta)
    ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'export-dialog-open', onclick: () => exportDialog(meta, shownDoc()) }, tc('exportDialog'))
    : null
  const helpButton = h('button', { type: 'button', class: 'tool', 'aria-label': tc('shortcuts'), title: tc('shortcutsButton'), 'data-testid': 'shortcuts-open', onclick: () => showShortcuts() }, '?')
  const find = findBar(getView, !readOnly, dir)
  const findButton = h('button', { type: 'button', class: 'tool', title: `${tc('find')} (Ctrl-F)`, 'aria-keyshortcuts': 'Control+F', 'data-testid': 'find-open', onmousedown: (e: Event) => e.preventDefault(), onclick: () => find.open(false) }, tc('find'))
  // The page's tools sit at the end of the toolbar row, not in the top bar: find, history, help.
  const tools = readOnly ? null : toolbar(getView, dialogs)
  const toolRow = tools?.element ?? h('div', { class: 'toolbar placeholder', role: 'toolbar', 'aria-label': tc('toolbarLabel') })
  trackHeight(toolRow, '--toolbar-height')
  // A committee draft: bracket and add options in the toolbar (the rest from the menu beside an option); "nothing forgotten".
  if (isDraft && !readOnly) toolRow.append(...bracketButtons(getView, user, dir))
  const dispositionButton = isDraft ? h('button', { type: 'button', class: 'tool', 'data-testid': 'disposition-open', onclick: () => { void showDisposition(id, dir, user.role === 'secretariat') } }, tk('nothingForgotten')) : null
  // Writers change a proposal's MOD line through its settings (the line itself takes no typing).
  const settings = readOnly ? null : proposalSettingsButton(getView)
  toolRow.append(h('div', { class: 'page-tools' }, settings?.element ?? '', findButton, historyButton, dispositionButton ?? '', helpButton))
  const announcer = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'data-testid': 'announcer' })
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey
    if (mod && !e.altKey && (e.key === 'f' || e.key === 'F')) { e.preventDefault(); find.open(false) }
    else if (mod && !e.altKey && (e.key === 'h' || e.key === 'H')) { e.preventDefault(); find.open(true) }
    else if (mod && e.key === '/') { e.preventDefault(); showShortcuts() }
    else if (e.key === '?' && !mod && !typedInText(e)) { e.preventDefault(); showShortcuts() }
  }
  window.addEventListener('keydown', onKey)

  const host = h('div', { class: 'page', 'data-testid': 'page' })
  const footnotes = h('section', { class: 'footnotes page-foot', lang, dir })
  const changes = h('aside', { class: 'panel changes-panel', hidden: true, 'data-testid': 'changes-panel', 'aria-label': tc('changesLabel') })
  const commentsHost = h('aside', { class: 'panel comments-panel', 'data-testid': 'comments-panel' })
  root.replaceChildren(
    topBar(user,
      h('a', { href: routeHash({ page: 'documents' }), class: 'back' }, `‹ ${t('back')}`),
      h('span', { class: 'doc-name', lang, dir: 'auto' }, meta.title),
      status, readOnly ? h('span', { class: 'badge-ro', 'data-testid': 'read-only' }, t('readOnly')) : null,
      presence, amendToggle ?? '', versionButton ?? '', adoptButton(meta, user, shownDoc) ?? '', exportMenu ?? exportDialogButton ?? ''),
    toolRow,
    find.element, announcer,
    h('main', { class: 'workspace' },
      h('div', { class: 'sheet-column' }, olderBaseNote(meta), unkeyedCopyNote(session, id, user.delegation, meta.title, lang), host, footnotes),
      h('div', { class: 'side' }, history.element, changes, commentsHost)))

  await session.ready
  // The panels beside and under the page follow the text a little later, when typing pauses.
  let timer = 0
  view = createEditor(host, {
    fragment: session.fragment,
    awareness: session.provider.awareness,
    lang, readOnly, dialogs, label: tc('editorLabel'),
    placeholders: { resolutionTitle: t('placeholderTitle'), historyLine: t('placeholderHistory'), assemblyFormula: t('placeholderFormula') },
    referenceWords: { brokenHint: t('referenceBroken') },
    onPasteTooLarge: characters => notifyError(t('pasteTooLarge').replace('{n}', String(characters))),
    ...(isDraft && !readOnly ? { keys: bracketKeys(getView, user, dir) } : {}),
    // in a committee draft each change carries its sources (from the document's attribution)
    makeComparer: () => base ? (isDraft ? attributedComparer(liveComparer(resolutionFromJSON(base.json)), revision => attributeRevision(session.ydoc, revision)) : liveComparer(resolutionFromJSON(base.json))) : null,
    onChange: v => {
      if (anchor) {
        const a = amendmentKey.getState(v.state)
        if (!a?.active || (!a.pending && !a.warming)) {
          // Drawn: keep it in place a little longer (the layout settles), then let go.
          const last = anchor
          restoreAnchor(host, last, () => anchor)
          setTimeout(() => { if (anchor === last) anchor = null }, 1000)
        } else restoreAnchor(host, anchor, () => anchor)
      }
      clearTimeout(timer)
      find.refresh()
      settings?.refresh()
      tools?.refresh()
      timer = window.setTimeout(() => { renderFootnotes(footnotes, v, !readOnly, dir); renderChangesPanel(changes, v, !readOnly, dir); announceChanges(announcer, v) }, 250)
    }
  })
  renderFootnotes(footnotes, view, !readOnly, dir)
  settings?.refresh()
  tools?.refresh()
  const stopMenu = isDraft ? mountBracketMenu(view, user, dir, !readOnly) : () => {}
  const stopComments = mountCommentsPanel(commentsHost, session.comments, getView, user, !readOnly || user.role === 'reviewer', dir)
  host.dataset.ready = 'true'
  ;(window as unknown as { resdraft?: OpenEditor }).resdraft = { view, session, meta, amendment: () => amendmentKey.getState(view!.state) ?? null }

  return () => {
    for (const type of ['wheel', 'keydown', 'touchstart', 'mousedown'] as const) window.removeEventListener(type, letGo)
    stopStatus(); stopRefused(); stopPresence(); stopComments(); stopMenu()
    window.removeEventListener('keydown', onKey)
    view?.destroy()
    session.destroy()
  }
}
