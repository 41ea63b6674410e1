/**
 * Collaboration server benchmark (run: node --expose-gc --import tsx bench/server.bench.ts).
 *
 * Servers run in child processes (this file with `--serve MODE`), clients
 * here, as light raw WebSocket clients speaking the Hocuspocus protocol
 * (auth, then y-sync updates), so that the client side costs little:
 *   ours        resdraft's server: auth, rate limits, validation, SQLite persistence, audit
 *   hocuspocus  plain Hocuspocus 3.4, no extensions (the baseline)
 *   yws         a bare y-protocols relay built the way @y/websocket-server 0.1
 *               is (one Y.Doc per room, sync + broadcast); an emulation of its
 *               design, not the package, which is not installed here
 *
 * 1. Relay throughput: per document one sender pushes 300 typing updates as
 *    fast as the socket takes them, five clients receive; updates delivered
 *    per second after an untimed warm-up burst of 150, ours / baseline, the
 *    median of five rounds run in turns.
 * 2. Keystroke-to-peer latency: 50, 200, 500, 1,000 clients over 50 documents, each
 *    typing one character every 500 ms; p50/p99 from send to a peer's
 *    receipt over 6 s, after 2 s of typing that warm both servers up (JIT,
 *    first writes), whose p99 is printed apart; server RSS while they are
 *    connected and the server's CPU seconds over the measured window.
 * Prints figures; asserts nothing.
 *
 * For digging: BENCH_ONLY_THROUGHPUT=ours|hocuspocus|yws or
 * BENCH_ONLY_LATENCY=<clients> (with BENCH_MODE=ours|hocuspocus) run one
 * measurement; BENCH_LATENCY_CLIENTS=50,500 the client counts of part 2;
 * BENCH_OMIT=<extension names> leaves extensions out of ours; our server
 * runs with the Node flags of `npm start` (package.json), BENCH_SERVER_FLAGS
 * (space-separated, '' for none) gives others;
 * BENCH_CPU_PROF=<dir> writes the servers' CPU profiles, BENCH_ALLOC_PROF=<dir>
 * sampling profiles of all they allocate (collected or not); BENCH_STALLS=1
 * makes the server log event-loop stalls over 30 ms (BENCH_STALLS=<ms>:
 * over that many) and garbage collections over 2 ms.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hocuspocus } from '@hocuspocus/server'
import WebSocket, { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { FRAGMENT } from '../protocol/shared-doc.js'
import { op, pre, prov, res } from '../schema/builders.js'

type Mode = 'ours' | 'hocuspocus' | 'yws'
const DOCS = 50
/** Client counts of the latency measurement (BENCH_LATENCY_CLIENTS=50,500 to choose). */
const LATENCY_CLIENTS = process.env.BENCH_LATENCY_CLIENTS ? process.env.BENCH_LATENCY_CLIENTS.split(',').map(Number) : [50, 200, 500, 1000]

// ---------------------------------------------------------------- servers

