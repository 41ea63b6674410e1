/**
 * A server in a child process for tests that kill it (durability) or run
 * several (scale-out). Configured by the environment like main.ts; prints
 * `LISTENING <port>` once it accepts connections.
 */
import { startServer } from '../app.js'
import { configFromEnv } from '../config.js'
import { stopOnSignals } from '../stop.js'

const config = configFromEnv()
const server = await startServer({
  ...config,
  seedDocuments: false,
  demoAccounts: true,
  debounce: 200,
  connectionRate: { perSecond: 1000, burst: 1000 },
  messageRate: { perSecond: 1000, burst: 2000, perUserPerSecond: 4000, perUserBurst: 8000 },
  databaseSchema: process.env.DATABASE_SCHEMA || undefined,
  redisPrefix: process.env.REDIS_PREFIX || undefined
})
process.stdout.write(`LISTENING ${server.port}\n`)
stopOnSignals(server)
