/**
 * Login sessions. A token is `sessionId.signature` (HMAC-SHA256 of the id
 * with the session secret); the session row gives the user and the expiry,
 * so logout and expiry are enforced server-side and a forged token is
 * refused before any look-up.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Store, User, UserRecord } from '../store/types.js'

/** The cookie that carries the token in browsers. */
export const SESSION_COOKIE = 'resdraft_session'

/** Reads SESSION_SECRET, or the secret kept in DATA_DIR (creating it on first use). */
export function loadSessionSecret(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv
  const file = join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}

/** Issues and checks session tokens. */
export class Sessions {
  constructor(private readonly store: Store, private readonly secret: string, private readonly ttlMs: number) {}

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url')
  }

  /** Starts a session for a user; returns the token and its expiry (ms). */
  async create(user: User): Promise<{ token: string; expiresAt: number }> {
    const id = randomBytes(18).toString('base64url')
    const expiresAt = Date.now() + this.ttlMs
    await this.store.createSession({ id, userId: user.id, expiresAt })
    return { token: `${id}.${this.sign(id)}`, expiresAt }
  }

  /** The session id of a well-signed token, or null. */
  private idOf(token: string): string | null {
    const [id, sig, extra] = token.split('.')
    if (!id || !sig || extra !== undefined) return null
    const expected = Buffer.from(this.sign(id))
    const given = Buffer.from(sig)
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : null
  }

  /** The user of a valid, unexpired token, or null. */
  async userOf(token: string | null | undefined): Promise<UserRecord | null> {
    if (!token) return null
    const id = this.idOf(token)
    if (!id) return null
    const session = await this.store.getSession(id)
    if (!session) return null
    if (session.expiresAt <= Date.now()) { await this.store.deleteSession(id); return null }
    return this.store.getUser(session.userId)
  }

  /** The session id a well-signed token names (whether or not the session still runs), or null. */
  sessionIdOf(token: string | null | undefined): string | null {
    return token ? this.idOf(token) : null
  }

  /** The account of the session `id` as the store holds it now, or null when the session has ended or expired. */
  async accountOf(id: string): Promise<UserRecord | null> {
    const session = await this.store.getSession(id)
    return session && session.expiresAt > Date.now() ? this.store.getUser(session.userId) : null
  }

  /** Ends the session of a token (no error when it is unknown). */
  async end(token: string | null | undefined): Promise<void> {
    const id = token ? this.idOf(token) : null
    if (id) await this.store.deleteSession(id)
  }
}

/** The token of a request: `Authorization: Bearer`, else the session cookie. */
export function tokenFromHeaders(headers: { authorization?: string | undefined; cookie?: string | undefined }): string | null {
  const auth = headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      // a malformed percent-encoding is no token (a token is base64url: it never needs decoding)
      try { return decodeURIComponent(part.slice(eq + 1).trim()) || null } catch { return null }
    }
  }
  return null
}

/** A user without the password hash. */
export function publicUser(u: UserRecord): User {
  return { id: u.id, username: u.username, name: u.name, delegation: u.delegation, role: u.role, uiLang: u.uiLang }
}
