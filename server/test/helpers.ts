/**
 * Test helpers: a real server on port 0 in a temp dir, signing in, sample
 * documents, and real HocuspocusProvider clients in Node (`ws` as the
 * WebSocket implementation).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { startServer } from '../app.js'
import type { RunningServer } from '../app.js'
import type { ServerConfig } from '../config.js'
import { MemoryLogger } from '../log.js'
import { createDocument } from '../documents.js'
import type { DocumentMeta, Store } from '../store/types.js'

/** A server for one test file, with its temp dir removed on close. */
export interface TestServer extends RunningServer {
  dataDir: string
}

/** Starts a server on port 0 with a fresh data dir, no seeding, short debounce. */
export async function startTestServer(over: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = over.dataDir ?? mkdtempSync(join(tmpdir(), 'resdraft-server-'))
  const server = await startServer({ port: 0, dataDir, seedDocuments: false, debounce: 200, sessionSecret: 'test-secret', demoAccounts: true, logger: new MemoryLogger(), ...over })
  return {
    ...server, dataDir,
    async close() { await server.close(); if (!over.dataDir) rmSync(dataDir, { recursive: true, force: true }) }
  }
}

/** `startTestServer` that also serves a one-page client (a minimal built `index.html`), for the routes that serve the app and its headers. */
export async function startTestServerWithPage(over: Partial<ServerConfig> = {}): Promise<TestServer> {
  const distDir = mkdtempSync(join(tmpdir(), 'resdraft-dist-'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>resdraft</title>')
  const server = await startTestServer({ ...over, distDir })
  return { ...server, async close() { await server.close(); rmSync(distDir, { recursive: true, force: true }) } }
}

/** Signs in a demo user; returns the token. */
export async function login(url: string, username: string, password = `${username}-demo`): Promise<string> {
  const r = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`)
  return (await r.json() as { token: string }).token
}

/** Calls the API with a token; returns status and parsed body. */
export async function api(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const r = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  let parsed: unknown = text
  try { parsed = text ? JSON.parse(text) : null } catch { /* not JSON */ }
  return { status: r.status, body: parsed }
}

/** A small valid resolution as JSON. */
export function sampleJSON(title = 'Cybersecurity'): Record<string, unknown> {
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title },
    pre('considering', prov('that security matters;', { id: 'c1' }), prov('that cooperation helps,', { id: 'c2' }), { id: 's1' }),
    op('resolves', prov('to continue the work.', { id: 'r1' }), { id: 's2' }))
  return JSON.parse(JSON.stringify(doc.toJSON())) as Record<string, unknown>
}

/** Creates a document directly in the store. */
export function addDocument(store: Store, over: { delegations?: string[]; shared?: boolean; title?: string } = {}): Promise<DocumentMeta> {
  return createDocument(store, { title: over.title ?? 'Test', delegations: over.delegations ?? ['APT'], shared: over.shared ?? false }, sampleJSON(), null)
}

/** A connected test client. */
export interface Client {
  doc: Y.Doc
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  /** Stateless messages received (parsed JSON when possible). */
  stateless: unknown[]
  /** Close events received (code and reason). */
  closes: { code?: number; reason?: string }[]
  /** Resolves once the first sync is done (rejects on authentication failure). */
  synced: Promise<void>
  destroy(): void
}

/**
 * `ws` as the test clients' WebSocket, with a listener for 'error' always
 * there: the provider removes its own listeners before it closes a socket,
 * and `ws` reports a handshake aborted that way (a client destroyed while it
 * connects) as an 'error' event, which with no listener would be thrown.
 * Errors still reach the provider's listener while it has one.
 */
class TestWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols)
    this.on('error', () => undefined)
  }
}

/** Opens a provider on `documentId` (`query`: e.g. `?schema=...`, as a browser page sends). */
export function connect(url: string, documentId: string, token: string, doc: Y.Doc = new Y.Doc(), query = ''): Client {
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/collab${query}`, WebSocketPolyfill: TestWebSocket, delay: 50, minDelay: 50, maxDelay: 300, factor: 1.5, jitter: false })
  const stateless: unknown[] = []
  const closes: { code?: number; reason?: string }[] = []
  let provider!: HocuspocusProvider
  const synced = new Promise<void>((resolve, reject) => {
    provider = new HocuspocusProvider({
      websocketProvider: socket, name: documentId, token, document: doc,
      onSynced: () => resolve(),
      onAuthenticationFailed: ({ reason }) => reject(new Error(`authentication failed: ${reason}`)),
      onStateless: ({ payload }) => { try { stateless.push(JSON.parse(payload)) } catch { stateless.push(payload) } },
      onClose: ({ event }) => { closes.push({ code: event.code, reason: event.reason }) }
    })
  })
  synced.catch(() => undefined)
  provider.attach()
  // (a socket closed by the server shortly before has a reconnection timer that destroy() leaves running:
  // HocuspocusProviderWebsocket would connect again, and retry for ever once the server is gone)
  return { doc, provider, socket, stateless, closes, synced, destroy() { provider.destroy(); socket.destroy(); socket.connect = async () => undefined } }
}

/** Counts the messages `client`'s socket sends while open (queued ones as they go out), of those `which` accepts. */
export function countSentWhileOpen(client: Client, which: (message: Uint8Array) => boolean = () => true): { readonly count: number } {
  const counter = { count: 0 }
  const socket = client.socket as unknown as { send(m: Uint8Array): void; webSocket: { readyState: number } | null }
  const send = socket.send.bind(socket)
  socket.send = m => { if (socket.webSocket?.readyState === 1 && which(m)) counter.count++; send(m) }
  return counter
}

/** The XmlText of the resolution title (first text one can type into). */
export function titleText(doc: Y.Doc): Y.XmlText {
  const title = doc.getXmlFragment(FRAGMENT).toArray().find(n => n instanceof Y.XmlElement && n.nodeName === 'resolutionTitle') as Y.XmlElement
  return title.get(0) as Y.XmlText
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise(r => setTimeout(r, 20))
  }
}
