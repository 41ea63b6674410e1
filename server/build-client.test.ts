import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { clientIsStale, ensureClientBuilt } from './build-client.js'

/**
 * A project of one page in a temporary folder, with a vite.config.ts like the project's (a plugin sets the root,
 * since a root given inline would win over the config's); `prelude` is code the config runs first.
 */
function clientProject(prelude = ''): string {
  const root = mkdtempSync(join(tmpdir(), 'resdraft-build-'))
  mkdirSync(join(root, 'client'))
  writeFileSync(join(root, 'client', 'index.html'), '<!doctype html><title>t</title><script type="module" src="./main.js"></script>')
  writeFileSync(join(root, 'client', 'main.js'), 'document.title = "built"\n')
  const clientDir = JSON.stringify(join(root, 'client'))
  writeFileSync(join(root, 'vite.config.ts'), `${prelude}export default { plugins: [{ name: 'root', config: () => ({ root: ${clientDir} }) }], logLevel: 'silent', build: { outDir: ${JSON.stringify(join(root, 'dist'))}, emptyOutDir: true } }\n`)
  return root
}

test('building the client at start leaves NODE_ENV as it was (vite sets it to production, which turned the demo accounts off)', async () => {
  const root = clientProject()
  try {
    const before = process.env.NODE_ENV
    assert.equal(clientIsStale(root), true)
    assert.equal(await ensureClientBuilt(root, () => {}), 'built')
    assert.equal(process.env.NODE_ENV, before)
    assert.equal(clientIsStale(root), false)
  } finally { rmSync(root, { recursive: true, force: true }) }
})

test('the client is built in a process of its own, whose memory goes with it (built in the server, Vite left it 500 MB larger)', { timeout: 120_000 }, async () => {
  // the config records which process ran the build
  const root = clientProject(`import { writeFileSync } from 'node:fs'\nwriteFileSync(process.cwd() + '/built-by', String(process.pid))\n`)
  try {
    assert.equal(await ensureClientBuilt(root, () => {}), 'built')
    assert.notEqual(Number(readFileSync(join(root, 'built-by'), 'utf8')), process.pid)
    assert.equal(clientIsStale(root), false)
    // a build that fails says so (the server then starts without a fresh client, with a warning)
    writeFileSync(join(root, 'client', 'main.js'), 'import "./nowhere.js"\n')
    utimesSync(join(root, 'client', 'main.js'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000))
    await assert.rejects(ensureClientBuilt(root, () => {}), /vite build/)
  } finally { rmSync(root, { recursive: true, force: true }) }
})

test('the client counts as stale when the shared protocol or compilation code it bundles changes', () => {
  const root = mkdtempSync(join(tmpdir(), 'resdraft-stale-'))
  try {
    mkdirSync(join(root, 'dist'))
    writeFileSync(join(root, 'dist', 'index.html'), 'built')
    for (const dir of ['protocol', 'compile']) {
      mkdirSync(join(root, dir), { recursive: true })
      const file = join(root, dir, 'x.ts')
      writeFileSync(file, 'export {}\n')
      const later = new Date(Date.now() + 60_000)
      utimesSync(file, later, later)
      assert.equal(clientIsStale(root), true, dir)
      rmSync(join(root, dir), { recursive: true, force: true })
    }
  } finally { rmSync(root, { recursive: true, force: true }) }
})
