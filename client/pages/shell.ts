/**
 * The frame around every page: a quiet bar with the app name, the page's own
 * tools, the interface language switch and the signed-in user.
 */
import { logout, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { setUiLang, t, uiLang } from '../app/i18n.js'
import { go } from '../app/router.js'
import { trackHeight } from '../app/sticky-heights.js'

/**
 * The first stop of the keyboard on every page: past the bar and the tools,
 * into the content (the document's text where there is one, else the page's
 * main part). Shown only when it has focus.
 */
function skipToContent(): void {
  const target = document.querySelector<HTMLElement>('main .ProseMirror') ?? document.querySelector<HTMLElement>('main')
  if (!target) return
  // the text of a read-only document, or the page's main part, takes focus without being in the tab order
  if (!target.isContentEditable && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus()
}

/** Builds the top bar (a skip link first); `middle` holds page-specific content. */
export function topBar(user: User | null, ...middle: (Node | string | null)[]): HTMLElement {
  const langSwitch = h('button', {
    class: 'lang-switch', type: 'button', 'data-testid': 'ui-lang',
    title: uiLang() === 'ar' ? 'English' : 'العربية',
    onclick: () => setUiLang(uiLang() === 'ar' ? 'en' : 'ar')
  }, uiLang() === 'ar' ? 'English' : 'العربية')
  const bar = h('header', { class: 'topbar' },
    h('button', { class: 'skip-link', type: 'button', 'data-testid': 'skip-link', onclick: skipToContent }, t('skipToContent')),
    h('a', { class: 'brand', href: '#/' }, t('appName')),
    h('div', { class: 'topbar-middle' }, ...middle.filter((m): m is Node | string => m !== null)),
    langSwitch,
    user ? h('span', { class: 'who', 'data-testid': 'who' }, `${user.name} · ${user.delegation}`) : null,
    user ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'sign-out', onclick: async () => { await logout(); go({ page: 'login' }) } }, t('signOut')) : null
  )
  trackHeight(bar, '--topbar-height')
  return bar
}
