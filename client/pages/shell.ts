/**
 * The frame around every page: a quiet bar with the app name, the page's own
 * tools, the interface language switch and the signed-in user.
 */
import { logout, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { setUiLang, t, uiLang } from '../app/i18n.js'
import { go } from '../app/router.js'
import { errorText } from '../app/i18n-errors.js'
import { chooseAction, notifyError } from './dialogs.js'
import { trackHeight } from '../app/sticky-heights.js'
import { forgetUser } from '../app/last-user.js'
import { documentsWithUnsent, finishSignOut, signingOut, signOutAbandoned } from '../app/signed-out-traces.js'

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

/**
 * Signs out and shows the sign-in page. Only the server ends a session (its cookie is out of the page's reach): when
 * it cannot be reached the user stays signed in, and is told. Then what this browser keeps of the user's documents
 * is erased (app/signed-out-traces.ts: a conference's machine is shared); when a copy may hold changes the server has
 * not acknowledged, the user is asked first: she may stay to send them, keep those copies for her next sign-in here
 * (the default: nothing lost), or erase them too. The user remembered as signed in on this browser
 * (app/last-user.ts) is forgotten.
 */
async function signOut(user: User): Promise<void> {
  const unsent = await documentsWithUnsent(user.id)
  let keep: string[] = []
  if (unsent.length > 0) {
    // each title isolated (U+2068 … U+2069), so that a Latin title reads whole inside an Arabic sentence
    const names = unsent.map(d => d.title ? `«\u2068${d.title}\u2069»` : t('untitledDocument')).join(uiLang() === 'ar' ? '، ' : ', ')
    // keeping them (nothing lost) is the default; erasing them is the other way out
    const choice = await chooseAction(t('unsentAtSignOut'), t('unsentAtSignOutText').replace('{documents}', names), t('keepAndSignOut'), t('eraseAndSignOut'))
    if (choice === null) return
    if (choice === 'action') keep = unsent.map(d => d.id)
  }
  // (remembered until done: the page may be reloaded before the server's answer, and the next start finishes it)
  signingOut(user.id, keep)
  try { await logout() } catch (e) { signOutAbandoned(); notifyError(errorText(e)); return }
  // nobody is signed in on this browser now: a page loaded without the server starts nobody (app/session-start.ts)
  forgetUser()
  // the page left closes its copy of the document; the copy is deleted once it is closed
  go({ page: 'login' })
  await finishSignOut()
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
    user ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'sign-out', onclick: () => { void signOut(user) } }, t('signOut')) : null
  )
  trackHeight(bar, '--topbar-height')
  return bar
}
