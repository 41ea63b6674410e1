/**
 * A hostile client's tools: raw TCP connections and WebSocket handshakes
 * (to send what no well-behaved library would), Hocuspocus messages built byte by byte, and
 * the checks every hostile test ends with (the server is up, peers still
 * converge, every stored document is valid).
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect as tcp } from 'node:net'
import type { Socket } from 'node:net'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { commentsProblems, documentProblems, rootProblems, yDocFromUpdates } from '../collab/content.js'
import type { Store } from '../store/types.js'
import type { Client } from '../test/helpers.js'
import { titleText, until } from '../test/helpers.js'

/** A raw TCP connection to `port` on this host (from `localAddress`, another loopback address, when given); resolves once connected. */
export function rawTcp(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = tcp({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () => resolve(s))
    s.on('error', reject)
  })
}

/** Resolves with the ms until the server closes `s`, or null if it is still open after `limit` ms. */
export function closedWithin(s: Socket, limit: number): Promise<number | null> {
  const t = performance.now()
  return new Promise(resolve => {
    if (s.destroyed) { resolve(0); return }
    const timer = setTimeout(() => resolve(null), limit)
    s.on('close', () => { clearTimeout(timer); resolve(performance.now() - t) })
    s.on('error', () => undefined)
    s.resume()
  })
}

/** A raw socket after a successful (101) WebSocket handshake at `/collab`, and everything it received. */
export interface RawSocket {
  socket: Socket
  /** Bytes received after the handshake. */
  received(): Buffer
  /** Resolves when the server has closed the TCP connection. */
  closed: Promise<void>
}

/** Opens a TCP connection and performs the WebSocket handshake (rejects on any status but 101). */
export function rawUpgrade(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = tcp(Number(port), hostname)
    let buf = Buffer.alloc(0)
    let upgraded = false
    let after = Buffer.alloc(0)
    const closed = new Promise<void>(r => socket.on('close', () => r()))
    socket.on('error', () => undefined)
    socket.on('connect', () => {
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')
      socket.write(`GET /collab HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n${extra}\r\n`)
    })
    socket.on('data', (d: Buffer) => {
      if (upgraded) { after = Buffer.concat([after, d]); return }
      buf = Buffer.concat([buf, d])
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const status = buf.subarray(0, buf.indexOf('\r\n')).toString()
      if (!/ 101 /.test(status)) { socket.destroy(); reject(new Error(status)); return }
      upgraded = true
      after = buf.subarray(end + 4)
      resolve({ socket, received: () => after, closed })
    })
    socket.on('close', () => { if (!upgraded) reject(new Error('closed before the handshake')) })
  })
}

/** The status code of the first close frame in `bytes` (server frames are unmasked), or null. */
export function closeCode(bytes: Buffer): number | null {
  let i = 0
  while (i + 2 <= bytes.length) {
    const op = bytes[i]! & 0x0f
    let len = bytes[i + 1]! & 0x7f
    let at = i + 2
    if (len === 126) { len = bytes.readUInt16BE(at); at += 2 } else if (len === 127) { len = Number(bytes.readBigUInt64BE(at)); at += 8 }
    if (op === 0x8) return len >= 2 ? bytes.readUInt16BE(at) : 1005
    i = at + len
  }
  return null
}

/** A Hocuspocus message: document name, type, then what `body` writes. */
export function message(documentName: string, type: number, body: (e: encoding.Encoder) => void = () => undefined): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, documentName)
  encoding.writeVarUint(e, type)
  body(e)
  return encoding.toUint8Array(e)
}

/** The authentication message a provider sends first. */
export const authMessage = (documentName: string, token: string) => message(documentName, 2, e => { encoding.writeVarUint(e, 0); encoding.writeVarString(e, token) })
/** A y-sync Update message carrying `update`. */
export const updateMessage = (documentName: string, update: Uint8Array) => message(documentName, 0, e => { encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, update) })
/** An awareness message with these raw entries (clientId, clock, JSON text of the state). */
export const awarenessMessage = (documentName: string, entries: [number, number, string][]) => message(documentName, 1, e => {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const [id, clock, json] of entries) { encoding.writeVarUint(inner, id); encoding.writeVarUint(inner, clock); encoding.writeVarString(inner, json) }
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
})

