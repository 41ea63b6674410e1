/**
 * `npm start`: builds the client when it is stale, then starts the server
 * configured by PORT, DATA_DIR, DATABASE_URL, REDIS_URL, SESSION_SECRET.
 */
import { ensureClientBuilt } from './build-client.js'
import { configFromEnv } from './config.js'
import { startServer } from './app.js'

const root = new URL('..', import.meta.url).pathname
const config = configFromEnv()
try {
  await ensureClientBuilt(root)
} catch (e) {
  console.warn(`warning: client build failed: ${(e as Error).message}`)
}
const server = await startServer(config)
console.log(`resdraft listening on ${server.url} (${server.store.backend}${config.redisUrl ? ', redis' : ''}); collaboration at ${server.url.replace('http', 'ws')}/collab`)
let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  server.close().then(() => process.exit(0), () => process.exit(1))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
