/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so that
 * memory figures are not mixed up) and prints their reports. Each bench
 * measures its own baseline in the same run and prints ratios against it;
 * nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = new URL('.', import.meta.url).pathname
const only = process.argv.slice(2)
const benches = readdirSync(dir).filter(f => f.endsWith('.bench.ts')).filter(f => only.length === 0 || only.some(o => f.includes(o))).sort()
let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file} ===`)
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, file)], { stdio: 'inherit' })
  if (r.status !== 0) { failed++; console.log(`(${file} exited with ${r.status})`) }
}
process.exit(failed ? 1 : 0)
