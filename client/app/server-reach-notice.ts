/**
 * A calm notice across the top of the page while the app runs without the
 * server's word on who is signed in (a page loaded while the server could
 * not be reached, session-start.ts): the server cannot be reached, the work
 * goes on in this browser, the session is checked once it can be. Unlike a
 * page notice (page-notice.ts) it stops nothing and asks nothing.
 */
import { h } from './dom.js'
import { onUiLangChange, t } from './i18n.js'

/** Shows the notice; returns the function that takes it away. */
export function showServerUnreachable(): () => void {
  const notice = h('div', { class: 'reach-notice', role: 'status', 'data-testid': 'server-unreachable' }, t('serverUnreachable'))
  const stopFollowingLanguage = onUiLangChange(() => { notice.textContent = t('serverUnreachable') })
  document.body.prepend(notice)
  return () => { stopFollowingLanguage(); notice.remove() }
}
