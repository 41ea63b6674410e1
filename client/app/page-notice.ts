/**
 * A notice across the top of the page that stops work and offers one way
 * on (reload, discard and reload ...): the page is out of date with the
 * server (outdated.ts), or the server refused a change of this page
 * (editor-page.ts). One at a time: the first shown stays.
 */
import { h } from './dom.js'

let shown: string | null = null

/** The test id of the notice that is up, or null. */
export function pageNoticeShown(): string | null { return shown }

/** Shows, unless one is up already, a notice with `message` (text, or text and elements) and a button `action` that runs `run`. */
export function showPageNotice(testId: string, message: string | (string | HTMLElement)[], action: string, run: () => void): void {
  if (shown) return
  shown = testId
  const button = h('button', { type: 'button', class: 'primary', onclick: () => { button.disabled = true; run() } }, action)
  document.body.prepend(h('div', { class: 'page-notice', role: 'alert', 'data-testid': testId }, ...(typeof message === 'string' ? [message] : message), ' ', button))
}
