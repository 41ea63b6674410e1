/** Server configuration, from the environment or given by tests. */
import type { MemoryGauge } from './collab/memory-pressure.js'
import { resolve } from 'node:path'
import type { LoginLimits } from './auth/login-throttle.js'
import { parseOrigins } from './http/origin.js'
import type { Logger } from './log.js'
import type { WorkPoolOptions } from './work/pool.js'
import type { PdfPrinter } from './api/export-routes.js'
import type { CheckpointOptions } from './extensions/checkpoints.js'
import { DEFAULT_MAX_DOCUMENT_BYTES } from './documents.js'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../protocol/refusal.js'
import { trustedProxies } from './http/client-address.js'

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
  /** Messages per second (sustained, burst) per connection, and (optional) per account, all its connections together. */
  messageRate: { perSecond: number; burst: number; perUserPerSecond?: number; perUserBurst?: number }
  /** New WebSocket connections per second (sustained, burst) per client IP. */
  connectionRate: { perSecond: number; burst: number }
  /** Compact a document's update log after this many updates. */
  compactAfter: number
  /** Hocuspocus store debounce in ms. */
  debounce: number
  /**
   * Create the demo accounts (README) when the store has no users: by
   * default only on the embedded SQLite store; `true` on any store; never
   * when NODE_ENV=production (see `demoAccountsWanted`).
   */
  demoAccounts?: boolean | undefined
  /** Limits on failed sign-ins (defaults: DEFAULT_LOGIN_LIMITS in server/auth/login-throttle.ts). */
  loginLimits?: Partial<LoginLimits> | undefined
  /** Worker threads for imports, comparisons and exports: size, queue bound, time limit per job. */
  work?: WorkPoolOptions | undefined
  /** Extensions to leave out, by name (benchmarks only). */
  omitExtensions?: readonly string[] | undefined
  /** Largest encoded state of a shared document, bytes: an update that would pass it is refused (default 8 MiB). */
  maxDocumentBytes: number
  /** Origins whose pages may open a collaboration socket (PUBLIC_ORIGIN; default: the request's own host, and localhost). */
  publicOrigins?: readonly string[] | undefined
  /** Where refusals and socket errors are reported (default: stderr). */
  logger?: Logger | undefined
  /** Time the server may spend checking one user's changes, ms per second sustained and in one burst (default 250 and 2,000): past it, the user's next change is refused as rate-limited. */
  checkBudget?: { msPerSecond: number; burstMs: number } | undefined
  /** New Yjs clients (editing sessions: a page, a tab) one user's changes may bring, per second sustained and in one burst (default one in 30 s, 128). */
  sessionsPerUser?: { perSecond: number; burst: number } | undefined
  /** Bytes of one user's changes the server stores, per second sustained and in one burst (default 512 KiB and 16 MiB). */
  storedBytesPerUser?: { perSecond: number; burst: number } | undefined
  /** Bracket operations (options added, dropped, agreed: each a row of the activity log) one user's changes may make, per second and in one burst (default one a second, 300). */
  bracketOperationsPerUser?: { perSecond: number; burst: number } | undefined
  /** Bytes of whole documents one user's requests are answered with, per second and in one burst (UserBudgetOptions). */
  answerBytesPerUser?: { perSecond: number; burst: number } | undefined
  /** Automatic checkpoints: least time between two of one document, and the bytes one user's sessions may keep (see CheckpointOptions). */
  checkpoints?: CheckpointOptions | undefined
  /** How often every open document's connections are re-checked against the store (co-sponsors changed on another instance), ms (default 15 s). */
  accessRecheckMs?: number | undefined
  /** Document connections one account may hold at once (default 100); past it an opening is refused as busy (extensions/user-connections.ts). */
  maxConnectionsPerUser?: number | undefined
  /** Bytes sent to one account's collaboration sockets that may wait unread together (default 64 MiB); past it, those with the most waiting are ended (collab/unread-bytes.ts). */
  maxUnreadBytesPerUser?: number | undefined
  /** Bytes sent to all collaboration sockets that may wait unread together (default 512 MiB); past it, those with the most waiting are ended (collab/unread-bytes.ts). */
  maxUnreadBytesTotal?: number | undefined
  /** How long content of clocks the server has not received may wait unchanged in a document before it is dropped, ms (extensions/waiting-content.ts; tests shorten it). */
  waitingExpiryMs?: number | undefined
  /** The share of the heap limit past which new content and document loads are held back (default 0.75; collab/memory-pressure.ts). */
  memoryTightShare?: number | undefined
  /** Reads the heap's share in use (tests set it; default V8's own figures). */
  memoryGauge?: MemoryGauge | undefined
  /** Starts the printer of PDF exports (default: Chromium, export/pdf.ts); tests give one whose printings they hold. */
  printer?: (() => Promise<PdfPrinter>) | undefined
  /** Open connections (HTTP and WebSocket) from one client address; past it, new ones are closed at once (default 256). */
  maxConnectionsPerAddress?: number | undefined
  /** The reverse proxies whose `X-Forwarded-For` is believed (TRUST_PROXY; Express's syntax; default loopback; false: none), http/client-address.ts. */
  trustProxy?: string | false | undefined
  /** Time a connection has to send a request's headers, ms (a slower one is closed; default 20 s). */
  headersTimeoutMs?: number | undefined
  /** Time a connection has to send a whole request, body included, ms (408 after it; default 120 s: a 6 MB import over a slow link). */
  requestTimeoutMs?: number | undefined
  /** Time an answer may wait unread, ms: a connection whose answer makes no progress for this long is closed (default 60 s). */
  responseStallMs?: number | undefined
  /** Bytes of one account's API answers that may wait unread before its next request is refused as busy (default 64 MiB). */
  unreadAnswerBytesPerUser?: number | undefined
}

