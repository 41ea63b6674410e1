/**
 * Openings that load documents, made all at once (thirteenth probe). Each
 * user loaded one document at a time, but with the embedded store a load
 * ends within the callback that began it, so a burst of openings sent in one
 * write (one user's 24 large documents) loaded every document in one turn
 * of the event loop: 4.2 s in which no keystroke, no timer and no HTTP
 * request was served. Now loads take turns across the server: one at a
 * time, with a turn of the event loop between two, and each user's next
 * load waits three times as long as their last took.
 *
 * What is asserted is counted, not timed: how many documents were loaded
 * between two turns of the event loop (a 1 ms timer's ticks).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { createDocument } from '../documents.js'
import { op, pre, prov, res } from '../../schema/builders.js'
import { login } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { authMessage, message, wsClient } from './raw-socket.js'

let server: TestServer
const tokens: Record<string, string> = {}

before(async () => {
  server = await startTestServer()
  for (const name of ['amal', 'kenji', 'salma', 'claire', 'sec']) tokens[name] = await login(server.url, name)
})
after(() => server.close())

/** A shared document of 2,000 provisions (some tens of ms to load), stored before anyone opens it. */
async function largeDocument(k: number): Promise<string> {
  const provisions = Array.from({ length: 2000 }, (_, i) => prov(`that provision ${k}.${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`))
  const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', number: '50', title: `Large ${k}` }, pre('considering', prov('that a;')), op('resolves', ...provisions))
  const meta = await createDocument(server.store, { title: `Large ${k}`, delegations: ['APT'], shared: true }, JSON.parse(JSON.stringify(doc.toJSON())), null)
  return meta.id
}

const syncStep1 = (name: string) => message(name, 0, e => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())) })

/** What an opening on a raw socket came to: the document (its SyncStep2) or the reason it was refused. */
function outcome(messages: Buffer[]): 'document' | string | null {
  for (const m of messages) {
    const d = decoding.createDecoder(new Uint8Array(m))
    decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    const sub = decoding.readVarUint(d)
    if (type === 2 && sub === 1) return decoding.readVarString(d) // permission denied, with its reason
    if (type === 0 && sub === 1) return 'document'
  }
  return null
}

/** Counts the documents loaded between two turns of the event loop while `during` runs; the most in one turn. */
async function mostLoadedInOneTurn(during: () => Promise<void>): Promise<{ most: number; longestStallMs: number }> {
  let last = server.hocuspocus.documents.size
  let most = 0
  const ticks = setInterval(() => {
    const now = server.hocuspocus.documents.size
    most = Math.max(most, now - last)
    last = now
  }, 1)
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  try { await during() } finally { clearInterval(ticks); delay.disable() }
  return { most, longestStallMs: Math.round(delay.max / 1e6) }
}

/**
 * Opens each document on a socket of its own for the given user, every opening sent in one write
 * of the event loop; those refused as busy are made again (as the page does) until all are open.
 */
async function openAllAtOnce(openings: { id: string; user: string }[]): Promise<{ busy: number }> {
  const sockets = await Promise.all(openings.map(() => wsClient(server.url)))
  let busy = 0
  try {
    openings.forEach(({ id, user }, k) => { sockets[k]!.ws.send(authMessage(id, tokens[user]!)); sockets[k]!.ws.send(syncStep1(id)) })
    await Promise.all(openings.map(async ({ id, user }, k) => {
      let socket = sockets[k]!
      for (let attempt = 0; ; attempt++) {
        const deadline = Date.now() + 60_000
        while (outcome(socket.messages) === null) {
          if (Date.now() > deadline) throw new Error(`no answer to the opening of ${id}`)
          await new Promise(r => setTimeout(r, 5))
        }
        const got = outcome(socket.messages)
        if (got === 'document') return
        assert.equal(got, 'busy', 'an opening is refused only as busy')
        busy++
        assert.ok(attempt < 100, 'the opening succeeds in the end')
        socket.ws.terminate()
        await new Promise(r => setTimeout(r, 300))
        socket = await wsClient(server.url)
        sockets.push(socket)
        socket.ws.send(authMessage(id, tokens[user]!))
        socket.ws.send(syncStep1(id))
      }
    }))
  } finally { for (const s of sockets) s.ws.terminate() }
  return { busy }
}

/** Waits until no document is loaded (every socket of a test closed). */
async function allUnloaded(): Promise<void> {
  const end = Date.now() + 20_000
  while (server.hocuspocus.documents.size > 0 || server.hocuspocus.getConnectionsCount() > 0) {
    if (Date.now() > end) throw new Error('documents still loaded')
    await new Promise(r => setTimeout(r, 20))
  }
}

test('one user opening twelve documents at once loads them one turn of the event loop at a time, and every opening succeeds in the end', async t => {
  const ids = await Promise.all(Array.from({ length: 12 }, (_, k) => largeDocument(k)))
  let busy = 0
  const { most, longestStallMs } = await mostLoadedInOneTurn(async () => { ({ busy } = await openAllAtOnce(ids.map(id => ({ id, user: 'amal' })))) })
  t.diagnostic(`most loaded in one turn: ${most}; longest stall ${longestStallMs} ms; busy refusals ${busy}`)
  assert.ok(most <= 2, `at most two documents loaded between two turns of the event loop (${most})`)
  await allUnloaded()
})

test('several users opening documents at once load them one turn of the event loop at a time', async t => {
  const ids = await Promise.all(Array.from({ length: 10 }, (_, k) => largeDocument(100 + k)))
  const users = ['amal', 'kenji', 'salma', 'claire', 'sec']
  let busy = 0
  const { most, longestStallMs } = await mostLoadedInOneTurn(async () => { ({ busy } = await openAllAtOnce(ids.map((id, k) => ({ id, user: users[k % users.length]! })))) })
  t.diagnostic(`most loaded in one turn: ${most}; longest stall ${longestStallMs} ms; busy refusals ${busy}`)
  assert.ok(most <= 2, `at most two documents loaded between two turns of the event loop (${most})`)
  await allUnloaded()
})
