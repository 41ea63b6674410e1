/**
 * The frame around every page: a quiet bar with the app name, the page's own
 * tools, the interface language switch and the signed-in user.
 */
import { logout, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { setUiLang, t, uiLang } from '../app/i18n.js'
import { go } from '../app/router.js'
import { trackHeight } from '../app/sticky-heights.js'

/** Builds the top bar; `middle` holds page-specific content. */
export function topBar(user: User | null, ...middle: (Node | string | null)[]): HTMLElement {
  const langSwitch = h('button', {
    class: 'lang-switch', type: 'button', 'data-testid': 'ui-lang',
    title: uiLang() === 'ar' ? 'English' : 'العربية',
    onclick: () => setUiLang(uiLang() === 'ar' ? 'en' : 'ar')
  }, uiLang() === 'ar' ? 'English' : 'العربية')
  const bar = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/' }, t('appName')),
    h('div', { class: 'topbar-middle' }, ...middle.filter((m): m is Node | string => m !== null)),
    langSwitch,
    user ? h('span', { class: 'who', 'data-testid': 'who' }, `${user.name} · ${user.delegation}`) : null,
    user ? h('button', { type: 'button', class: 'quiet', onclick: async () => { await logout(); go({ page: 'login' }) } }, t('signOut')) : null
  )
  trackHeight(bar, '--topbar-height')
  return bar
}
