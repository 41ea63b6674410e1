/**
 * `npm start`: checks the configuration (PORT, DATA_DIR, DATABASE_URL,
 * REDIS_URL, SESSION_SECRET, DEMO_ACCOUNTS), builds the client when it is
 * stale, then starts the server. A configuration or storage problem at
 * start is one line on stderr and exit code 1; so is a document that could
 * not be saved on shutdown, or a shutdown that takes over 10 s (stop.ts).
 */
import { ensureClientBuilt } from './build-client.js'
import { configFromEnv, type ServerConfig } from './config.js'
import { startServer, type RunningServer } from './app.js'
import { describeStartupError, prepareDataDir } from './startup-errors.js'
import { startupLine } from './startup-line.js'
import { stopOnSignals } from './stop.js'

const root = new URL('..', import.meta.url).pathname
let config: ServerConfig | null = null
let server: RunningServer
try {
  config = configFromEnv()
  if (!config.databaseUrl || !config.sessionSecret) prepareDataDir(config.dataDir)
  try {
    await ensureClientBuilt(root)
  } catch (e) {
    console.warn(`warning: client build failed: ${(e as Error).message}`)
  }
  server = await startServer(config)
} catch (e) {
  console.error(`resdraft: cannot start: ${describeStartupError(e, config?.dataDir ?? 'DATA_DIR')}`)
  process.exit(1)
}
console.log(startupLine({ url: server.url, host: config.host, port: server.port, backend: server.store.backend, redis: !!config.redisUrl }))
stopOnSignals(server)
