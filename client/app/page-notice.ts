/**
 * A notice across the top of the page that stops work and offers the ways
 * on (reload, discard and reload ...), and what may be done first (save the
 * page's own copy): the page is out of date with the server (outdated.ts),
 * or the server refused a change of this page (editor-page.ts). One at a
 * time: the first shown stays.
 */
import { h } from './dom.js'

let shown: string | null = null

/** The test id of the notice that is up, or null. */
export function pageNoticeShown(): string | null { return shown }

/** A button of a page notice. */
export interface PageNoticeAction {
  /** Its words. */
  label: string
  /** What it does. */
  run: () => void
  /** Its test id. */
  testId?: string
  /** A way on (the primary button, which disables itself once clicked); otherwise it may be used again. */
  wayOn?: boolean
}

/** Shows, unless one is up already, a notice with `message` (text, or text and elements) and its buttons. */
export function showPageNotice(testId: string, message: string | (string | HTMLElement)[], actions: readonly PageNoticeAction[]): void {
  if (shown) return
  shown = testId
  const buttons = actions.map(a => {
    const button: HTMLButtonElement = h('button', {
      type: 'button', class: a.wayOn ? 'primary' : 'quiet', 'data-testid': a.testId ?? null,
      onclick: () => { if (a.wayOn) button.disabled = true; a.run() }
    }, a.label)
    return button
  })
  document.body.prepend(h('div', { class: 'page-notice', role: 'alert', 'data-testid': testId }, ...(typeof message === 'string' ? [message] : message), ' ', ...buttons))
}
