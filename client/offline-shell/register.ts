/**
 * Registers the app's service worker (service-worker.ts, served as
 * `/sw.js`), which keeps the app shell for a page loaded while the server
 * cannot be reached.
 */
import { SERVICE_WORKER_FILE } from '../../protocol/app-shell.js'
import { ASSETS_PREFIX } from './shell-policy.js'

/**
 * Registers the service worker, where the browser has service workers and
 * this page is the built app (its script under `/assets/`; Vite's
 * development server has no `/sw.js`). A registration that fails leaves
 * the app as it was: it works online as ever.
 */
export function keepAppShell(): void {
  if (!('serviceWorker' in navigator)) return
  if (!new URL(import.meta.url).pathname.startsWith(ASSETS_PREFIX)) return
  // (the worker's script is checked against the server at every load, never taken from the HTTP cache)
  navigator.serviceWorker.register(`/${SERVICE_WORKER_FILE}`, { scope: '/', updateViaCache: 'none' }).catch(() => { /* not kept: nothing else changes */ })
}
