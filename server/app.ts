/**
 * One HTTP server: express serves `/api/*` and the built client (SPA
 * fallback to dist/index.html); the `upgrade` event at `/collab` hands
 * WebSockets to the Hocuspocus collaboration core.
 */
import { MemoryPressure } from './collab/memory-pressure.js'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Hocuspocus } from '@hocuspocus/server'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import express from 'express'
import { seedDemoUsers } from './auth/demo-users.js'
import { SERVICE_WORKER_FILE } from '../protocol/app-shell.js'
import { Sessions, loadSessionSecret } from './auth/sessions.js'
import { apiRouter } from './api/router.js'
import { SharedPdfRenderer } from './api/export-routes.js'
import { createCollaboration } from './collab/hocuspocus.js'
import { CollabTransport } from './collab/transport.js'
import type { ServerConfig } from './config.js'
import { DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, limitConnectionsPerAddress } from './http/connection-limit.js'
import { trustedProxies } from './http/client-address.js'
import { StoreHealth } from './store/store-health.js'
import { sameOriginWrites } from './http/same-origin-writes.js'
import { closeStalledAnswers, DEFAULT_RESPONSE_STALL_MS } from './http/stalled-answers.js'
import { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, defaultConfig, demoAccountsWanted } from './config.js'
import { RateLimiter } from './extensions/rate-limit.js'
import { errorHandler } from './http/errors.js'
import { securityHeaders } from './http/security-headers.js'
import { consoleLogger } from './log.js'
import { englishCount } from '../schema/counted.js'
import { seedDocuments } from './seed.js'
import { WorkPool } from './work/pool.js'
import { openStore } from './store/open.js'
import type { Store } from './store/types.js'
import { budgetOptions, loopTimeBudget } from './extensions/user-budgets.js'
import { checkpointBytesBudget } from './extensions/checkpoints.js'

/** A running server. */
export interface RunningServer {
  /** http://host:port */
  url: string
  port: number
  store: Store
  /** The collaboration core (its loaded documents; for tests and tools). */
  hocuspocus: Hocuspocus
  /** The worker threads of heavy requests (for tests and tools). */
  work: WorkPool
  /** The printer of PDF exports and its turns (for tests and tools). */
  pdf: SharedPdfRenderer
  /**
   * Stores open documents, closes connections, the store and the port.
   * Rejects (after closing everything) when a document's last save failed;
   * each failure is logged with the document.
   */
  close(): Promise<void>
}

