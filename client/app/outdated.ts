/**
 * The notice shown when the server runs another document model than the
 * one this page was built with (see schema/fingerprint.ts): the page stops
 * short of opening documents and asks to be reloaded.
 */
import { h } from './dom.js'
import { t } from './i18n.js'

let shown = false

/** Whether the notice is up (the page then shows nothing else). */
export function outdatedNoticeShown(): boolean { return shown }

/** Shows, once, a notice across the top of the page with a Reload button. */
export function showOutdatedNotice(): void {
  if (shown) return
  shown = true
  document.body.prepend(h('div', { class: 'outdated', role: 'alert', 'data-testid': 'outdated' },
    t('outdated'), ' ', h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, t('reload'))))
}
