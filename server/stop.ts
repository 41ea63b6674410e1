/**
 * Stopping the process on SIGTERM or SIGINT: the server is closed (its
 * documents saved a last time, its connections and stores closed) and the
 * process exits, 0 when all went well, 1 when a last save failed; and 1
 * after SHUTDOWN_LIMIT_MS whatever is still waiting (a store or a Redis
 * that does not answer, a connection that does not close), since an
 * orchestrator's grace period ends in SIGKILL anyway and every acknowledged
 * update is in the update log already. Used by `npm start` (main.ts) and by
 * the tests' child servers.
 */
import type { RunningServer } from './app.js'

/** Longest a shutdown may take before the process exits anyway, ms. */
export const SHUTDOWN_LIMIT_MS = 10_000

/** Closes `server` and exits on the first SIGTERM or SIGINT (see the module comment). */
export function stopOnSignals(server: RunningServer, limitMs = SHUTDOWN_LIMIT_MS): void {
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    setTimeout(() => {
      console.error(`resdraft: the shutdown took longer than ${limitMs / 1000} s; exiting (acknowledged changes are in the update log)`)
      process.exit(1)
    }, limitMs).unref()
    server.close().then(() => process.exit(0), e => { console.error(`resdraft: ${(e as Error).message}`); process.exit(1) })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
