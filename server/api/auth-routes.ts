/** `POST /api/login`, `POST /api/logout`, `GET /api/me`, `GET /api/session`. */
import { Router } from 'express'
import { LoginThrottle } from '../auth/login-throttle.js'
import { verifyPassword } from '../auth/passwords.js'
import { SESSION_COOKIE, publicUser, tokenFromHeaders } from '../auth/sessions.js'
import type { ApiDeps } from './context.js'
import { requireUser, stringField, userOf } from './context.js'

/** Routes to sign in and out. */
export function authRoutes(deps: ApiDeps): Router {
  const r = Router()
  const throttle = new LoginThrottle(deps.loginLimits)
  r.post('/login', async (req, res) => {
    const username = stringField(req.body, 'username', 100)
    const password = stringField(req.body, 'password', 500)
    const address = req.ip ?? req.socket.remoteAddress ?? '?'
    const verdict = throttle.attempt(username, address)
    if (!verdict.allowed) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))
      res.status(429).set('Retry-After', String(seconds)).json({ error: `too many failed sign-ins; try again in ${seconds} s`, code: 'login-throttled' })
      return
    }
    const user = await deps.store.findUser(username)
    // verify even for unknown users, so that timing does not tell them apart
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    if (!user || !ok) { res.status(401).json({ error: 'wrong username or password' }); return }
    throttle.succeeded(username, address)
    const { token, expiresAt } = await deps.sessions.create(user)
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires: new Date(expiresAt) })
    res.json({ token, user: publicUser(user) })
  })
  r.post('/logout', async (req, res) => {
    await deps.sessions.end(tokenFromHeaders(req.headers))
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.json({ ok: true })
  })
  r.get('/me', requireUser(deps), (_req, res) => { res.json(userOf(res)) })
  // who is signed in, or nobody: what a page asks before anyone may have signed in (an answer, not a 401)
  r.get('/session', async (req, res) => {
    const user = await deps.sessions.userOf(tokenFromHeaders(req.headers))
    res.json({ user: user ? publicUser(user) : null })
  })
  return r
}
