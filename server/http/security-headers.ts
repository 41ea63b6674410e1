/**
 * Security headers on every answer: a Content-Security-Policy that allows
 * scripts, styles, fonts and connections from this origin only (no inline
 * script, no eval, no plugins, no framing), and the older headers that say
 * the same to older browsers.
 */
import type { NextFunction, Request, Response } from 'express'

/**
 * The policy. `style-src` allows inline styles: ProseMirror and the editor
 * set `style` attributes (positions of the margin badges and presence
 * carets); inline styles cannot run code. `connect-src 'self'` covers the
 * collaboration socket on the same host and port (ws:/wss:).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

/** Express middleware setting the security headers. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  next()
}