/** A Yjs update (format v1) of deletions of `client`'s clocks alone, each range written as given (clocks past 2^53 too). */
export function deletionUpdate(client: number, ranges: readonly (readonly [clock: number, len: number])[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0) // no structs
  encoding.writeVarUint(e, 1) // one client's deletions
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, ranges.length)
  for (const [clock, len] of ranges) { encoding.writeVarUint(e, clock); encoding.writeVarUint(e, len) }
  return encoding.toUint8Array(e)
}

/**
 * A Yjs update (format v1) of one item of comment entries (ContentAny) by `client` at `clock`, written by hand: where
 * it is placed (neighbours, a root by name, a parent by id, a map key) is the attacker's choice; then `deletions`,
 * each [client, clock, len] as given.
 */
export function entriesUpdate(s: { client: number; clock: number; entries: unknown[]; origin?: Y.ID; rightOrigin?: Y.ID; root?: string; parent?: Y.ID; parentSub?: string }, deletions: [number, number, number][] = []): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, s.client)
  encoding.writeVarUint(e, s.clock)
  encoding.writeUint8(e, 8 | (s.origin ? 128 : 0) | (s.rightOrigin ? 64 : 0) | (s.parentSub ? 32 : 0))
  const id = (x: Y.ID) => { encoding.writeVarUint(e, x.client); encoding.writeVarUint(e, x.clock) }
  if (s.origin) id(s.origin)
  if (s.rightOrigin) id(s.rightOrigin)
  if (!s.origin && !s.rightOrigin) {
    if (s.root !== undefined) { encoding.writeVarUint(e, 1); encoding.writeVarString(e, s.root) } else { encoding.writeVarUint(e, 0); id(s.parent!) }
    if (s.parentSub) encoding.writeVarString(e, s.parentSub)
  }
  encoding.writeVarUint(e, s.entries.length)
  for (const x of s.entries) encoding.writeAny(e, x as never)
  encoding.writeVarUint(e, deletions.length)
  for (const [client, clock, len] of deletions) { encoding.writeVarUint(e, client); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, clock); encoding.writeVarUint(e, len) }
  return encoding.toUint8Array(e)
}

/** Sends `update` as `token`'s on a socket of its own to the server at `url`, and closes it once the server has had time to read it. */
export async function sendAlone(url: string, documentId: string, token: string, update: Uint8Array): Promise<void> {
  const c = await wsClient(url)
  c.ws.send(authMessage(documentId, token))
  await until(() => c.messages.length > 0, 3000, 'authenticated')
  c.ws.send(updateMessage(documentId, update))
  await new Promise(r => setTimeout(r, 300))
  c.ws.close()
}

/** A `ws` client on `/collab` (no provider); resolves once open. Records the close code and reason. */
export async function wsClient(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }>; messages: Buffer[] }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/collab`, { headers })
  ws.on('error', () => undefined)
  const messages: Buffer[] = []
  ws.on('message', (d: Buffer) => messages.push(d))
  const closed = new Promise<{ code: number; reason: string }>(r => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })))
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('close', () => reject(new Error('closed before open'))) })
  return { ws, closed, messages }
}

/** After an attack: the HTTP API answers, a peer's typing reaches the other peer, and every stored document is valid. */
export async function assertStillServing(url: string, store: Store, a: Client, b: Client, documentIds: readonly string[]): Promise<void> {
  const health = await fetch(`${url}/api/health`)
  assert.equal(health.status, 200, 'health answers')
  const mark = `m${Math.random().toString(36).slice(2, 8)} `
  titleText(a.doc).insert(0, mark)
  await until(() => titleText(b.doc).toString().startsWith(mark), 5000, 'a peer\'s typing reaches the other peer')
  await until(() => !a.provider.hasUnsyncedChanges, 5000, 'the typing is acknowledged')
  for (const id of documentIds) assertValid(yDocFromUpdates((await store.loadUpdates(id)).updates), `stored ${id}`)
}

/** Asserts that a Y.Doc passes every check the server applies (roots, comments, document model). */
export function assertValid(doc: Y.Doc, what: string): void {
  assert.deepEqual([...rootProblems(doc), ...commentsProblems(doc), ...documentProblems(doc)], [], `${what} is valid`)
}
