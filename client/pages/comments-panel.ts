/**
 * The comments panel beside the page: comments on provisions (or a quoted
 * selection), replies, resolve; kept live from the shared Y.Array.
 */
import type { EditorView } from 'prosemirror-view'
import type * as Y from 'yjs'
import type { User } from '../app/api.js'
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'
import { unitAt } from '../editor/commands.js'
import { setCommentMarks } from '../editor/comment-marks.js'
import { addComment, readComments, replyTo, setResolved, type Comment } from '../editor/comments.js'

/** Where a new comment will be anchored: the provision (item or section) at the selection, and the quoted text. */
export function commentAnchor(view: EditorView): Comment['anchor'] | null {
  const { $from, from, to } = view.state.selection
  const unit = unitAt($from, ['provision', 'item', 'preambularSection', 'operativeSection', 'part', 'annex'])
  if (!unit) return null
  const quote = from < to ? view.state.doc.textBetween(from, to, ' ').slice(0, 300) : undefined
  return quote ? { provisionId: unit.node.attrs.id, quote } : { provisionId: unit.node.attrs.id }
}

function labelOf(view: EditorView, id: string): string {
  const el = view.dom.querySelector(`[data-id="${CSS.escape(id)}"] .label`)
  return el?.textContent ?? ''
}

/** Mounts the panel; returns a function that detaches it. */
export function mountCommentsPanel(host: HTMLElement, comments: Y.Array<unknown>, getView: () => EditorView | null, user: User, canWrite: boolean, docDir: string): () => void {
  let showResolved = false
  let focus: string | null = null
  const by = { name: user.name, delegation: user.delegation }

  const focusProvision = (id: string) => {
    const view = getView()
    if (!view) return
    focus = id
    view.dom.querySelector(`[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    syncMarks()
  }
  const syncMarks = () => {
    const view = getView()
    if (!view) return
    const open = new Set(readComments(comments).filter(c => !c.resolved).map(c => c.anchor.provisionId))
    view.dispatch(setCommentMarks(view.state.tr, open, focus))
  }

  const card = (c: Comment) => {
    const replyBox = h('textarea', { rows: 2, placeholder: t('reply'), dir: 'auto', 'data-testid': 'reply-text' })
    const view = getView()
    return h('article', { class: `comment${c.resolved ? ' resolved' : ''}`, 'data-testid': 'comment', 'data-id': c.id },
      h('header', { onclick: () => focusProvision(c.anchor.provisionId) },
        h('strong', {}, c.author), h('span', { class: 'muted' }, ` (${c.delegation}) · ${t('on')} `),
        h('span', { class: 'anchor-label', dir: docDir }, view ? labelOf(view, c.anchor.provisionId) || '¶' : '¶')),
      c.anchor.quote ? h('blockquote', { dir: docDir }, c.anchor.quote) : null,
      h('p', { dir: 'auto' }, c.text),
      ...c.replies.map(r => h('div', { class: 'reply' }, h('strong', {}, r.author), h('span', { class: 'muted' }, ` (${r.delegation})`), h('p', { dir: 'auto' }, r.text))),
      canWrite ? h('div', { class: 'comment-actions' },
        replyBox,
        h('button', { type: 'button', class: 'quiet', 'data-testid': 'reply', onclick: () => { if (replyBox.value.trim()) replyTo(comments, c.id, replyBox.value.trim(), by); else replyBox.focus() } }, t('reply')),
        h('button', { type: 'button', class: 'quiet', 'data-testid': 'resolve', onclick: () => setResolved(comments, c.id, !c.resolved) }, c.resolved ? t('reopen') : t('resolve'))) : null)
  }

  const list = h('div', { class: 'comment-list' })
  const text = h('textarea', { rows: 3, placeholder: t('commentPlaceholder'), dir: 'auto', 'data-testid': 'comment-text' })
  // said when Comment is pressed with no provision chosen in the text: the words stay in the box
  const hint = h('p', { class: 'comment-hint', role: 'status', 'data-testid': 'comment-hint' }, t('commentWhere'))
  const form = canWrite ? h('form', { class: 'new-comment', onsubmit: (e: Event) => {
    e.preventDefault()
    if (!text.value.trim()) { text.focus(); return }
    const view = getView()
    const anchor = view ? commentAnchor(view) : null
    if (!anchor) { if (!hint.isConnected) text.after(hint); return }
    addComment(comments, anchor, text.value.trim(), by)
    text.value = ''
    hint.remove()
  } }, text, h('button', { type: 'submit', class: 'primary', 'data-testid': 'add-comment', onmousedown: (e: Event) => e.preventDefault() }, t('addComment'))) : null
  const toggle = h('label', { class: 'muted small' }, h('input', { type: 'checkbox', onchange: (e: Event) => { showResolved = (e.target as HTMLInputElement).checked; render() } }), ` ${t('showResolved')}`)

  const render = () => {
    const all = readComments(comments).filter(c => showResolved || !c.resolved)
    list.replaceChildren(...(all.length ? all.map(card) : [h('p', { class: 'muted' }, t('noComments'))]))
    syncMarks()
  }
  host.replaceChildren(h('h2', {}, t('comments')), form ?? '', toggle, list)
  render()
  comments.observe(render)
  return () => comments.unobserve(render)
}
