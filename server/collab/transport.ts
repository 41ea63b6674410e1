/**
 * The collaboration transport: WebSocket upgrades at `/collab`, handed to
 * the Hocuspocus core. It owns what belongs to the sockets rather than to
 * documents:
 *
 * - refusals before the handshake: wrong path (404), a browser page from
 *   another origin (403, see origin.ts), too many connections from one
 *   address (429);
 * - Hocuspocus queues what a connection sends for a document it has not
 *   opened (before signing in, or for another name after): a connection
 *   that sends more than a few messages or bytes that way is closed
 *   (1008), and one that has not signed in within a minute too; what is
 *   sent to a connection and waits unread (asking for the whole document
 *   again and again, or never reading what others' changes bring) is
 *   bounded per connection and per account (unread-bytes.ts): past it the
 *   connection is ended, looked at as it is sent, when the connection sends
 *   and every two seconds;
 * - every error of a raw socket, a WebSocket or the WebSocket server is
 *   handled: the `ws` library closes a connection that breaks the protocol
 *   (1002, e.g. an unmasked client frame) or sends a frame over the limit
 *   (1009); the error is logged and everyone else keeps working;
 * - write coalescing: while a burst of updates is acknowledged and relayed,
 *   the sockets of the document's connections are corked and uncorked as
 *   soon as the current microtasks have drained (a `process.nextTick`
 *   queued from a microtask runs only then), so the frames for one peer
 *   leave in one write system call. The corking runs as a Hocuspocus hook
 *   after persistence has appended the update.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Extension, Hocuspocus, beforeHandleMessagePayload, connectedPayload } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { WebSocketServer } from 'ws'
import type WebSocket from 'ws'
import type { RateLimiter } from '../extensions/rate-limit.js'
import type { Logger } from '../log.js'
import { parseMessage } from './messages.js'
import { DEFAULT_MAX_UNREAD_BYTES, DEFAULT_MAX_UNREAD_BYTES_PER_USER, DEFAULT_MAX_UNREAD_BYTES_TOTAL, UnreadBytes } from './unread-bytes.js'
import { originAllowed } from '../http/origin.js'

/** Options of the transport. */
export interface TransportOptions {
  /** URL path of the endpoint (default `/collab`). */
  path?: string
  /** Largest WebSocket frame or message accepted, bytes (larger: closed with 1009). */
  maxPayload: number
  /** Origins allowed to open a socket from a browser (empty: the request's own host, and localhost). */
  publicOrigins?: readonly string[] | undefined
  /** New connections per client address. */
  perAddress?: RateLimiter | undefined
  /** The address a handshake comes from (forwarded by a trusted proxy, http/client-address.ts; default: the connection's own). */
  clientAddress?: ((request: IncomingMessage) => string) | undefined
  /** Bytes sent to one connection that may wait unread (default DEFAULT_MAX_UNREAD_BYTES); past it, it is ended. */
  maxUnreadBytes?: number | undefined
  /** Bytes sent to one account's connections that may wait unread together (default DEFAULT_MAX_UNREAD_BYTES_PER_USER). */
  maxUnreadBytesPerUser?: number | undefined
  /** Bytes sent to all connections that may wait unread together (default DEFAULT_MAX_UNREAD_BYTES_TOTAL). */
  maxUnreadBytesTotal?: number | undefined
  logger: Logger
}

/** Messages a connection may send before it has opened a document (the provider sends a handful). */
const PRE_AUTH_MESSAGES = 100
/** How often every connection's unread bytes are looked at, ms (a connection that sends is looked at each time). */
const UNREAD_SWEEP_MS = 2000
/** Time a connection has to open its first document, ms. */
const PRE_AUTH_MS = 60_000

/** The document name a Hocuspocus message starts with, or null when it cannot be read. */
function documentNameOf(data: Uint8Array): string | null {
  try { return decoding.readVarString(decoding.createDecoder(data)) } catch { return null }
}

