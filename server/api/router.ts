/** The `/api` router: health, auth, then everything else behind a session. */
import { Router } from 'express'
import { errorHandler, refuseNulInAddress, requireUtf8 } from '../http/errors.js'
import { API_BODY_SHAPE, jsonBody, type JsonBodyLimits } from '../http/json-body.js'
import { RateLimiter } from '../extensions/rate-limit.js'
import { authRoutes } from './auth-routes.js'
import { committeeRoutes } from './committee-routes.js'
import { compareRoutes } from './compare-routes.js'
import type { ApiDeps } from './context.js'
import { requireUser, userOf } from './context.js'
import { DEFAULT_UNREAD_ANSWER_BYTES_PER_USER, unreadAnswers } from './unread-answers.js'
import { FAN_OUT } from '../collab/fan-out-name.js'
import { cosponsorshipRoutes } from './cosponsorship-routes.js'
import { documentRoutes } from './document-routes.js'
import { exportRoutes, SharedPdfRenderer } from './export-routes.js'
import { importersOnly, importRoutes } from './import-routes.js'
import { bodiesInFlight } from './bodies-in-flight.js'
import { SCHEMA_FINGERPRINT, SCHEMA_HEADER } from '../../schema/fingerprint.js'
import { StoreHealth } from '../store/store-health.js'

/** Limits of a JSON body sent before signing in. */
export const SIGN_IN_BODY: JsonBodyLimits = { bytes: 16 * 1024, depth: 4, values: 100 }
/** Limits of a signed-in user's JSON body, but a text import's. */
export const SIGNED_IN_BODY: JsonBodyLimits = { bytes: 1024 * 1024, ...API_BODY_SHAPE }
/** Requests with a body one signed-in user may have on their way at once (bodies-in-flight.ts): far more than a page sends together. */
export const SIGNED_IN_BODIES_PER_USER = 16
/** Limits of a text import's body: one long string (5,000,000 characters at most, up to 6 MB of UTF-8) and a few small fields. */
export const TEXT_IMPORT_BODY: JsonBodyLimits = { bytes: 6 * 1024 * 1024, ...API_BODY_SHAPE }

/**
 * What a user other than the Secretariat may create (a proposal stores a
 * document, a restore two checkpoints): 30 at once, then one in 20 s.
 * Enough for any delegation's work; a script creating proposals without end
 * would fill the disk.
 */
export const CREATION_BUDGET = { perSecond: 1 / 20, burst: 30 } as const

/** The routes that store a new document or version for a user other than the Secretariat. */
const CREATING_ROUTES = ['/documents/new-proposal', '/documents/:id/proposal', '/documents/:id/restore']

/** Builds the API router. */
export function apiRouter(deps: ApiDeps, pdf: SharedPdfRenderer = new SharedPdfRenderer()): Router {
  const r = Router()
  r.use(requireUtf8)
  r.use(refuseNulInAddress)
  // A page built against another document model must reload before it reads or writes anything.
  r.use((req, res, next) => {
    const sent = req.get(SCHEMA_HEADER)
    if (sent && sent !== SCHEMA_FINGERPRINT) { res.status(409).json({ error: 'this page is out of date: the document model has changed on the server; reload the page', code: 'outdated-client' }); return }
    next()
  })
  const storeHealth = deps.storeHealth ?? new StoreHealth(kind => deps.store.ping(kind))
  r.get('/health', (_req, res, next) => {
    // with Redis: whether documents reach the other instances now (collab/fan-out.ts); the instance itself works either way
    const fanOut = deps.hocuspocus.configuration.extensions.find(e => e.extensionName === FAN_OUT) as { failing?: boolean } | undefined
    // a store that fails: 503, so that a proxy's or a monitor's check takes the instance out (store/store-health.ts)
    storeHealth.state().then(store => {
      res.status(store === 'ok' ? 200 : 503).json({
        ok: store === 'ok', store, schema: SCHEMA_FINGERPRINT, backend: deps.store.backend, documents: deps.hocuspocus.getDocumentsCount(), connections: deps.hocuspocus.getConnectionsCount(),
        ...(fanOut ? { fanOut: fanOut.failing ? 'failing' : 'ok' } : {})
      })
    }, next)
  })
  // JSON bodies are read in three sizes: signing in (a user name and a password; no other body is read
  // before the session is checked), a text import's, and any other of a signed-in user's (a committee
  // draft's row choices are the largest). A parser leaves alone a body an earlier one has read.
  r.use(['/login', '/logout'], jsonBody(SIGN_IN_BODY))
  r.use(authRoutes(deps))
  r.use(requireUser(deps))
  // past what one account's answers may have waiting unread, its next request is refused before any work
  r.use(unreadAnswers(deps.unreadAnswerBytesPerUser ?? DEFAULT_UNREAD_ANSWER_BYTES_PER_USER))
  const creations = new RateLimiter(CREATION_BUDGET.perSecond, CREATION_BUDGET.burst)
  r.post(CREATING_ROUTES, (_req, res, next) => {
    const user = userOf(res)
    if (user.role === 'secretariat') { next(); return }
    if (creations.take(user.id)) {
      // a request that creates nothing (refused: a bad field, the server busy) gives its creation back
      res.once('finish', () => { if (res.statusCode >= 400) creations.spend(user.id, -1) })
      next()
      return
    }
    const seconds = Math.ceil(1 / CREATION_BUDGET.perSecond)
    res.status(429).set('Retry-After', String(seconds)).json({ error: `too many new documents or restores in a short time; try again in ${seconds} s`, code: 'too-many-creations' })
  })
  // a text import's body is read for the Secretariat alone, and a few at a time per user, as a file import's
  const uploads = bodiesInFlight(deps.work.jobsPerOwner, 'imports')
  r.post('/documents', importersOnly, uploads, jsonBody(TEXT_IMPORT_BODY))
  r.use(bodiesInFlight(SIGNED_IN_BODIES_PER_USER, 'requests with a body'), jsonBody(SIGNED_IN_BODY))
  r.use(exportRoutes(deps, pdf))
  r.use('/imports', importRoutes(deps, uploads))
  r.use(committeeRoutes(deps))
  r.use('/documents', cosponsorshipRoutes(deps))
  r.use('/documents', documentRoutes(deps))
  r.use(compareRoutes(deps))
  r.use((_req, res) => { res.status(404).json({ error: 'no such API route' }) })
  r.use(errorHandler(deps.logger))
  return r
}
