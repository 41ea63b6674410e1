/**
 * Durability: 20 clients type into two documents; the server process is
 * killed with SIGKILL and restarted on the same data dir. Every update the
 * server acknowledged must be in the store (read straight from the SQLite
 * file before the restart), and after the clients reconnect every
 * document converges with everything anyone typed.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { jsonFromYDoc, yDocFromUpdates } from './collab/content.js'
import { embeddedStoreFile } from './store/open.js'
import { openSqliteStore } from './store/sqlite.js'
import { spawnServer, stopServer } from './test/child.js'
import type { ChildServer } from './test/child.js'
import { addDocument, connect, login, titleText, until } from './test/helpers.js'
import type { Client } from './test/helpers.js'

const CLIENTS = 20

// A provider destroyed while it is still retrying a dead server can leave a
// reconnect timer behind; do not let that keep this test file alive.
after(() => { setTimeout(() => process.exit(), 3000).unref() })
const MESSAGE_SYNC_STATUS = 8

test('acknowledged updates survive SIGKILL; clients reconnect and converge', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'resdraft-durable-'))
  const env = { DATA_DIR: dataDir, PORT: '0', SESSION_SECRET: 'durable-secret', DATABASE_URL: '', REDIS_URL: '' }
  const setup = openSqliteStore(embeddedStoreFile(dataDir))
  const docs = [await addDocument(setup, { delegations: ['APT'] }), await addDocument(setup, { delegations: ['APT'] })]
  await setup.close()

  let server: ChildServer = await spawnServer(env)
  const clients: { c: Client; doc: string; typed: string[]; acks: number; ackedAtSync: number; acked: number }[] = []
  const timers: NodeJS.Timeout[] = []
  let killed = false
  try {
    const tokens = [await login(server.url, 'amal'), await login(server.url, 'kenji')]
    for (let k = 0; k < CLIENTS; k++) {
      const doc = docs[k % 2]!.id
      const c = connect(server.url, doc, tokens[k % 2]!)
      const entry = { c, doc, typed: [] as string[], acks: 0, ackedAtSync: 0, acked: 0 }
      // count the server's "applied" sync-status messages: one per acknowledged update
      c.provider.on('message', ({ event }: { event: { data: ArrayBuffer | Uint8Array } }) => {
        if (killed) return
        const data = new Uint8Array(event.data as ArrayBuffer)
        const nameLength = data[0]! // document ids are UUIDs: one-byte length
        if (data[1 + nameLength] === MESSAGE_SYNC_STATUS && data[2 + nameLength] === 1) entry.acks++
      })
      clients.push(entry)
    }
    await Promise.all(clients.map(e => e.c.synced))
    await new Promise(r => setTimeout(r, 200))
    for (const e of clients) e.ackedAtSync = e.acks
    let typing = true
    for (const [k, e] of clients.entries()) {
      let i = 0
      timers.push(setInterval(() => {
        if (!typing) return
        const token = `<${k}.${i++}>`
        e.typed.push(token)
        const text = titleText(e.c.doc)
        text.insert(text.length, token)
      }, 25 + k))
    }
    // Type for at least 1.5 s and until the server has acknowledged a fair amount
    // (on a loaded machine acknowledgements come slower; wait for them, not for the clock).
    await new Promise(r => setTimeout(r, 1500))
    const acknowledged = () => clients.reduce((n, e) => n + Math.min(e.typed.length, e.acks - e.ackedAtSync), 0)
    await until(() => acknowledged() > CLIENTS * 10, 20_000, 'enough acknowledged updates before the kill')
    killed = true
    await stopServer(server, 'SIGKILL')
    for (const e of clients) e.acked = Math.min(e.typed.length, e.acks - e.ackedAtSync)
    const ackedTotal = clients.reduce((n, e) => n + e.acked, 0)
    assert.ok(ackedTotal > CLIENTS * 10, `enough acknowledged updates before the kill (${ackedTotal})`)

    // 1. what the dead server acknowledged is on disk
    const disk = openSqliteStore(embeddedStoreFile(dataDir))
    for (const d of docs) {
      const ydoc = yDocFromUpdates((await disk.loadUpdates(d.id)).updates)
      const stored = JSON.stringify(jsonFromYDoc(ydoc))
      for (const e of clients.filter(x => x.doc === d.id)) {
        for (const token of e.typed.slice(0, e.acked)) assert.ok(stored.includes(token), `acknowledged ${token} is stored`)
      }
    }
    await disk.close()

    // 2. clients keep typing offline for a moment, then the server comes back on the same port
    await new Promise(r => setTimeout(r, 300))
    server = await spawnServer({ ...env, PORT: String(server.port) })
    await new Promise(r => setTimeout(r, 500))
    typing = false
    await until(() => clients.every(e => e.c.provider.isSynced && !e.c.provider.hasUnsyncedChanges), 30_000, 'all clients synced again')
    for (const d of docs) {
      const group = clients.filter(e => e.doc === d.id)
      await until(() => group.every(e => titleText(e.c.doc).toString() === titleText(group[0]!.c.doc).toString()), 10_000, 'convergence')
      const text = titleText(group[0]!.c.doc).toString()
      for (const e of group) for (const token of e.typed) assert.ok(text.includes(token), `${token} present after reconnect`)
    }
  } finally {
    for (const t of timers) clearInterval(t)
    for (const e of clients) { try { e.c.destroy() } catch { /* a socket still connecting; the real error, if any, is already thrown */ } }
    await stopServer(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
