/**
 * Which of the service worker's ways (service-worker.ts) a request of the
 * page takes. The app's HTML comes from the network first, so that a page
 * online always gets the current build (a page built against another
 * document model than the server's is stopped, client/app/outdated.ts);
 * the cached copy serves only when the server cannot be reached. Vite's
 * assets are named by their content's hash: a name is never reused for
 * other content, so the cached copy is always right. The API and the
 * collaboration socket are never cached: they are the server's to answer.
 */

/** How a request is answered: `network-first` (the app's page), `cache-first` (a hashed asset) or `network` (not the service worker's: left to the browser). */
export type ShellWay = 'network-first' | 'cache-first' | 'network'

/** Where the built app's hashed files are (Vite's `assets/`). */
export const ASSETS_PREFIX = '/assets/'

/** The key under which the app's page is cached (every address of the app is this page: the routes are in the hash). */
export const SHELL_PAGE = '/index.html'

/** A request, as much as the choice needs. */
export interface ShellRequest {
  /** Its method. */
  method: string
  /** Its address. */
  url: string
  /** Its mode (`navigate` for a page loaded in a tab). */
  mode: string
}

/** The way `request` is answered by the service worker of the app served at `origin`. */
export function shellWay(request: ShellRequest, origin: string): ShellWay {
  if (request.method !== 'GET') return 'network'
  const url = new URL(request.url)
  if (url.origin !== origin) return 'network'
  const path = url.pathname
  if (path === '/api' || path.startsWith('/api/') || path === '/collab' || path.startsWith('/collab/')) return 'network'
  if (path.startsWith(ASSETS_PREFIX)) return path.endsWith('.map') ? 'network' : 'cache-first'
  if (request.mode === 'navigate' || path === '/' || path === SHELL_PAGE) return 'network-first'
  return 'network'
}
