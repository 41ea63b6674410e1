/**
 * Builds the browser client with vite before the server starts, when
 * dist/index.html is missing or older than a file of the code it bundles
 * (client/, schema/, diff/, protocol/, compile/; a bundle with an older
 * schema would damage documents, see schema/fingerprint.ts). Skipped (with
 * a warning) while vite.config.ts does not exist. Vite runs in a process of
 * its own (its memory, and the NODE_ENV=production it sets, stay there).
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

function newestMtime(dir: string): number {
  let newest = 0
  if (!existsSync(dir)) return 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** What the client bundle is built from: its own code and the shared model, protocol, diff engine and compilation code it imports. */
const SOURCES = ['client', 'schema', 'diff', 'protocol', 'compile']
const SOURCE_FILES = ['vite.config.ts', 'package-lock.json']

/** Whether dist/index.html is missing or older than any source the bundle is built from. */
export function clientIsStale(root: string): boolean {
  const index = join(root, 'dist', 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  const newest = Math.max(
    ...SOURCES.map(dir => newestMtime(join(root, dir))),
    ...SOURCE_FILES.map(f => join(root, f)).filter(existsSync).map(f => statSync(f).mtimeMs))
  return newest > built
}

/** Vite's command line, from this repository's dependencies. */
function viteCommand(): string {
  const require = createRequire(import.meta.url)
  const pkg = require.resolve('vite/package.json')
  return join(dirname(pkg), (require(pkg) as { bin: { vite: string } }).bin.vite)
}

/**
 * Builds the client when stale; returns what it did. The build runs in a
 * process of its own: built in the server's, Vite left it about 500 MB
 * larger for as long as it ran (650 MB against 120 MB, measured after an
 * upgrade made the client stale), and its setting NODE_ENV to production
 * stays in that process too.
 */
export async function ensureClientBuilt(root: string, log: (s: string) => void = console.log): Promise<'fresh' | 'built' | 'skipped'> {
  if (!clientIsStale(root)) return 'fresh'
  const configFile = join(root, 'vite.config.ts')
  if (!existsSync(configFile)) { log('warning: vite.config.ts not found; the client is not built (API and /collab still work)'); return 'skipped' }
  log('building the client (vite)...')
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [viteCommand(), 'build', '--config', configFile, '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`vite build exited with ${code}`)
  return 'built'
}
