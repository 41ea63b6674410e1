/** The sign-in page. */
import { ApiError, login, type User } from '../app/api.js'
import { errorText } from '../app/i18n-errors.js'
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'
import { topBar } from './shell.js'

/** Renders the sign-in form; calls `done` with the user once signed in. */
export function loginPage(root: HTMLElement, done: (user: User) => void): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true })
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })
  const error = h('p', { class: 'error', role: 'alert' })
  const form = h('form', { class: 'login card', onsubmit: async (e: Event) => {
    e.preventDefault()
    error.textContent = ''
    try { done(await login(username.value.trim(), password.value)) } catch (e) {
      // a wrong name or password is not told apart from an unknown user; a throttled address, an account
      // that signed in too often or is signing in already, and a server with too many sign-ins at once, are told to wait
      const wait = e instanceof ApiError && (e.code === 'login-throttled' || e.code === 'too-many-sign-ins' || e.code === 'busy' || e.status === 0)
      error.textContent = wait ? errorText(e) : t('signInFailed')
    }
  } },
  h('h1', {}, t('signIn')),
  h('label', {}, t('username'), username),
  h('label', {}, t('password'), password),
  error,
  h('button', { type: 'submit', class: 'primary' }, t('signIn')))
  root.replaceChildren(topBar(null), h('main', { class: 'centre' }, form))
  username.focus()
}