/** Starts the server; `config` fields not given take their defaults. */
export async function startServer(partial: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...partial }
  const logger = config.logger ?? consoleLogger
  const store = await openStore(config, logger)
  if (demoAccountsWanted(config)) await seedDemoUsers(store)
  await store.purgeSessions(Date.now())
  const sessions = new Sessions(store, loadSessionSecret(config.dataDir, config.sessionSecret), config.sessionTtlMs)
  // the reverse proxies whose forwarded addresses are believed (http/client-address.ts)
  const proxies = trustedProxies(config.trustProxy)
  const transport = new CollabTransport({
    maxPayload: Math.max(2 * config.maxMessageBytes, config.maxMessageBytes + 1024 * 1024),
    publicOrigins: config.publicOrigins,
    perAddress: new RateLimiter(config.connectionRate.perSecond, config.connectionRate.burst),
    clientAddress: proxies.clientAddress,
    maxUnreadBytesPerUser: config.maxUnreadBytesPerUser,
    maxUnreadBytesTotal: config.maxUnreadBytesTotal,
    logger
  })
  // one share of the event loop's time per user: the checks of their changes and their restores pay from it
  const loopTime = loopTimeBudget(config.checkBudget)
  const checkpointBytes = checkpointBytesBudget(config.checkpoints)
  // whether the store answers and takes writes (/api/health)
  const storeHealth = new StoreHealth(kind => store.ping(kind))
  const { hocuspocus, persistence, accessChanged } = await createCollaboration({
    ...budgetOptions(config), loopTime, logger, storeHealth, maxDocumentBytes: config.maxDocumentBytes, checkpoints: { ...config.checkpoints, bytes: checkpointBytes }, extensions: [transport.extension],
    store, sessions, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, maxMessageBytes: config.maxMessageBytes,
    messageRate: config.messageRate, compactAfter: config.compactAfter, debounce: config.debounce,
    omitExtensions: config.omitExtensions, accessRecheckMs: config.accessRecheckMs, maxConnectionsPerUser: config.maxConnectionsPerUser,
    waitingExpiryMs: config.waitingExpiryMs, memory: new MemoryPressure(config.memoryGauge, config.memoryTightShare)
  })
  if (config.seedDocuments) await seedDocuments(store, hocuspocus, config.fixturesDir)

  const work = new WorkPool(config.work)
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', proxies.trusts)
  app.use(securityHeaders)
  // a PDF's printing has the time limit of the work that made its HTML
  const pdf = new SharedPdfRenderer({ timeoutMs: config.work?.timeoutMs, launch: config.printer })
  // an answer of the API is its user's: no shared cache keeps it, and the browser asks again (ETag) before reusing it
  app.use('/api', (_req, res, next) => { res.setHeader('Cache-Control', 'private, no-cache'); next() })
  app.use('/api', sameOriginWrites(config.publicOrigins ?? []))
  app.use('/api', apiRouter({ store, sessions, hocuspocus, accessChanged, sessionTtlMs: config.sessionTtlMs, clientAddress: proxies.clientAddress, loginLimits: config.loginLimits, logger, work, loopTime, checkpointBytes, maxDocumentBytes: config.maxDocumentBytes, storeHealth, unreadAnswerBytesPerUser: config.unreadAnswerBytesPerUser }, pdf))
  // the service worker that keeps the app shell (client/offline-shell/): its script is checked with the server at every
  // load, so that a new build's worker reaches every browser
  const serviceWorker = resolve(config.distDir, SERVICE_WORKER_FILE)
  app.use(express.static(config.distDir, { index: false, setHeaders: (res, path) => { if (path === serviceWorker) res.setHeader('Cache-Control', 'no-cache') } }))
  app.use((req, res) => {
    const index = join(config.distDir, 'index.html')
    // a build without a worker (none to register) has no script for it: not the page, which the browser would refuse as one
    if (req.path === `/${SERVICE_WORKER_FILE}`) { res.status(404).type('text').send('Not found'); return }
    if (req.method !== 'GET' || !existsSync(index)) { res.status(404).type('text').send(req.method === 'GET' ? 'The client is not built (run npm run build).' : 'Not found'); return }
    res.sendFile(index)
  })
  app.use(errorHandler(logger))

  // Slow clients are bounded in time (a conference network has hosts that trickle requests, by
  // accident or not): the headers must arrive within headersTimeoutMs and the whole request within
  // requestTimeoutMs (408), checked every second rather than Node's default 30 s.
  const headersTimeout = config.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS
  const server = createServer({
    headersTimeout,
    requestTimeout: Math.max(config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout),
    connectionsCheckingInterval: Math.min(1000, headersTimeout)
  }, app)
  limitConnectionsPerAddress(server, config.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, logger, address => proxies.trusts(address, 0))
  // an answer left unread is not held for ever
  const stopStallSweep = closeStalledAnswers(server, config.responseStallMs ?? DEFAULT_RESPONSE_STALL_MS)
  transport.attach(hocuspocus)
  server.on('upgrade', transport.handleUpgrade)
  // a malformed, slow or oversized request, or a reset, before express sees it: answer 400 (408, 431) when still possible, never crash
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    if (e.code !== 'ECONNRESET') logger.info('http client error', { error: e.message, code: e.code })
    const status = e.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : e.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
    socket.destroy()
  })
  const sweep = setInterval(() => { store.purgeSessions(Date.now()).catch(() => undefined) }, 3600_000)
  sweep.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => { server.off('error', reject); resolve() })
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  return {
    url: `http://${config.host && config.host !== '0.0.0.0' ? config.host : '127.0.0.1'}:${port}`,
    port,
    store,
    hocuspocus,
    work,
    pdf,
    close() {
      closing ??= (async () => {
        clearInterval(sweep)
        stopStallSweep()
        transport.terminateAll()
        hocuspocus.closeConnections()
        // run pending debounced stores now (a failure there is retried just below), then store and drop what is still loaded
        persistence.shuttingDown = true
        for (const name of [...hocuspocus.documents.keys()]) {
          const key = `onStoreDocument-${name}`
          if (hocuspocus.debouncer.isDebounced(key)) await Promise.resolve(hocuspocus.debouncer.executeNow(key)).catch(() => undefined)
        }
        const failed: string[] = []
        for (const [name, document] of hocuspocus.documents) {
          try {
            await persistence.saveSnapshot(document, name)
          } catch (e) {
            failed.push(name)
            logger.error('the last save of a document failed on shutdown', { document: name, error: (e as Error).message })
          }
          document.destroy()
        }
        hocuspocus.documents.clear()
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => undefined)
        transport.close()
        server.closeAllConnections()
        await new Promise<void>(resolve => server.close(() => resolve()))
        await work.close()
        await pdf.close()
        await store.close()
        if (failed.length) throw new Error(`the last save of ${englishCount(failed.length, 'document')} failed on shutdown: ${failed.join(', ')} (their acknowledged updates are in the update log)`)
      })()
      return closing
    }
  }
}
