/**
 * The message rate limit keeps a bucket per socket for as long as the
 * socket is open, not after: each opening of the collaboration socket is a
 * socket of its own, and an assembly's server sees hundreds of thousands
 * (soak probe).
 */
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { test } from 'node:test'
import type { beforeHandleMessagePayload } from '@hocuspocus/server'
import { MessageRateLimit } from './rate-limit.js'

/** A WebSocket as the limit sees it: it closes (the server closes a throttled one). */
class Socket extends EventEmitter { close(): void { /* the server closing it: nothing to do here */ } }

/** A message of a connection on socket `n` (`webSocket`: what closes). */
const message = (limit: MessageRateLimit, webSocket: EventEmitter, n: number) =>
  limit.beforeHandleMessage({ connection: { socketId: `socket-${n}`, webSocket }, documentName: 'doc', context: {} } as unknown as beforeHandleMessagePayload)

test('a socket that closed holds no bucket of the message rate limit; one still open keeps its own', async () => {
  const limit = new MessageRateLimit({ perSecond: 100, burst: 400 })
  const sockets = Array.from({ length: 2000 }, () => new Socket())
  for (const [n, socket] of sockets.entries()) { await message(limit, socket, n); await message(limit, socket, n) }
  assert.equal(limit.socketsHeld, 2000)
  for (const socket of sockets.slice(1)) socket.emit('close', 1000, Buffer.from(''))
  assert.equal(limit.socketsHeld, 1, 'only the open socket keeps its bucket')
  let refused: unknown = null
  for (let k = 0; k < 1000 && !refused; k++) await message(limit, sockets[0]!, 0).catch((e: unknown) => { refused = e })
  assert.match(String(refused), /rate-limited/, 'the open socket still spends its own bucket')
})

/** A message of `user`'s connection on socket `n`. */
const userMessage = (limit: MessageRateLimit, webSocket: EventEmitter, n: number, user: string) =>
  limit.beforeHandleMessage({ connection: { socketId: `${user}-socket-${n}`, webSocket }, documentName: 'doc', context: { user: { id: user, username: user } } } as unknown as beforeHandleMessagePayload)

test("one account's sockets together are held to the account's rate, not each to a socket's: many sockets do not multiply it; another account keeps its own", async () => {
  // the hostile probe: one account's hundred sockets, each within its own rate, sent 10,000 messages a second
  const limit = new MessageRateLimit({ perSecond: 100, burst: 400, perUserPerSecond: 400, perUserBurst: 1600 })
  const sockets = Array.from({ length: 20 }, () => new Socket())
  let taken = 0
  // a refused socket is closed: what it sends after is dropped unread (never answered), so it sends no more here
  const closed = new Set<number>()
  for (let round = 0; round < 150; round++) {
    for (const [n, socket] of sockets.entries()) if (!closed.has(n)) await userMessage(limit, socket, n, 'amal').then(() => { taken++ }, () => { closed.add(n) })
  }
  const refused = closed.size
  assert.ok(taken <= 1600 + 50, `${taken} messages taken of the 3000 the account's sockets would send: about the account's burst`)
  assert.ok(refused > 0)
  // kenji's socket is his own, and messages before sign-in are held to the socket's rate only
  await userMessage(limit, new Socket(), 0, 'kenji')
  await message(limit, new Socket(), 99)
})
