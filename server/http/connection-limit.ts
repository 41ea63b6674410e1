/**
 * A bound on the connections one client address holds open at once (HTTP
 * and WebSocket alike: both start as a TCP connection to the server). A
 * host that opens connection after connection, idle or trickling, would
 * otherwise use up the process's file descriptors and leave every other
 * delegation unable to connect. Past the bound, a new connection is closed
 * as soon as it is accepted; the refusals are logged at most once a minute
 * per address, with how many there were.
 */
import type { Server } from 'node:http'
import type { Logger } from '../log.js'

/** Default bound per address: room for a delegation behind one NAT address (each browser holds a socket and a few HTTP connections). */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256

const LOG_EVERY_MS = 60_000

/**
 * Closes, on arrival, each connection past `max` open ones from the same
 * address. A trusted reverse proxy's connections (`exempt`) are not counted:
 * they are its clients', whose connections the proxy holds and bounds.
 */
export function limitConnectionsPerAddress(server: Server, max: number, logger: Logger, exempt: (address: string) => boolean = () => false): void {
  const open = new Map<string, number>()
  const refused = new Map<string, { count: number; loggedAt: number }>()
  server.on('connection', socket => {
    const address = socket.remoteAddress ?? '?'
    if (exempt(address)) return
    const count = open.get(address) ?? 0
    if (count >= max) {
      socket.destroy()
      const r = refused.get(address) ?? { count: 0, loggedAt: 0 }
      r.count++
      const now = Date.now()
      if (now - r.loggedAt >= LOG_EVERY_MS) {
        logger.warn('connection refused: too many connections from one address', { address, open: count, refused: r.count })
        r.loggedAt = now
        r.count = 0
      }
      refused.set(address, r)
      return
    }
    open.set(address, count + 1)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else { open.delete(address); refused.delete(address) }
    })
  })
}
