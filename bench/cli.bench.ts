/**
 * The command line as a user runs it (node --import tsx bench/cli.bench.ts):
 * `resdraft compare` of the Resolution 50 pair (fixtures/res50-2012-ar.txt
 * and res50-proposed-ar.txt) as a whole process, the bin file run itself as
 * npm links it (it starts Node without NODE_EXTRA_CA_CERTS, see
 * bin/resdraft.mjs) and as `node bin/resdraft.mjs`, against the baseline
 * `git diff --no-index --word-diff` on the same two texts flattened (the
 * text of every paragraph, one per line), and against the same command run
 * from the TypeScript sources through tsx (how bin/resdraft.mjs ran before
 * it was prebuilt), and against Node starting and doing nothing (the floor
 * of any Node command; with and without NODE_EXTRA_CA_CERTS when it is set:
 * Node 20 reads those certificates at every start, about 38 ms on this
 * machine), and against `resdraft batch` running 30 such compares in one
 * process (a script's way: the start paid once). The commands run in turns,
 * in the same run; wall time of each process, median and best. Target:
 * resdraft compare < 150 ms. (bin/resdraft.mjs raises V8's interrupt budget
 * so that a short command does not pay the optimising compiler; the batch
 * shows that a long run still gets it.)
 * Figures are printed, not asserted.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Node } from 'prosemirror-model'
import { ensureBundle } from '../bin/cli-bundle.mjs'
import { importText } from '../schema/text/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const OLD = join(root, 'fixtures', 'res50-2012-ar.txt')
const NEW = join(root, 'fixtures', 'res50-proposed-ar.txt')
const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 15)
const TSX_RUNS = Math.min(RUNS, 5)

const flatten = (doc: Node) => { const lines: string[] = []; doc.descendants(n => { if (n.isTextblock) { lines.push(n.textContent); return false } return true }); return lines.join('\n') + '\n' }
const tmp = mkdtempSync(join(tmpdir(), 'resdraft-cli-bench-'))
const flatOld = join(tmp, 'old.txt'), flatNew = join(tmp, 'new.txt')
// a secretariat script's way: many compares in one process (`resdraft batch`), timed whole and per command
const BATCH_SIZE = 30
const batchFile = join(tmp, 'batch.txt')
writeFileSync(batchFile, `compare ${OLD} ${NEW}\n`.repeat(BATCH_SIZE))
writeFileSync(flatOld, flatten(importText(readFileSync(OLD)).doc))
writeFileSync(flatNew, flatten(importText(readFileSync(NEW)).doc))

// the command finds `node` on the PATH, as a user's shell does: this Node first
const userEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` }
interface Contender { readonly name: string; readonly cmd: string; readonly args: string[]; readonly runs: number; readonly ok: number[]; readonly times: number[]; readonly env?: NodeJS.ProcessEnv }
const contenders: Contender[] = [
  // as a user runs it: the file itself (npm links it so), which starts this Node without NODE_EXTRA_CA_CERTS
  { name: 'resdraft compare (bin, prebuilt)', cmd: join(root, 'bin', 'resdraft.mjs'), args: ['compare', OLD, NEW], runs: RUNS, ok: [0], times: [], env: userEnv },
  { name: 'node bin/resdraft.mjs compare', cmd: process.execPath, args: [join(root, 'bin', 'resdraft.mjs'), 'compare', OLD, NEW], runs: RUNS, ok: [0], times: [] },
  { name: 'git diff --no-index --word-diff', cmd: 'git', args: ['diff', '--no-index', '--word-diff', flatOld, flatNew], runs: RUNS, ok: [0, 1], times: [] },
  // the floor: Node starting and doing nothing, as this environment starts it, and without the extra CA
  // certificates it is told to load at every start (NODE_EXTRA_CA_CERTS, read before any script runs)
  { name: "node -e '' (Node's own start)", cmd: process.execPath, args: ['-e', ''], runs: RUNS, ok: [0], times: [] },
  ...(process.env.NODE_EXTRA_CA_CERTS ? [{ name: "node -e '' without NODE_EXTRA_CA_CERTS", cmd: process.execPath, args: ['-e', ''], runs: RUNS, ok: [0], times: [], env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } }] : []),
  { name: `resdraft batch of ${BATCH_SIZE} compares (bin)`, cmd: join(root, 'bin', 'resdraft.mjs'), args: ['batch', batchFile], runs: Math.min(RUNS, 5), ok: [0], times: [], env: userEnv },
  { name: 'resdraft compare from sources (tsx)', cmd: process.execPath, args: ['--import', 'tsx', '-e', "const { main } = await import('./cli/main.ts'); process.exitCode = await main(process.argv.slice(1))", 'compare', OLD, NEW], runs: TSX_RUNS, ok: [0], times: [] }
]

await ensureBundle()   // a stale bundle is rebuilt by the first run; build it before timing
for (const c of contenders) spawnSync(c.cmd, c.args, { cwd: root, stdio: 'ignore' })   // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const c of contenders) {
    if (i >= c.runs) continue
    const t0 = performance.now()
    const r = spawnSync(c.cmd, c.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...(c.env ? { env: c.env } : {}) })
    const ms = performance.now() - t0
    if (!c.ok.includes(r.status ?? -1)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`)
    c.times.push(ms)
  }
}
rmSync(tmp, { recursive: true, force: true })

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }
const timeOf = (prefix: string) => median(contenders.find(c => c.name.startsWith(prefix))!.times)
const [ours, git, tsx, nodeStart] = [timeOf('resdraft compare (bin'), timeOf('git diff'), timeOf('resdraft compare from'), timeOf("node -e '' (")]
console.log(`Resolution 50 pair, whole processes in turns (wall ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores: wall times grow with it)`)
console.log('command                                   runs   median     best')
for (const c of contenders) console.log(`${c.name.padEnd(40)} ${String(c.times.length).padStart(5)} ${median(c.times).toFixed(1).padStart(8)} ${Math.min(...c.times).toFixed(1).padStart(8)}`)
// the bin starts Node without the certificates, so its floor is Node's start without them
const floor = process.env.NODE_EXTRA_CA_CERTS ? timeOf("node -e '' without") : nodeStart
console.log(`of resdraft compare's ${ours.toFixed(0)} ms, Node's own start is ${floor.toFixed(0)} ms${process.env.NODE_EXTRA_CA_CERTS ? ` (without NODE_EXTRA_CA_CERTS, as the bin starts it; ${nodeStart.toFixed(0)} ms with them, as set here: node bin/resdraft.mjs takes ${timeOf('node bin/resdraft.mjs').toFixed(0)} ms)` : ''}; the command's own work ${(ours - floor).toFixed(0)} ms`)
console.log(`resdraft compare / git diff --word-diff: ${(ours / git).toFixed(1)}x slower; prebuilt vs from sources: ${(tsx / ours).toFixed(1)}x faster; target < 150 ms: ${ours < 150 ? 'met' : 'NOT met'} (${ours.toFixed(0)} ms)`)
const batch = timeOf('resdraft batch')
console.log(`resdraft batch: ${(batch / BATCH_SIZE).toFixed(1)} ms per compare (${BATCH_SIZE} in one process, ${batch.toFixed(0)} ms in all): ${(ours / (batch / BATCH_SIZE)).toFixed(1)}x less than a process per compare`)
