/**
 * The app's service worker, served as `/sw.js` (built by build-plugin.ts):
 * it keeps the app shell — the page, its scripts, styles and fonts — so
 * that a page reloaded, or a tab opened on the app's address, while the
 * server cannot be reached (the wifi gone, the server restarting) still
 * shows the app, which then starts from what this browser keeps
 * (client/app/session-start.ts). The app's page comes from the network
 * first and the kept copy only when the network gives none; hashed assets
 * from the cache first; the API and the collaboration socket are never
 * touched (shell-policy.ts).
 *
 * Each build has its own cache (named by what it holds); a new build's
 * worker takes over at once and deletes the caches of earlier builds.
 */
import { SHELL_PAGE, shellWay } from './shell-policy.js'

/** The build's version: a hash of its files (set by build-plugin.ts). */
declare const __SHELL_VERSION__: string
/** The build's files kept at install (set by build-plugin.ts): the page's scripts, styles, fonts, the comparison worker. */
declare const __SHELL_FILES__: readonly string[]

// The little of a service worker's world used here (the project's type check has the DOM library, not the WebWorker one).
interface ExtendableEvent extends Event { waitUntil(work: Promise<unknown>): void }
interface FetchEvent extends ExtendableEvent { readonly request: Request; respondWith(answer: Promise<Response>): void }
interface ServiceWorkerScope {
  readonly location: { readonly origin: string }
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}
declare const self: ServiceWorkerScope

/** Caches of this app's shell start so; the one of this build ends with its version. */
const CACHE_PREFIX = 'resdraft-shell-'
const CACHE = `${CACHE_PREFIX}${__SHELL_VERSION__}`

/** Answers from the network that say the server cannot answer now (a reverse proxy's while the server restarts): the kept page serves instead. */
const SERVER_AWAY = new Set([502, 503, 504])

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE)
    await cache.addAll([SHELL_PAGE, ...__SHELL_FILES__])
    // a page open on an earlier build keeps its scripts (already loaded); the next page gets this build's
    await self.skipWaiting()
  })())
})

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name)
    await self.clients.claim()
  })())
})

self.addEventListener('fetch', event => {
  const way = shellWay(event.request, self.location.origin)
  if (way === 'network') return
  event.respondWith(way === 'cache-first' ? cacheFirst(event.request) : pageFromNetworkFirst(event.request, event))
})

/**
 * The app's page: the server's when it answers (kept for later), the kept
 * one when it cannot be reached. No time limit: a slow server still gives
 * the current build (a kept page of an older build would be stopped as out
 * of date, and reloading would give the same).
 */
async function pageFromNetworkFirst(request: Request, event: ExtendableEvent): Promise<Response> {
  const cache = await caches.open(CACHE)
  let answer: Response
  try {
    answer = await fetch(request)
  } catch (e) {
    return (await cache.match(SHELL_PAGE)) ?? Promise.reject(e)
  }
  if (SERVER_AWAY.has(answer.status)) return (await cache.match(SHELL_PAGE)) ?? answer
  if (answer.ok && (answer.headers.get('content-type') ?? '').startsWith('text/html')) event.waitUntil(cache.put(SHELL_PAGE, answer.clone()))
  return answer
}

/** A hashed asset: kept, or fetched and kept (a name is never reused for other content). */
async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  const kept = await cache.match(request)
  if (kept) return kept
  const answer = await fetch(request)
  if (answer.ok) await cache.put(request, answer.clone())
  return answer
}
