/**
 * Which web pages may act as the signed-in user: open a collaboration
 * socket (server/collab/transport.ts) or change anything through the API
 * (same-origin-writes.ts). Browsers send the session cookie with a
 * WebSocket handshake, a form or a fetch from any page, so a page on
 * another site could act as the signed-in user; the `Origin` header they
 * send tells. Allowed: no Origin (not a browser), one of the configured
 * public origins (`PUBLIC_ORIGIN`), or, when none is configured, the host
 * the request was sent to, under any local name of this machine when it
 * was sent to one (`localhost:8080` and `127.0.0.1:8080` are the same
 * page). A page on another port is another origin, though its requests
 * carry the SameSite cookie: any local program's page could otherwise act
 * as the user (a fuzzing helper's import and sign-out from localhost:6666).
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Parses a comma-separated list of origins (`https://drafts.example.org, http://localhost:8080`); throws on one that is not an origin. */
export function parseOrigins(list: string | undefined): string[] {
  if (!list?.trim()) return []
  return list.split(',').map(s => s.trim()).filter(Boolean).map(s => {
    let url: URL
    try { url = new URL(s) } catch { throw new Error(`PUBLIC_ORIGIN: "${s}" is not an origin (e.g. https://drafts.example.org)`) }
    if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== '')) throw new Error(`PUBLIC_ORIGIN: "${s}" is not an origin (scheme://host[:port], nothing after)`)
    return url.origin
  })
}

/** Whether a handshake with this `Origin` (sent to `host`) may proceed. */
export function originAllowed(origin: string | undefined, host: string | undefined, publicOrigins: readonly string[]): boolean {
  if (origin === undefined) return true
  let url: URL
  try { url = new URL(origin) } catch { return false }
  if (publicOrigins.length) return publicOrigins.includes(url.origin)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (host === undefined) return false
  if (url.host === host.toLowerCase()) return true
  // the same port of this machine, named otherwise (a Host without a port is the scheme's default port)
  let sent: URL
  try { sent = new URL(`${url.protocol}//${host}`) } catch { return false }
  return LOCAL_HOSTS.has(url.hostname) && LOCAL_HOSTS.has(sent.hostname) && url.port === sent.port
}
