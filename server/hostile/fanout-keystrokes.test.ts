/**
 * What one change costs the instances sharing a document (sixteenth probe),
 * and a change made while an instance's subscription to Redis was closed
 * and opened again. Two instances on PostgreSQL and Redis; skipped,
 * visibly, without both services.
 *
 * - A drafter's text with every other character deleted (a delete set of
 *   tens of thousands of ranges, within every limit) made each keystroke
 *   in it cross between the instances as two first sync steps answered with
 *   the document's whole delete set: on the probe's real servers 1.2 MB of
 *   Redis traffic and about 36 ms of the other instance's CPU per keystroke
 *   (1.5 KB and 1.5 ms on a fresh document), and a keystroke took 0.1 to
 *   4.7 s to reach a reader on the other instance.
 * - Redis closing a subscribing connection (CLIENT KILL, or its limit on
 *   what waits for a slow subscriber) is no failure ioredis reports: the
 *   connection is made again at once, and what was published meanwhile
 *   never reached the instance while nobody changed the document again.
 */
import assert from 'node:assert/strict'
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net'
import { test } from 'node:test'
import { Redis as RedisClient } from 'ioredis'
import type { ChildServer } from '../test/child.js'
import { connect, login, titleText, until } from '../test/helpers.js'
import { sharedInstances } from '../test/instances.js'

/** A TCP proxy to Redis that can close its connections as Redis closes a client (`cut`) and hold the connections made after, unanswered, until `release`. */
class ClosingProxy {
  private readonly server: Server
  private readonly pairs = new Set<[Socket, Socket]>()
  private held: Socket[] | null = null
  constructor(private readonly target: URL) {
    this.server = createServer(client => { if (this.held) { client.pause(); this.held.push(client) } else this.carry(client) })
  }
  private carry(client: Socket): void {
    const upstream = tcpConnect(Number(this.target.port || 6379), this.target.hostname)
    const pair: [Socket, Socket] = [client, upstream]
    this.pairs.add(pair)
    const end = () => { client.destroy(); upstream.destroy(); this.pairs.delete(pair) }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
    client.resume()
  }
  async listen(): Promise<string> {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r))
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`
  }
  /** Ends every connection as Redis ends a client it closes (no error), and holds the next ones. */
  cut(): void {
    this.held = []
    for (const [client, upstream] of this.pairs) { client.end(); upstream.end() }
  }
  /** Carries the held connections, and the next ones. */
  release(): void {
    const held = this.held ?? []
    this.held = null
    for (const client of held) this.carry(client)
  }
  close(): void {
    for (const [a, b] of this.pairs) { a.destroy(); b.destroy() }
    this.server.close()
  }
}

test('a keystroke in a text of many deletions crosses to the other instance as itself, not with the whole delete set', { timeout: 120_000 }, async t => {
  const instances = await sharedInstances(t)
  if (!instances) return
  const { clients } = instances
  const [a, b] = instances.servers as [ChildServer, ChildServer]
  const doc = instances.documents[0]!
  const listener = new RedisClient(process.env.REDIS_URL!)
  try {
    const [onA, onB] = [connect(a.url, doc.id, await login(a.url, 'amal')), connect(b.url, doc.id, await login(b.url, 'kenji'))]
    clients.push(onA, onB)
    await Promise.all([onA.synced, onB.synced])
    // a long run of text, then every other character of it deleted: each one a range of the delete set
    const text = titleText(onA.doc)
    const run = 40_000
    text.insert(text.length, 'x'.repeat(run))
    await until(() => titleText(onB.doc).length === text.length, 30_000, 'the run reaches B')
    const end = text.length
    onA.doc.transact(() => { for (let i = end - 2; i >= end - run; i -= 2) text.delete(i, 1) })
    await until(() => titleText(onB.doc).length === text.length, 30_000, 'the deletions reach B')
    await new Promise(r => setTimeout(r, 1000))

    // every message the instances publish about the document from now on
    let bytes = 0
    listener.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => { bytes += message.length })
    await listener.psubscribe(`*:${doc.id}`)
    for (let k = 0; k < 5; k++) {
      titleText(onA.doc).insert(0, `${k}`)
      await until(() => titleText(onB.doc).toString().startsWith(`${k}`), 20_000, `keystroke ${k} reaches B`)
    }
    await new Promise(r => setTimeout(r, 1000))
    assert.ok(bytes < 16 * 1024, `five keystrokes sent ${bytes} bytes through Redis`)
  } finally {
    listener.disconnect()
    await instances.close()
  }
})

test('a change published while Redis had closed an instance\'s connections reaches that instance once they are back, with no further change', { timeout: 90_000 }, async t => {
  const proxy = new ClosingProxy(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))
  const proxied = await proxy.listen()
  const instances = await sharedInstances(t, { redisUrlOf: (k, direct) => k === 0 ? proxied : direct })
  if (!instances) { proxy.close(); return }
  const { clients } = instances
  const [a, b] = instances.servers as [ChildServer, ChildServer]
  const doc = instances.documents[0]!
  try {
    const [onA, onB] = [connect(a.url, doc.id, await login(a.url, 'amal')), connect(b.url, doc.id, await login(b.url, 'kenji'))]
    clients.push(onA, onB)
    await Promise.all([onA.synced, onB.synced])
    titleText(onB.doc).insert(0, 'before ')
    await until(() => titleText(onA.doc).toString().startsWith('before '), 10_000, 'a first change crosses')
    proxy.cut()
    titleText(onB.doc).insert(0, 'while A reconnects ')
    await until(() => !onB.provider.hasUnsyncedChanges, 5000, 'B acknowledges the change')
    await new Promise(r => setTimeout(r, 500))
    proxy.release()
    await until(() => titleText(onA.doc).toString() === titleText(onB.doc).toString(), 15_000, 'A catches up with B')
    const health = await (await fetch(`${a.url}/api/health`)).json() as { fanOut?: string }
    assert.equal(health.fanOut, 'ok')
  } finally {
    await instances.close()
    proxy.close()
  }
})
