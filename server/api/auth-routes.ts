/** `POST /api/login`, `POST /api/logout`, `GET /api/me`, `GET /api/session`. */
import { Router } from 'express'
import { LoginThrottle } from '../auth/login-throttle.js'
import { PasswordChecks } from '../auth/password-checks.js'
import { RateLimiter } from '../extensions/rate-limit.js'
import { verifyPassword } from '../auth/passwords.js'
import { SESSION_COOKIE, publicUser, tokenFromHeaders } from '../auth/sessions.js'
import type { ApiDeps } from './context.js'
import { closeSessionConnections } from '../extensions/authentication.js'
import { requireUser, stringField, userOf } from './context.js'

/**
 * Sign-ins of one account with its own password: a hundred at once, then one
 * every 10 s. Each is a session row (kept until it expires) and a scrypt; a
 * script of one user signing in without end stored 56 sessions a second and
 * made everyone's sign-in five times slower. A person signs in a few times
 * a day; the tests and the demo sign in the same account a few dozen times.
 */
export const SIGN_INS_PER_ACCOUNT = { perSecond: 1 / 10, burst: 100 } as const

/** Routes to sign in and out. */
export function authRoutes(deps: ApiDeps): Router {
  const r = Router()
  const throttle = new LoginThrottle(deps.loginLimits)
  const signIns = new RateLimiter(SIGN_INS_PER_ACCOUNT.perSecond, SIGN_INS_PER_ACCOUNT.burst)
  const checks = new PasswordChecks()
  r.post('/login', async (req, res) => {
    const username = stringField(req.body, 'username', 100)
    const password = stringField(req.body, 'password', 500)
    const address = deps.clientAddress?.(req) ?? req.ip ?? req.socket.remoteAddress ?? '?'
    const verdict = throttle.check(username, address)
    if (!verdict.allowed) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))
      res.status(429).set('Retry-After', String(seconds)).json({ error: `too many failed sign-ins; try again in ${seconds} s`, code: 'login-throttled' })
      return
    }
    // passwords are checked in turns (auth/password-checks.ts): an account with attempts enough waiting, or a full queue, is answered at once
    const place = checks.reserve(username)
    if (place === 'account-busy' || place === 'server-busy') {
      const status = place === 'account-busy' ? 429 : 503
      res.status(status).set('Retry-After', '1').json({ error: place === 'account-busy' ? 'this account is signing in already; try again in 1 s' : 'too many sign-ins at once; try again in 1 s', code: 'busy' })
      return
    }
    // counted as a failure until it succeeds, so that guesses sent together are held too
    throttle.failed(username, address)
    const { user, ok } = await place.run(async () => {
      const user = await deps.store.findUser(username)
      // an unknown user is checked too (against no hash, which takes a scrypt's time), so that timing does not tell them apart
      return { user, ok: await verifyPassword(password, user?.passwordHash ?? '') }
    })
    if (!user || !ok) { res.status(401).json({ error: 'wrong username or password' }); return }
    throttle.succeeded(username, address)
    // checked once the password is, so that the answer says nothing of an account to whoever does not know it
    if (!signIns.take(user.id)) {
      const seconds = Math.ceil(1 / SIGN_INS_PER_ACCOUNT.perSecond)
      res.status(429).set('Retry-After', String(seconds)).json({ error: `too many sign-ins of this account in a short time; try again in ${seconds} s`, code: 'too-many-sign-ins' })
      return
    }
    const { token, expiresAt } = await deps.sessions.create(user)
    // an account closed, or given a new password, while this one was checked has had its sessions ended
    // before this one was stored: read it again now that the session is stored, and end it if so
    if ((await deps.store.getUser(user.id))?.passwordHash !== user.passwordHash) {
      await deps.sessions.end(token)
      res.status(401).json({ error: 'wrong username or password' })
      return
    }
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires: new Date(expiresAt) })
    res.json({ token, user: publicUser(user) })
  })
  r.post('/logout', async (req, res) => {
    const token = tokenFromHeaders(req.headers)
    await deps.sessions.end(token)
    // the sockets opened with it end too (other instances' within their re-check: extensions/authentication.ts)
    const session = deps.sessions.sessionIdOf(token)
    if (session) closeSessionConnections(deps.hocuspocus, session)
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    // what the browser's HTTP cache holds of the user's documents goes too (a conference's machines are shared; the
    // page erases her copies itself, client/app/signed-out-traces.ts; browsers heed this over HTTPS and on localhost)
    res.setHeader('Clear-Site-Data', '"cache"')
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
