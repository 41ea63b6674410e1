/**
 * A TCP proxy in front of Redis that a test controls, to make an outage or
 * a hang of Redis for one instance (fan-out tests).
 */
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net'

/** A TCP proxy to Redis that can refuse connections (`drop`), stop carrying bytes while keeping them open (`pause`), or hold them (`stall`). */
export class RedisProxy {
  private readonly server: Server
  private readonly pairs = new Set<[Socket, Socket]>()
  private mode: 'pass' | 'drop' | 'pause' | 'stall' = 'pass'
  constructor(private readonly target: URL) {
    this.server = createServer(client => {
      if (this.mode === 'drop') { client.destroy(); return }
      const upstream = tcpConnect(Number(target.port || 6379), target.hostname)
      const pair: [Socket, Socket] = [client, upstream]
      this.pairs.add(pair)
      const end = () => { client.destroy(); upstream.destroy(); this.pairs.delete(pair) }
      client.on('error', end).on('close', end)
      upstream.on('error', end).on('close', end)
      client.on('data', d => { if (this.mode === 'pass') upstream.write(d) })
      upstream.on('data', d => { if (this.mode === 'pass') client.write(d) })
      if (this.mode === 'stall') { client.pause(); upstream.pause() }
    })
  }
  /** Listens on a free port; gives the Redis URL that goes through the proxy. */
  async listen(): Promise<string> {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r))
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`
  }
  /** Closes every connection and refuses new ones. */
  drop(): void { this.mode = 'drop'; for (const [a, b] of this.pairs) { a.destroy(); b.destroy() } this.pairs.clear() }
  /** Keeps connections open but carries nothing (a hung Redis). */
  pause(): void { this.mode = 'pause' }
  /** Holds every byte in both directions, unread, until `pass` (a Redis process that stops, then goes on: nothing is lost). */
  stall(): void { this.mode = 'stall'; for (const [a, b] of this.pairs) { a.pause(); b.pause() } }
  /** Carries bytes again (what was sent while paused is lost: clients see it as a hang; what was held while stalled goes through). */
  pass(): void { this.mode = 'pass'; for (const [a, b] of this.pairs) { a.resume(); b.resume() } }
  /** Closes every connection and stops listening. */
  close(): void { this.drop(); this.server.close() }
}
