/**
 * Accounts, as the person who runs a server keeps them (`npm run users`,
 * users-cli.ts): add a delegate, change what an account is, give it a new
 * password, close it, list them. Every change is checked as the API checks
 * what users send (a delegation's name is read as the co-sponsorship
 * routes read it), and a new password, or a closed account, ends the
 * account's sessions at once; its open documents follow at the server's
 * next check of sessions (`ACCESS_RECHECK_MS`).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Role, Store, UserRecord } from '../store/types.js'
import { SECRETARIAT_DELEGATION } from '../../protocol/api.js'
import { delegationName } from '../api/delegation-names.js'
import { hashPassword } from './passwords.js'

/** A change the rules refuse; the message says which rule. */
export class AccountError extends Error {
  constructor(message: string) { super(message); this.name = 'AccountError' }
}

/** What an account is: its name as shown, delegation, role and interface language. */
export interface AccountFields {
  name: string
  delegation: string
  role: Role
  uiLang: 'en' | 'ar'
}

const ROLES: readonly Role[] = ['drafter', 'secretariat', 'reviewer']
const LANGUAGES = ['en', 'ar'] as const
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u
/** The stored hash of a closed account: no password matches it (passwords.ts reads `scrypt$` hashes only). */
const CLOSED = 'closed'
/** Shortest password a person chooses (a generated one is longer). */
export const MIN_PASSWORD_LENGTH = 10

/** A password of 16 characters from 96 random bits. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url')
}

function username(raw: string): string {
  if (!USERNAME.test(raw)) throw new AccountError(`a user name is 2 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit (not ${JSON.stringify(raw)})`)
  return raw
}

function password(raw: string): string {
  if ([...raw].length < MIN_PASSWORD_LENGTH) throw new AccountError(`a password has at least ${MIN_PASSWORD_LENGTH} characters`)
  if ([...raw].length > 500) throw new AccountError('a password has at most 500 characters')
  // what the sign-in form cannot send (a NUL is refused with 400), or a person cannot type
  if (/\p{Cc}/u.test(raw)) throw new AccountError('a password holds no control characters (NUL, tab, carriage return, escape...)')
  return raw
}

/** The fields of an account checked and normalised; throws AccountError. */
function checked(fields: AccountFields): AccountFields {
  const name = fields.name.normalize('NFC').replace(/\s+/gu, ' ').trim()
  if (name === '' || [...name].length > 80 || INVISIBLE_OR_CONTROL.test(name)) throw new AccountError('a name is 1 to 80 characters, none of them invisible or control characters')
  if (!ROLES.includes(fields.role)) throw new AccountError(`a role is one of ${ROLES.join(', ')} (not ${JSON.stringify(fields.role)})`)
  if (!(LANGUAGES as readonly string[]).includes(fields.uiLang)) throw new AccountError(`an interface language is one of ${LANGUAGES.join(', ')} (not ${JSON.stringify(fields.uiLang)})`)
  let delegation: string
  try { delegation = delegationName(fields.delegation) } catch (e) { throw new AccountError((e as Error).message) }
  if (fields.role === 'secretariat' && delegation !== SECRETARIAT_DELEGATION) throw new AccountError(`the Secretariat's accounts have the delegation ${SECRETARIAT_DELEGATION}`)
  if (fields.role !== 'secretariat' && delegation === SECRETARIAT_DELEGATION) throw new AccountError(`only the Secretariat's accounts have the delegation ${SECRETARIAT_DELEGATION}`)
  return { name, delegation, role: fields.role, uiLang: fields.uiLang }
}

async function existing(store: Store, name: string): Promise<UserRecord> {
  const user = await store.findUser(name)
  if (!user) throw new AccountError(`there is no account ${JSON.stringify(name)}`)
  return user
}

/** Adds an account with `chosen` as its password, or a generated one; returns the account and its password. */
export async function addAccount(store: Store, name: string, fields: AccountFields, chosen?: string): Promise<{ user: UserRecord; password: string }> {
  const user = { id: randomUUID(), username: username(name), ...checked(fields) }
  const secret = chosen === undefined ? generatePassword() : password(chosen)
  if (await store.findUser(user.username)) throw new AccountError(`there is an account ${JSON.stringify(user.username)} already`)
  const record = { ...user, passwordHash: await hashPassword(secret) }
  await store.createUser(record)
  return { user: record, password: secret }
}

/** Changes some of an account's fields (the others kept); its sessions go on, under the new rights. */
export async function changeAccount(store: Store, name: string, fields: Partial<AccountFields>): Promise<UserRecord> {
  const user = await existing(store, name)
  const next = checked({ name: fields.name ?? user.name, delegation: fields.delegation ?? user.delegation, role: fields.role ?? user.role, uiLang: fields.uiLang ?? user.uiLang })
  await store.updateUser(user.id, next)
  return { ...user, ...next }
}

/** Ends the sessions of an account whose password hash was just changed; a failure says that the change itself was made. */
async function endSessions(store: Store, user: UserRecord, done: string): Promise<number> {
  try { return await store.endSessionsOf(user.id) } catch (e) {
    throw new AccountError(`the account ${user.username} ${done}, but its sessions could not be ended (${(e as Error).message.split('\n')[0]}): run the command again`)
  }
}

/** Gives an account a new password (`chosen`, or a generated one) and ends its sessions; a closed account opens again. */
export async function resetPassword(store: Store, name: string, chosen?: string): Promise<{ password: string; sessionsEnded: number }> {
  const user = await existing(store, name)
  const secret = chosen === undefined ? generatePassword() : password(chosen)
  await store.updateUser(user.id, { passwordHash: await hashPassword(secret) })
  return { password: secret, sessionsEnded: await endSessions(store, user, 'has its new password') }
}

/** Closes an account: no password signs in to it, and its sessions end. Its name stays on what it wrote. */
export async function closeAccount(store: Store, name: string): Promise<{ sessionsEnded: number }> {
  const user = await existing(store, name)
  await store.updateUser(user.id, { passwordHash: CLOSED })
  return { sessionsEnded: await endSessions(store, user, 'is closed') }
}

/** Whether an account is closed. */
export function isClosed(user: UserRecord): boolean {
  return user.passwordHash === CLOSED
}