async function serve(mode: Mode, dataDir: string): Promise<void> {
  if (mode === 'ours') {
    const { startServer } = await import('../server/app.js')
    const s = await startServer({
      port: 0, dataDir, seedDocuments: false, sessionSecret: 'bench', demoAccounts: true,
      connectionRate: { perSecond: 10_000, burst: 10_000 }, messageRate: { perSecond: 10_000, burst: 10_000, perUserPerSecond: 1_000_000, perUserBurst: 1_000_000 }, maxConnectionsPerAddress: 10_000, maxConnectionsPerUser: 10_000, maxUnreadBytesPerUser: 1024 ** 4,
      // every bench client signs in as one user, from one address
      sessionsPerUser: { perSecond: 10_000, burst: 10_000 },
      storedBytesPerUser: { perSecond: 1024 ** 3, burst: 1024 ** 3 },
      omitExtensions: process.env.BENCH_OMIT?.split(',')
    })
    process.stdout.write(`LISTENING ${s.port}\n`)
    return
  }
  const server = createServer()
  const wss = new WebSocketServer({ noServer: true })
  if (mode === 'hocuspocus') {
    const hocuspocus = new Hocuspocus({ quiet: true })
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, ws => hocuspocus.handleConnection(ws, req)))
  } else {
    const rooms = new Map<string, { doc: Y.Doc; conns: Set<WebSocket> }>()
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, ws => {
      const name = (req.url ?? '/').slice(1)
      let room = rooms.get(name)
      if (!room) {
        const r = { doc: new Y.Doc(), conns: new Set<WebSocket>() }
        r.doc.on('update', (update: Uint8Array) => {
          const e = encoding.createEncoder()
          encoding.writeVarUint(e, 0)
          syncProtocol.writeUpdate(e, update)
          const msg = encoding.toUint8Array(e)
          for (const c of r.conns) c.send(msg)
        })
        rooms.set(name, r)
        room = r
      }
      const current = room
      current.conns.add(ws)
      ws.on('message', (data: Buffer) => {
        const dec = decoding.createDecoder(new Uint8Array(data))
        const enc = encoding.createEncoder()
        if (decoding.readVarUint(dec) !== 0) return
        encoding.writeVarUint(enc, 0)
        syncProtocol.readSyncMessage(dec, enc, current.doc, ws)
        if (encoding.length(enc) > 1) ws.send(encoding.toUint8Array(enc))
      })
      ws.on('close', () => current.conns.delete(ws))
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.writeSyncStep1(e, current.doc)
      ws.send(encoding.toUint8Array(e))
    }))
  }
  server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`))
}

interface Child { proc: ChildProcess; port: number }

/**
 * Node's flags of our server as `npm start` runs it (package.json), so that
 * the bench measures the server as deployed; BENCH_SERVER_FLAGS replaces them
 * ('' for none). The baselines run with Node's defaults.
 */
const OURS_NODE_FLAGS: string[] = process.env.BENCH_SERVER_FLAGS !== undefined
  ? process.env.BENCH_SERVER_FLAGS.split(' ').filter(Boolean)
  : (/^node\s+(.*?)\s*--import\b/.exec((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start)?.[1] ?? '').split(/\s+/).filter(Boolean)

function spawnServer(mode: Mode, dataDir: string): Promise<Child> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
  const proc = spawn(process.execPath, ['--expose-gc', ...(mode === 'ours' ? OURS_NODE_FLAGS : []), ...prof, '--import', 'tsx', new URL(import.meta.url).pathname, '--serve', mode, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    proc.stdout!.on('data', (d: Buffer) => { out += d; const m = /LISTENING (\d+)/.exec(out); if (m) resolve({ proc, port: Number(m[1]) }) })
    proc.once('exit', c => reject(new Error(`${mode} server exited ${c}`)))
  })
}

const stop = (c: Child) => new Promise<void>(r => { c.proc.once('exit', () => r()); c.proc.kill('SIGTERM'); setTimeout(() => c.proc.kill('SIGKILL'), 3000).unref() })
/** CPU seconds (user + system) the server process has used so far. */
const cpuSeconds = (c: Child) => { const f = readFileSync(`/proc/${c.proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) / 100 }
const rssMiB = (c: Child) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024

// ---------------------------------------------------------------- clients

const enc = new TextEncoder()
function varUint(out: number[], n: number) { while (n > 127) { out.push((n & 127) | 128); n = Math.floor(n / 128) } out.push(n) }
function varString(out: number[], s: string) { const b = enc.encode(s); varUint(out, b.length); for (const x of b) out.push(x) }

/** A raw client: Hocuspocus protocol (document name first) or y-websocket's (room in the URL). */
class RawClient {
  ws!: WebSocket
  private prefix: number[] = []
  constructor(readonly mode: Mode, readonly doc: string, readonly onUpdate: (u: Uint8Array) => void) {}

