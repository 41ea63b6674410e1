/**
 * Bounded HTTP work (run: node --import tsx bench/http.bench.ts).
 *
 * A server in a child process; two signed-in clients on one document, one
 * typing a character every 100 ms, the other receiving; `/api/health`
 * polled every 50 ms. Measured first idle (the baseline of this run), then
 * while the secretariat imports the largest accepted text (3,000
 * provisions, the limit), and while the 450,000-line import of issue 10 is
 * refused. Prints the import durations and p50/p99/max latencies of health
 * and of keystroke-to-peer; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { IMPORT_LIMITS } from '../schema/text/index.js'
import { spawnServer, stopServer } from '../server/test/child.js'
import { api, connect, login, titleText } from '../server/test/helpers.js'

const head = 'RESOLUTION 50 (Rev. Dubai, 2012)\nCybersecurity\nThe World Telecommunication Standardization Assembly (Dubai, 2012),\nresolves\n'
const largest = head + Array.from({ length: IMPORT_LIMITS.provisions }, (_, i) => `${i + 1}\tthat the provision number ${i + 1} be read with care;`).join('\n')
const refused = head + '1\tthat a;\n'.repeat(450_000)

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN }
const fmt = (xs: number[]) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p99 ${pct(xs, 0.99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`

const dataDir = mkdtempSync(join(tmpdir(), 'resdraft-bench-http-'))
const server = await spawnServer({ PORT: '0', DATA_DIR: dataDir, HOST: '127.0.0.1', SESSION_SECRET: 'bench' })
try {
  const sec = await login(server.url, 'sec')
  const kenji = await login(server.url, 'kenji')
  const small = await api(server.url, sec, 'POST', '/api/documents', { title: 'Typing', text: head + '1\tthat a;\n', delegations: ['APT'] })
  const typer = connect(server.url, small.body.id, kenji)
  const peer = connect(server.url, small.body.id, kenji)
  await Promise.all([typer.synced, peer.synced])

  // keystroke-to-peer: the typer writes a marker character; the peer notes when its title holds it
  const sent = new Map<number, number>()
  const typing: number[] = []
  let n = 0
  peer.doc.on('update', () => {
    const text = titleText(peer.doc).toString()
    for (const [k, at] of sent) if (text.includes(`\u2063${k}\u2063`)) { typing.push(performance.now() - at); sent.delete(k) }
  })
  const health: number[] = []
  let running = true
  const typeLoop = (async () => {
    while (running) {
      const k = n++
      sent.set(k, performance.now())
      titleText(typer.doc).insert(0, `\u2063${k}\u2063`)
      await new Promise(r => setTimeout(r, 100))
    }
  })()
  const healthLoop = (async () => {
    while (running) {
      const t = performance.now()
      await (await fetch(`${server.url}/api/health`)).arrayBuffer()
      health.push(performance.now() - t)
      await new Promise(r => setTimeout(r, 50))
    }
  })()
  const window = async (label: string, work: () => Promise<string>) => {
    health.length = 0
    typing.length = 0
    const t = performance.now()
    const what = await work()
    console.log(`${label}: ${what} in ${((performance.now() - t) / 1000).toFixed(2)} s`)
    console.log(`  /api/health      ${fmt(health)}`)
    console.log(`  keystroke->peer  ${fmt(typing)}`)
  }
  await new Promise(r => setTimeout(r, 2000)) // warm up
  await window('idle (baseline)', async () => { await new Promise(r => setTimeout(r, 4000)); return 'nothing' })
  for (let i = 1; i <= 3; i++) {
    await window(`largest accepted import #${i} (${IMPORT_LIMITS.provisions} provisions, ${largest.length} chars)`, async () => {
      const r = await api(server.url, sec, 'POST', '/api/documents', { title: `Largest ${i}`, text: largest })
      return `status ${r.status}`
    })
  }
  await window(`the 450,000-line import (${refused.length} chars)`, async () => {
    const r = await api(server.url, sec, 'POST', '/api/documents', { title: 'Refused', text: refused })
    return `status ${r.status} (${r.body.error})`
  })
  running = false
  await Promise.all([typeLoop, healthLoop])
  typer.destroy()
  peer.destroy()
} finally {
  await stopServer(server)
  rmSync(dataDir, { recursive: true, force: true })
}
