/**
 * The user last signed in on this browser, remembered (localStorage) so
 * that a page loaded while the server cannot be reached starts as her
 * (session-start.ts): her public details as the server gave them (id, user
 * name, name, delegation, role, interface language), never a password or
 * token (the session is an HttpOnly cookie, out of the page's reach).
 * Forgotten when the server says nobody is signed in: a sign-out it
 * confirmed, or a session it ended.
 */
import type { User } from './api.js'

const KEY = 'resdraft.lastUser'

/** Remembers `user` as the one signed in on this browser (her public details only). */
export function rememberUser(user: User): void {
  const { id, username, name, delegation, role, uiLang } = user
  try { localStorage.setItem(KEY, JSON.stringify({ id, username, name, delegation, role, uiLang })) } catch { /* storage full or refused: not remembered */ }
}

/** Forgets the user remembered: nobody is signed in on this browser. */
export function forgetUser(): void {
  try { localStorage.removeItem(KEY) } catch { /* storage refused: nothing was kept */ }
}

/** The user last signed in on this browser, or null (none, or unreadable). */
export function rememberedUser(): User | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null')
    if (!value || typeof value !== 'object') return null
    const u = value as Record<string, unknown>
    const texts = ['id', 'username', 'name', 'delegation'].every(k => typeof u[k] === 'string' && u[k] !== '')
    const role = u.role === 'drafter' || u.role === 'reviewer' || u.role === 'secretariat'
    if (!texts || !role || (u.uiLang !== 'en' && u.uiLang !== 'ar')) return null
    return { id: u.id, username: u.username, name: u.name, delegation: u.delegation, role: u.role, uiLang: u.uiLang } as User
  } catch { return null }
}