  open(port: number, token: string): Promise<void> {
    const hp = this.mode !== 'yws'
    if (hp) varString(this.prefix, this.doc)
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/${hp ? 'collab' : this.doc}`)
    return new Promise((resolve, reject) => {
      this.ws.on('error', reject)
      this.ws.on('message', (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data))
        if (hp) decoding.readVarString(d)
        const type = decoding.readVarUint(d)
        if (hp && type === 2) { const sub = decoding.readVarUint(d); if (sub === 2) resolve(); else reject(new Error('permission denied')); return }
        if (type === 0 && decoding.readVarUint(d) === 2) this.onUpdate(decoding.readVarUint8Array(d))
      })
      this.ws.on('open', () => {
        if (!hp) { resolve(); return }
        const m = [...this.prefix, 2, 0]
        varString(m, token)
        this.ws.send(Buffer.from(m))
      })
    })
  }

  sendUpdate(update: Uint8Array) {
    const m = [...this.prefix, 0, 2]
    varUint(m, update.length)
    this.ws.send(Buffer.concat([Buffer.from(m), update]))
  }

  close() { this.ws.terminate() }
}

// ---------------------------------------------------------------- documents and updates

function benchJSON(n: number): unknown {
  const considering = Array.from({ length: 8 }, (_, i) => prov(`that considering text ${n}.${i} about cooperation on cybersecurity among Member States;`))
  const resolves = Array.from({ length: 12 }, (_, i) => prov(`to continue work item ${n}.${i} on the security of telecommunication networks.`))
  return JSON.parse(JSON.stringify(res({ lang: 'en', heading: `RESOLUTION ${n}`, title: `Bench ${n}` }, pre('considering', ...considering), op('resolves', ...resolves)).toJSON()))
}

/** Typing updates of one simulated user: one character at the end of the title, `count` times. */
function typingUpdates(initial: Uint8Array, clientID: number, count: number): { update: Uint8Array; key: string }[] {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, initial)
  const title = doc.getXmlFragment(FRAGMENT).toArray().find(n => n instanceof Y.XmlElement && n.nodeName === 'resolutionTitle') as Y.XmlElement
  const text = title.get(0) as Y.XmlText
  const out: { update: Uint8Array; key: string }[] = []
  doc.on('update', (u: Uint8Array) => out.push({ update: u, key: keyOf(u) }))
  for (let i = 0; i < count; i++) text.insert(text.length, 'x')
  doc.destroy()
  return out
}
function keyOf(update: Uint8Array): string {
  const s = Y.decodeUpdate(update).structs[0]!
  return `${s.id.client}:${s.id.clock}`
}

interface Setup { docIds: string[]; initial: Map<string, Uint8Array>; dataDir: string; token: string }

async function prepareOurs(): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'resdraft-bench-'))
  const { openStore } = await import('../server/store/open.js')
  const { createDocument } = await import('../server/documents.js')
  const store = await openStore({ dataDir })
  const docIds: string[] = []
  const initial = new Map<string, Uint8Array>()
  for (let i = 0; i < DOCS; i++) {
    const meta = await createDocument(store, { title: `Bench ${i}`, delegations: ['APT'] }, benchJSON(i), null)
    docIds.push(meta.id)
    initial.set(meta.id, (await store.loadUpdates(meta.id)).updates[0]!)
  }
  await store.close()
  return { docIds, initial, dataDir, token: '' }
}

async function login(port: number): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'amal', password: 'amal-demo' }) })
  return (await r.json() as { token: string }).token
}

/** Connects clients (`perDoc` on each of `docs` documents); for the stateless servers, pushes the initial state first. */
async function connectAll(mode: Mode, child: Child, setup: Setup, docs: number, perDoc: number, onUpdate: (doc: string, k: number, u: Uint8Array) => void): Promise<RawClient[][]> {
  const groups: RawClient[][] = []
  for (let d = 0; d < docs; d++) {
    const id = setup.docIds[d]!
    const group: RawClient[] = []
    for (let k = 0; k < perDoc; k++) group.push(new RawClient(mode, id, u => onUpdate(id, k, u)))
    // connect in small batches (the per-IP limit of ours is raised for the bench)
    await Promise.all(group.map(c => c.open(child.port, setup.token)))
    if (mode !== 'ours') group[0]!.sendUpdate(setup.initial.get(id)!)
    groups.push(group)
  }
  await new Promise(r => setTimeout(r, 1000))
  return groups
}

// ---------------------------------------------------------------- 1. throughput

async function throughput(mode: Mode, setup: Setup, round = 0, docs = 20, perDoc = 5, updates = 300, warmup = 150): Promise<{ perSecond: number; seconds: number }> {
  const child = await spawnServer(mode, setup.dataDir)
  if (mode === 'ours') setup.token = await login(child.port)
  // new client ids each round: our server keeps what earlier rounds wrote, and would relay nothing of a repeat
  const plan = setup.docIds.slice(0, docs).map((id, d) => typingUpdates(setup.initial.get(id)!, 100_000 + round * 1000 + d, warmup + updates))
  let received = 0
  let target = 0
  let done!: () => void
  let finished = Promise.resolve()
  const expect = (n: number) => { received = 0; target = n; finished = new Promise<void>(r => { done = r }) }
  const groups = await connectAll(mode, child, setup, docs, perDoc, () => { if (++received === target) done() })
  const send = async (from: number, to: number) => {
    expect(docs * perDoc * (to - from))
    groups.forEach((g, d) => { for (const u of plan[d]!.slice(from, to)) g[0]!.sendUpdate(u.update) })
    await Promise.race([finished, new Promise(r => setTimeout(r, 60_000).unref())])
  }
  // a first burst warms the server up (JIT, first writes) and is not timed, as in the latency measurement
  await send(0, warmup)
  const t0 = performance.now()
  await send(warmup, warmup + updates)
  const seconds = (performance.now() - t0) / 1000
  for (const g of groups) for (const c of g) c.close()
  await stop(child)
  if (received < target) console.log(`  (${mode}: only ${received} of ${target} deliveries within 60 s)`)
  return { perSecond: received / seconds, seconds }
}

// ---------------------------------------------------------------- 2. latency

const pct = (xs: number[], p: number) => xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN

async function latency(mode: Mode, setup: Setup, clients: number, seconds = 6, intervalMs = 500, warmupSeconds = 2): Promise<{ p50: number; p99: number; max: number; samples: number; lost: number; rss: number; cpu: number; warmupP99: number }> {
  const child = await spawnServer(mode, setup.dataDir)
  if (mode === 'ours') setup.token = await login(child.port)
  const perDoc = Math.max(1, Math.round(clients / DOCS))
  const sentAt = new Map<string, number>()
  const samples: number[] = []
  const warmupSamples: number[] = []
  const warmupKeys = new Set<string>()
  const count = Math.ceil(((seconds + warmupSeconds) * 1000) / intervalMs) + 2
  const plans = setup.docIds.map((id, d) => Array.from({ length: perDoc }, (_, k) => typingUpdates(setup.initial.get(id)!, 1_000_000 + d * 1000 + k + clients * 100_000, count)))
  // the first `warmupSeconds` of typing warm up both servers (JIT, first writes) and are reported apart
  let typing = false
  let measuring = false
  const groups = await connectAll(mode, child, setup, DOCS, perDoc, (_doc, _k, u) => {
    if (!typing) return
    const key = keyOf(u)
    const at = sentAt.get(key)
    if (at !== undefined) (warmupKeys.has(key) ? warmupSamples : samples).push(performance.now() - at)
  })
  typing = true
  let cpu0 = 0
  const timers: NodeJS.Timeout[] = []
  let sent = 0
  groups.forEach((g, d) => g.forEach((c, k) => {
    let i = 0
    const plan = plans[d]![k]!
    const tick = () => {
      const u = plan[i++]
      if (!u) return
      sentAt.set(u.key, performance.now())
      if (measuring) sent++
      else warmupKeys.add(u.key)
      c.sendUpdate(u.update)
    }
    timers.push(setTimeout(() => { tick(); timers.push(setInterval(tick, intervalMs)) }, Math.random() * intervalMs))
  }))
  await new Promise(r => setTimeout(r, warmupSeconds * 1000))
  measuring = true
  cpu0 = cpuSeconds(child)
  if (process.env.BENCH_STALLS) console.error(`measuring from ${Date.now() % 100000}`)
  await new Promise(r => setTimeout(r, seconds * 1000))
  for (const t of timers) { clearTimeout(t); clearInterval(t) }
  await new Promise(r => setTimeout(r, 1000))
  const rss = rssMiB(child)
  const cpu = cpuSeconds(child) - cpu0
  if (process.env.BENCH_STALLS) console.error(`measured until ${Date.now() % 100000}`)
  for (const g of groups) for (const c of g) c.close()
  await stop(child)
  samples.sort((a, b) => a - b)
  warmupSamples.sort((a, b) => a - b)
  return { p50: pct(samples, 50), p99: pct(samples, 99), max: samples[samples.length - 1] ?? NaN, samples: samples.length, lost: sent * perDoc - samples.length, rss, cpu, warmupP99: pct(warmupSamples, 99) }
}

async function idleRss(mode: Mode, setup: Setup): Promise<number> {
  const child = await spawnServer(mode, setup.dataDir)
  await new Promise(r => setTimeout(r, 1000))
  const rss = rssMiB(child)
  await stop(child)
  return rss
}

// ---------------------------------------------------------------- main

/** Rounds of the throughput measurement: one round takes half a second on a fresh server, so one alone is mostly noise. */
const THROUGHPUT_ROUNDS = 5
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }

async function main() {
  const setup = await prepareOurs()
  if (process.env.BENCH_ONLY_THROUGHPUT) {
    console.log(await throughput(process.env.BENCH_ONLY_THROUGHPUT as Mode, setup))
    rmSync(setup.dataDir, { recursive: true, force: true })
    return
  }
  if (process.env.BENCH_ONLY_LATENCY) {
    const r = await latency((process.env.BENCH_MODE ?? 'ours') as Mode, setup, Number(process.env.BENCH_ONLY_LATENCY))
    console.log(r)
    rmSync(setup.dataDir, { recursive: true, force: true })
    return
  }
  const f = (n: number, d = 1) => n.toFixed(d)
  try {
    console.log(`server benchmark: ${DOCS} documents of ~${(setup.initial.get(setup.docIds[0]!)!.length / 1024).toFixed(1)} KiB state; servers in child processes; ${process.version}; resdraft with Node flags as npm start runs it: ${OURS_NODE_FLAGS.join(' ') || 'none'} (the baselines with none); load average ${loadavg().map(x => x.toFixed(1)).join(' ')} (other work on this machine skews the figures)`)
    console.log(`\n1. relay throughput (20 documents x 1 sender x 300 updates, 5 receivers each = 30000 deliveries, after an untimed warm-up burst of 150 updates; ${THROUGHPUT_ROUNDS} rounds in turns, a fresh server each: medians)`)
    const rounds: Record<Mode, number[]> = { hocuspocus: [], ours: [], yws: [] }
    const ratios: number[] = []
    for (let r = 0; r < THROUGHPUT_ROUNDS; r++) {
      for (const mode of ['hocuspocus', 'ours', 'yws'] as Mode[]) rounds[mode].push((await throughput(mode, setup, r)).perSecond)
      ratios.push(rounds.ours[r]! / rounds.hocuspocus[r]!)
    }
    const range = (xs: number[]) => `${f(Math.min(...xs), 0)}-${f(Math.max(...xs), 0)}`
    console.log(`  plain Hocuspocus 3.4   ${f(median(rounds.hocuspocus), 0)} deliveries/s (rounds ${range(rounds.hocuspocus)})`)
    console.log(`  resdraft               ${f(median(rounds.ours), 0)} deliveries/s (rounds ${range(rounds.ours)})   ratio ours/baseline ${f(median(ratios), 2)} (median of the rounds' ratios)`)
    console.log(`  y-protocols relay      ${f(median(rounds.yws), 0)} deliveries/s (rounds ${range(rounds.yws)})   (emulation of @y/websocket-server's design)`)

    console.log('\n2. keystroke-to-peer latency (each client types 1 char / 500 ms: 2 s warm-up, then 6 s measured; 50 documents)')
    console.log('  server       clients   p50 ms   p99 ms   max ms   samples   lost   server RSS MiB   server CPU s   warm-up p99 ms')
    for (const mode of ['ours', 'hocuspocus'] as Mode[]) {
      for (const n of LATENCY_CLIENTS) {
        if (typeof globalThis.gc === 'function') globalThis.gc()
        const r = await latency(mode, setup, n)
        console.log(`  ${mode.padEnd(12)} ${String(n).padStart(7)}   ${f(r.p50).padStart(6)}   ${f(r.p99).padStart(6)}   ${f(r.max).padStart(6)}   ${String(r.samples).padStart(7)}   ${String(r.lost).padStart(4)}   ${f(r.rss).padStart(8)}   ${f(r.cpu, 2).padStart(12)}   ${f(r.warmupP99).padStart(14)}`)
      }
    }
    console.log(`\n  idle server RSS: resdraft ${f(await idleRss('ours', setup))} MiB, plain Hocuspocus ${f(await idleRss('hocuspocus', setup))} MiB, y-protocols relay ${f(await idleRss('yws', setup))} MiB`)
    console.log(`  load average at the end ${loadavg().map(x => x.toFixed(1)).join(' ')}`)
    console.log(`  bench client process RSS ${f(process.memoryUsage().rss / 1048576)} MiB`)
  } finally {
    rmSync(setup.dataDir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--serve') {
  const { monitorEventLoopDelay } = await import('node:perf_hooks')
  const h = monitorEventLoopDelay({ resolution: 5 })
  if (process.env.BENCH_STALLS) {
    h.enable()
    let last = performance.now()
    const { PerformanceObserver } = await import('node:perf_hooks')
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (e.duration > 2) process.stderr.write(`gc ${(e as unknown as { detail?: { kind?: number } }).detail?.kind} ${e.duration.toFixed(1)} ms at ${Math.round(performance.timeOrigin + e.startTime) % 100000}\n`) }).observe({ entryTypes: ['gc'] })
    setInterval(() => { const now = performance.now(); if (now - last > (process.env.BENCH_STALLS === '1' ? 30 : Number(process.env.BENCH_STALLS))) process.stderr.write(`stall ${(now - last).toFixed(0)} ms at ${Date.now() % 100000}\n`); last = now }, 5).unref()
  }
  // BENCH_ALLOC_PROF=<dir>: a sampling profile of every allocation, collected or not (what the garbage collector has to do)
  let writeAllocations = async () => {}
  if (process.env.BENCH_ALLOC_PROF) {
    const { Session } = await import('node:inspector/promises')
    const session = new Session()
    session.connect()
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
    writeAllocations = async () => {
      const { profile } = await session.post('HeapProfiler.stopSampling')
      const { writeFileSync } = await import('node:fs')
      writeFileSync(join(process.env.BENCH_ALLOC_PROF!, `alloc-${process.pid}.heapprofile`), JSON.stringify(profile))
    }
  }
  process.on('SIGTERM', async () => {
    await writeAllocations()
    if (process.env.BENCH_STALLS) process.stderr.write(`event-loop delay ms: p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)}\n`)
    process.exit(0)
  })
  await serve(process.argv[3] as Mode, process.argv[4]!)
}
else await main()
