/**
 * Cross-site request forgery: a page on another site (or on another port
 * of this host) can make the browser send a form or a fetch with the
 * session cookie, and so change documents, sign the user out or sign them
 * in to another account. A request that may change something (any method
 * but GET, HEAD and OPTIONS) is refused with 403 when its `Origin` is not
 * one allowed to act as the user (origin.ts), or, without an `Origin`, when
 * `Sec-Fetch-Site` says it comes from another site. Browsers send at least
 * one of the two; scripts and the command line send neither and are let
 * through (they hold the token themselves: nobody else's page is involved).
 */
import type { NextFunction, Request, Response } from 'express'
import { originAllowed } from './origin.js'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Express middleware: 403 for a state-changing request from another origin (see the module comment). */
export function sameOriginWrites(publicOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (READS.has(req.method)) { next(); return }
    const origin = req.headers.origin
    const fromElsewhere = origin !== undefined
      ? !originAllowed(origin, req.headers.host, publicOrigins)
      : req.headers['sec-fetch-site'] === 'cross-site'
    if (fromElsewhere) { res.status(403).json({ error: `changes must come from this app's own pages (origin ${JSON.stringify(origin ?? 'of another site')} is not allowed)` }); return }
    next()
  }
}
