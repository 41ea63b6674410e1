/** The demo accounts created on first start (README lists them). */
import { randomUUID } from 'node:crypto'
import type { Store, User } from '../store/types.js'
import { hashPassword } from './passwords.js'

/** A demo account and its password. */
export interface DemoAccount extends Omit<User, 'id'> { password: string }

/** Demo accounts: username / password, delegation, role, interface language. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'amal', password: 'amal-demo', name: 'Amal', delegation: 'APT', role: 'drafter', uiLang: 'ar' },
  { username: 'kenji', password: 'kenji-demo', name: 'Kenji', delegation: 'APT', role: 'drafter', uiLang: 'en' },
  { username: 'salma', password: 'salma-demo', name: 'Salma', delegation: 'ARB', role: 'drafter', uiLang: 'ar' },
  { username: 'claire', password: 'claire-demo', name: 'Claire', delegation: 'CEPT', role: 'drafter', uiLang: 'en' },
  { username: 'sec', password: 'sec-demo', name: 'Secretariat', delegation: 'Secretariat', role: 'secretariat', uiLang: 'en' },
  { username: 'rita', password: 'rita-demo', name: 'Rita', delegation: 'Reviewer', role: 'reviewer', uiLang: 'en' }
]

/**
 * Creates the demo accounts when the store has no users yet; returns
 * whether it did. Instances starting together on one database may race:
 * an account another instance created meanwhile is left as it is.
 */
export async function seedDemoUsers(store: Store): Promise<boolean> {
  if (await store.countUsers() > 0) return false
  for (const a of DEMO_ACCOUNTS) {
    const { password, ...user } = a
    const passwordHash = await hashPassword(password)
    try {
      await store.createUser({ ...user, id: randomUUID(), passwordHash })
    } catch (e) {
      if (!await store.findUser(user.username)) throw e
    }
  }
  return true
}
