/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so that
 * memory figures are not mixed up) and prints their reports. Each bench
 * measures its own baseline in the same run and prints ratios against it;
 * nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Benches of work the server does in its own process run with the V8 flags
 * `npm start` gives it (README: a larger young generation), so that their
 * figures, and their baselines', are those of the server; the others start
 * their own processes (cli, http, server) or time the browser (client).
 */
const SERVER_FLAGS = ['--max-semi-space-size=32']
const IN_SERVER = new Set(['diff.bench.ts', 'compile.bench.ts', 'committee.bench.ts', 'attribution.bench.ts', 'export.bench.ts', 'comments.bench.ts'])

const dir = new URL('.', import.meta.url).pathname
const only = process.argv.slice(2)
const benches = readdirSync(dir).filter(f => f.endsWith('.bench.ts')).filter(f => only.length === 0 || only.some(o => f.includes(o))).sort()
let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file} ===`)
  const flags = IN_SERVER.has(file) ? SERVER_FLAGS : []
  const r = spawnSync(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', join(dir, file)], { stdio: 'inherit' })
  if (r.status !== 0) { failed++; console.log(`(${file} exited with ${r.status})`) }
}
process.exit(failed ? 1 : 0)
