/**
 * Builds the browser client with vite before the server starts, when
 * dist/index.html is missing or older than a file of the code it bundles
 * (client/, schema/, diff/, protocol/, compile/; a bundle with an older
 * schema would damage documents, see schema/fingerprint.ts). Skipped (with
 * a warning) while vite.config.ts does not exist. Vite sets NODE_ENV to
 * production while it builds; it is put back, since the server reads it
 * (demo accounts are never made in production).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

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

/** Builds the client when stale; returns what it did. */
export async function ensureClientBuilt(root: string, log: (s: string) => void = console.log): Promise<'fresh' | 'built' | 'skipped'> {
  if (!clientIsStale(root)) return 'fresh'
  const configFile = join(root, 'vite.config.ts')
  if (!existsSync(configFile)) { log('warning: vite.config.ts not found; the client is not built (API and /collab still work)'); return 'skipped' }
  log('building the client (vite)...')
  const { build } = await import('vite')
  const nodeEnv = process.env.NODE_ENV
  try {
    await build({ root, configFile, logLevel: 'warn' })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  return 'built'
}
