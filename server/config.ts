/** Server configuration, from the environment or given by tests. */
import { resolve } from 'node:path'
import { parseOrigins } from './collab/origin.js'
import type { Logger } from './log.js'

/** Everything the server can be told. */
export interface ServerConfig {
  /** Port to listen on (0 = any free port). */
  port: number
  /** Interface to listen on (default all). */
  host?: string | undefined
  /** Where the SQLite file and the generated session secret live. */
  dataDir: string
  /** Use PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined
  /** PostgreSQL schema for the tables (default public). */
  databaseSchema?: string | undefined
  /** Share documents with other instances through Redis. */
  redisUrl?: string | undefined
  /** Redis key prefix (default "resdraft"). */
  redisPrefix?: string | undefined
  /** Session signing secret (default: generated and kept in dataDir). */
  sessionSecret?: string | undefined
  /** Session lifetime in ms (default 12 h). */
  sessionTtlMs: number
  /** The built client (served with an SPA fallback to index.html). */
  distDir: string
  /** Create demo documents from `fixturesDir` when the store has none. */
  seedDocuments: boolean
  /** Where the seed texts are. */
  fixturesDir: string
  /** Largest WebSocket message accepted (default 1 MiB). */
  maxMessageBytes: number
  /** Messages per second (sustained, burst) per connection. */
  messageRate: { perSecond: number; burst: number }
  /** New WebSocket connections per second (sustained, burst) per client IP. */
  connectionRate: { perSecond: number; burst: number }
  /** Compact a document's update log after this many updates. */
  compactAfter: number
  /** Hocuspocus store debounce in ms. */
  debounce: number
  /** Extensions to leave out, by name (benchmarks only). */
  omitExtensions?: readonly string[] | undefined
  /** Largest encoded state of a shared document, bytes: an update that would pass it is refused (default 8 MiB). */
  maxDocumentBytes: number
  /** Origins whose pages may open a collaboration socket (PUBLIC_ORIGIN; default: the request's own host, and localhost). */
  publicOrigins?: readonly string[] | undefined
  /** Where refusals and socket errors are reported (default: stderr). */
  logger?: Logger | undefined
}

const root = resolve(new URL('..', import.meta.url).pathname)

/** The defaults: port 8080, ./data, SQLite, seeding on. */
export function defaultConfig(): ServerConfig {
  return {
    port: 8080,
    dataDir: resolve('data'),
    sessionTtlMs: 12 * 3600 * 1000,
    distDir: resolve(root, 'dist'),
    seedDocuments: true,
    fixturesDir: resolve(root, 'fixtures'),
    maxMessageBytes: 1024 * 1024,
    messageRate: { perSecond: 100, burst: 400 },
    connectionRate: { perSecond: 5, burst: 100 },
    compactAfter: 200,
    debounce: 2000,
    maxDocumentBytes: 8 * 1024 * 1024
  }
}

const num = (v: string | undefined) => v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v)

/** Reads PORT, DATA_DIR, DATABASE_URL, REDIS_URL, SESSION_SECRET, PUBLIC_ORIGIN (and SESSION_TTL_HOURS, MAX_MESSAGE_BYTES, MAX_DOCUMENT_BYTES). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const c = defaultConfig()
  return {
    ...c,
    port: num(env.PORT) ?? c.port,
    host: env.HOST || undefined,
    dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : c.dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionTtlMs: (num(env.SESSION_TTL_HOURS) ?? 12) * 3600 * 1000,
    maxMessageBytes: num(env.MAX_MESSAGE_BYTES) ?? c.maxMessageBytes,
    maxDocumentBytes: num(env.MAX_DOCUMENT_BYTES) ?? c.maxDocumentBytes,
    publicOrigins: parseOrigins(env.PUBLIC_ORIGIN)
  }
}