const refuseHandshake = (socket: Duplex, status: string, extra = '') => {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n${extra}\r\n`)
  socket.destroy()
}

/** WebSocket upgrades, their errors and write coalescing for one Hocuspocus instance. */
export class CollabTransport {
  /** The WebSocket server (no HTTP server of its own). */
  readonly wss: WebSocketServer
  private readonly path: string
  private readonly sockets = new WeakMap<object, Duplex>()
  private corked: Duplex[] | null = null
  /** Documents whose sockets are corked now (a burst corks them once). */
  private readonly corkedDocuments = new Set<object>()
  private hocuspocus: Hocuspocus | null = null
  /** WebSockets that have opened a document. */
  private readonly signedIn = new WeakSet<object>()
  /** Per WebSocket: the documents it has opened, and what to tell when it opens one. */
  private readonly openDocuments = new WeakMap<object, { open: ReadonlySet<string>; opened: (name: string) => void; closed: (name: string) => void }>()
  /** What waits unread for each connection and each account's (unread-bytes.ts). */
  private readonly unread: UnreadBytes
  /** Ends connections too much sent to waits for, even when nothing is sent to them and they send nothing. */
  private readonly unreadSweep: NodeJS.Timeout

  constructor(private readonly options: TransportOptions) {
    this.path = options.path ?? '/collab'
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload })
    this.wss.on('error', e => options.logger.error('websocket server error', { error: e.message }))
    this.unread = new UnreadBytes({ perSocket: options.maxUnreadBytes ?? DEFAULT_MAX_UNREAD_BYTES, perUser: options.maxUnreadBytesPerUser ?? DEFAULT_MAX_UNREAD_BYTES_PER_USER, total: options.maxUnreadBytesTotal ?? DEFAULT_MAX_UNREAD_BYTES_TOTAL }, options.logger)
    this.unreadSweep = setInterval(() => this.unread.sweep(this.wss.clients), UNREAD_SWEEP_MS)
    this.unreadSweep.unref()
  }

  /** Hands accepted connections to `hocuspocus`. */
  attach(hocuspocus: Hocuspocus): void { this.hocuspocus = hocuspocus }

  /** The handler of the HTTP server's `upgrade` event. */
  readonly handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const address = this.options.clientAddress?.(request) ?? request.socket.remoteAddress ?? '?'
    // from here on the socket is ours: an error on it (reset, broken pipe) must not reach the process
    socket.on('error', e => this.options.logger.info('socket error', { address, error: e.message }))
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path !== this.path || !this.hocuspocus) { refuseHandshake(socket, '404 Not Found'); return }
    if (!originAllowed(request.headers.origin, request.headers.host, this.options.publicOrigins ?? [])) {
      this.options.logger.warn('websocket refused: origin not allowed', { origin: request.headers.origin, address })
      refuseHandshake(socket, '403 Forbidden')
      return
    }
    if (this.options.perAddress && !this.options.perAddress.take(address)) { refuseHandshake(socket, '429 Too Many Requests', 'Retry-After: 1\r\n'); return }
    const hocuspocus = this.hocuspocus
    this.wss.handleUpgrade(request, socket, head, ws => {
      ws.on('error', e => {
        // ws has already sent the close frame (1002 protocol error, 1009 too big, ...) and closes the socket
        this.options.logger.warn('websocket closed on a protocol error', { address, error: e.message, code: (e as { code?: string }).code })
      })
      this.sockets.set(ws, socket)
      this.unread.watch(ws, address)
      this.boundSocket(ws, address)
      hocuspocus.handleConnection(ws, request)
    })
  }

  /**
   * Closes `ws` when it waits too long before it has opened a document, when
   * it sends while too much sent to it waits unread, or when it sends too
   * much for documents it has not opened: Hocuspocus queues those
   * messages until the document's authentication succeeds, before signing
   * in and after (a name never authenticated, or refused, would be queued
   * for as long as the socket lives).
   */
  private boundSocket(ws: WebSocket, address: string): void {
    let messages = 0
    let bytes = 0
    /** Per document name not opened yet: what was queued for it (given back when it opens). */
    const queued = new Map<string, { messages: number; bytes: number }>()
    const open = new Set<string>()
    this.openDocuments.set(ws, {
      open,
      opened: name => {
        open.add(name)
        const q = queued.get(name)
        if (q) { messages -= q.messages; bytes -= q.bytes; queued.delete(name) }
      },
      // Hocuspocus queues messages for the name again once its connection has closed (a refused update, a close message)
      closed: name => { open.delete(name) }
    })
    const stop = (why: string) => {
      if (this.signedIn.has(ws)) this.options.logger.warn(`websocket closed: ${why}`, { address })
      else this.options.logger.warn(`websocket closed before authentication: ${why}`, { address })
      ws.close(1008, why)
      setTimeout(() => ws.terminate(), 1000).unref()
    }
    const timer = setTimeout(() => { if (!this.signedIn.has(ws)) stop('no document opened in time') }, PRE_AUTH_MS)
    timer.unref()
    const count = (data: Buffer | ArrayBuffer | Buffer[]) => {
      // what it asks for is answered into its socket: a client that asks and never reads would fill the server's memory
      if (this.unread.endIfUnread(ws)) { ws.off('message', count); return }
      const bytesOf = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data
      // a name that cannot be read is counted too (Hocuspocus closes the socket on it, after every frame already sent)
      const name = documentNameOf(bytesOf) ?? '\u0000unreadable'
      if (open.has(name)) return
      const q = queued.get(name) ?? { messages: 0, bytes: 0 }
      q.messages++
      q.bytes += bytesOf.byteLength
      queued.set(name, q)
      messages++
      bytes += bytesOf.byteLength
      if (messages > PRE_AUTH_MESSAGES || bytes > this.options.maxPayload) {
        ws.off('message', count)
        stop(this.signedIn.has(ws) ? 'too much sent for a document it has not opened' : 'too much sent before signing in')
      }
    }
    ws.on('message', count)
    ws.once('close', () => clearTimeout(timer))
  }

  /** Corks the network sockets of these WebSockets until the current microtasks have run. */
  corkUntilDrained(webSockets: Iterable<WebSocket>): void {
    for (const ws of webSockets) {
      const s = this.sockets.get(ws)
      if (!s || s.writableCorked > 0 || s.destroyed) continue
      if (!this.corked) { this.corked = []; process.nextTick(this.uncorkAll) }
      s.cork()
      this.corked.push(s)
    }
  }

  private readonly uncorkAll = (): void => {
    const list = this.corked ?? []
    this.corked = null
    this.corkedDocuments.clear()
    for (const s of list) s.uncork()
  }

  /**
   * The transport's Hocuspocus hooks: notes that a connection has opened a
   * document, and corks a document's sockets once an incoming update has
   * passed the other hooks (after persistence has appended it): the appends
   * committed together are acknowledged and relayed together, one write per
   * peer.
   */
  readonly extension: Extension = {
    extensionName: 'resdraft-transport',
    priority: 10,
    connected: async ({ connection, documentName, context }: connectedPayload) => {
      this.signedIn.add(connection.webSocket)
      const user = (context as { user?: { username?: string } }).user?.username
      if (user !== undefined) this.unread.belongsTo(connection.webSocket, user)
      const socket = this.openDocuments.get(connection.webSocket)
      socket?.opened(documentName)
      connection.onClose(() => socket?.closed(documentName))
    },
    beforeHandleMessage: async ({ update: data, connection, document }: beforeHandleMessagePayload) => {
      if (connection.readOnly || this.corkedDocuments.has(document) || !parseMessage(data).update) return
      const sockets: WebSocket[] = []
      for (const c of document.getConnections()) sockets.push(c.webSocket)
      this.corkUntilDrained(sockets)
      if (this.corked) this.corkedDocuments.add(document)
    }
  }

  /** Ends every open connection. */
  terminateAll(): void {
    for (const ws of this.wss.clients) ws.terminate()
  }

  /** Closes the WebSocket server. */
  close(): void {
    clearInterval(this.unreadSweep)
    this.wss.close()
  }
}