/** Default time a connection has to send a request's headers, ms. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000
/** Default time a connection has to send a whole request, ms (a 6 MB import at 0.5 Mbit/s takes about 100 s). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000

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
    maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
    messageRate: { perSecond: 100, burst: 400 },
    connectionRate: { perSecond: 5, burst: 100 },
    compactAfter: 200,
    debounce: 2000,
    maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES
  }
}

/** A setting of the environment that cannot be used; the message names it and its value. */
export class ConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'ConfigError' }
}

/** An unset or empty variable is undefined; anything else must be a decimal number in [min, max] (an integer when asked). */
function num(env: NodeJS.ProcessEnv, name: string, what: string, min: number, max: number, integer = true): number | undefined {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const v = raw.trim()
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not valid: expected ${what}`)
  }
  return n
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return undefined
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name}=${JSON.stringify(env[name])} is not valid: expected 1 or 0`)
}

/** TRUST_PROXY: unset is the default (loopback), `none` no proxy, else addresses and subnets that proxy-addr reads. */
function proxies(raw: string | undefined): string | false | undefined {
  const v = raw?.trim()
  if (v === undefined || v === '') return undefined
  if (v.toLowerCase() === 'none') return false
  try { trustedProxies(v) } catch (e) { throw new ConfigError(`TRUST_PROXY=${JSON.stringify(raw)} is not valid: ${(e as Error).message}`) }
  return v
}

function origins(list: string | undefined): string[] {
  try { return parseOrigins(list) } catch (e) { throw new ConfigError((e as Error).message) }
}

/**
 * Whether to create the demo accounts on an empty store: as configured,
 * else on SQLite only. (NODE_ENV=production is read by `configFromEnv`,
 * before anything can change it: vite's build sets it in-process.)
 */
export function demoAccountsWanted(config: Pick<ServerConfig, 'demoAccounts' | 'databaseUrl'>): boolean {
  return config.demoAccounts ?? !config.databaseUrl
}

/**
 * Reads PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, REDIS_PREFIX, SESSION_SECRET,
 * PUBLIC_ORIGIN, TRUST_PROXY, DEMO_ACCOUNTS (and SESSION_TTL_HOURS, MAX_MESSAGE_BYTES,
 * MAX_DOCUMENT_BYTES, WORK_THREADS ...); throws ConfigError for a value that cannot be used.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const c = defaultConfig()
  const demoAccounts = env.NODE_ENV === 'production' ? (flag(env, 'DEMO_ACCOUNTS'), false) : flag(env, 'DEMO_ACCOUNTS')
  const databaseUrl = env.DATABASE_URL || undefined
  return {
    ...c,
    port: num(env, 'PORT', 'a port number from 0 to 65535', 0, 65535) ?? c.port,
    host: env.HOST || undefined,
    dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : c.dataDir,
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionTtlMs: (num(env, 'SESSION_TTL_HOURS', 'hours, more than 0', 0.001, 24 * 365, false) ?? 12) * 3600 * 1000,
    maxMessageBytes: num(env, 'MAX_MESSAGE_BYTES', 'a number of bytes from 1024', 1024, 1024 ** 3) ?? c.maxMessageBytes,
    maxDocumentBytes: num(env, 'MAX_DOCUMENT_BYTES', 'a number of bytes from 1024', 1024, 1024 ** 3) ?? c.maxDocumentBytes,
    publicOrigins: origins(env.PUBLIC_ORIGIN),
    maxConnectionsPerAddress: num(env, 'MAX_CONNECTIONS_PER_ADDRESS', 'a number from 1', 1, 1_000_000),
    trustProxy: proxies(env.TRUST_PROXY),
    maxConnectionsPerUser: num(env, 'MAX_CONNECTIONS_PER_USER', 'a number from 1', 1, 1_000_000),
    memoryTightShare: num(env, 'MEMORY_TIGHT_SHARE', 'a share of the heap limit from 0.3 to 0.95', 0.3, 0.95, false),
    headersTimeoutMs: num(env, 'HEADERS_TIMEOUT_MS', 'milliseconds from 1000', 1000, 3600_000),
    requestTimeoutMs: num(env, 'REQUEST_TIMEOUT_MS', 'milliseconds from 1000', 1000, 3600_000),
    responseStallMs: num(env, 'RESPONSE_STALL_MS', 'milliseconds from 1000', 1000, 3600_000),
    accessRecheckMs: num(env, 'ACCESS_RECHECK_MS', 'milliseconds from 1000', 1000, 24 * 3600_000),
    work: { ...c.work, size: num(env, 'WORK_THREADS', 'a number of worker threads from 1 to 64', 1, 64) ?? c.work?.size },
    // never in production, whatever DEMO_ACCOUNTS says
    demoAccounts,
    // the demo documents (a made-up APT proposal among them) go with the demo accounts, unless SEED_DOCUMENTS says otherwise
    seedDocuments: flag(env, 'SEED_DOCUMENTS') ?? (env.NODE_ENV !== 'production' && demoAccountsWanted({ demoAccounts, databaseUrl }))
  }
}
