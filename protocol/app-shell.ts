/**
 * Where the built client's service worker is (client/offline-shell/): the
 * build writes it there and the server serves it from there.
 */

/** The service worker's script, in the build's folder and at the root of the app's address (its scope, `/`, is where it stands: no `Service-Worker-Allowed` is needed). */
export const SERVICE_WORKER_FILE = 'sw.js'
