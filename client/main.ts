/**
 * Entry point of the browser client: keeps the app shell for loads without
 * the server (client/offline-shell/), finds out who is signed in (with the
 * server out of reach, the user last signed in on this browser, until the
 * server can say: app/session-start.ts), applies their interface language,
 * and shows the page the location hash names.
 */
import '@fontsource/noto-naskh-arabic/arabic-400.css'
import '@fontsource/noto-naskh-arabic/arabic-700.css'
import './styles/page.css'
import './styles/app.css'
import './styles/cycle.css'
import './styles/committee.css'
import type { User } from './app/api.js'
import { errorText } from './app/i18n-errors.js'
import { h } from './app/dom.js'
import { onUiLangChange, setUiLang, t, uiLang } from './app/i18n.js'
import { outdatedNoticeShown } from './app/outdated.js'
import { go, parseRoute } from './app/router.js'
import { comparePage } from './pages/compare-page.js'
import { compilePage } from './pages/compile-page.js'
import { documentsPage } from './pages/documents.js'
import { editorPage } from './pages/editor-page.js'
import { loginPage } from './pages/login.js'
import { topBar } from './pages/shell.js'
import { sessionWhenReachable, startSession } from './app/session-start.js'
import { rememberUser } from './app/last-user.js'
import { finishSignOut } from './app/signed-out-traces.js'
import { showServerUnreachable } from './app/server-reach-notice.js'
import { keepAppShell } from './offline-shell/register.js'

const root = document.getElementById('app')!
let user: User | null = null
let close: (() => void) | null = null
let generation = 0

function signedIn(u: User): void {
  user = u
  const chosen = localStorage.getItem(`resdraft.uiLang.${u.username}`)
  // remembered for this browser too: the sign-in page, after a session ends, is in the language last worked in
  setUiLang((chosen as 'en' | 'ar' | null) ?? u.uiLang, true, false)
  const route = parseRoute(location.hash)
  // back to the page the session ended on, if any
  if (route.page === 'login') { if (route.next) location.hash = route.next; else go({ page: 'documents' }) }
  else void show()
}

async function show(): Promise<void> {
  close?.()
  close = null
  const mine = ++generation
  const route = parseRoute(location.hash)
  if (!user || route.page === 'login') { if (route.page !== 'login') go({ page: 'login', next: location.hash }); else loginPage(root, u => { rememberUser(u); signedIn(u) }); return }
  try {
    switch (route.page) {
      case 'documents': await documentsPage(root, user); break
      case 'editor': {
        const closeEditor = await editorPage(root, user, route.id)
        // Another page was asked for while this one was opening: close it at once.
        if (mine === generation) close = closeEditor; else closeEditor()
        break
      }
      case 'compare': await comparePage(root, user, route); break
      case 'compile': await compilePage(root, user, route.base, route.proposals); break
    }
  } catch (e) {
    console.error(e)
    // when the page is out of date, the notice across the top says all there is to say
    if (outdatedNoticeShown()) root.textContent = ''
    else root.replaceChildren(topBar(user), h('main', { class: 'centre' }, h('p', { class: 'error', role: 'alert', 'data-testid': 'page-error' }, errorText(e)), h('p', {}, h('a', { href: '#/' }, t('back')))))
  }
}

onUiLangChange(() => {
  if (user) localStorage.setItem(`resdraft.uiLang.${user.username}`, uiLang())
  void show()
})
window.addEventListener('hashchange', () => void show())

/**
 * The server has said who is signed in, after the app started without it:
 * nobody (the session ended meanwhile) leads to the sign-in page, whose
 * next page is this one (the words typed meanwhile wait in the browser for
 * her); another user starts anew as that user; the same user goes on, and
 * a list of documents read from this browser's copies is read again.
 */
function sessionConfirmed(u: User | null): void {
  if (!u) { user = null; void finishSignOut(); void show(); return }
  if (u.id !== user?.id) { signedIn(u); return }
  user = u
  if (parseRoute(location.hash).page === 'documents') void show()
}

setUiLang(uiLang(), false, false)
keepAppShell()
void startSession().then(({ user: u, confirmed }) => {
  // nobody signed in, as the server says: a sign-out the page was reloaded in the middle of is finished (app/signed-out-traces.ts)
  if (!u && confirmed) void finishSignOut()
  if (!u) { user = null; void show(); return }
  signedIn(u)
  if (confirmed) return
  const hideNotice = showServerUnreachable()
  void sessionWhenReachable().then(answer => {
    hideNotice()
    if (answer !== 'refused') sessionConfirmed(answer)
  })
})
