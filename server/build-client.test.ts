import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { clientIsStale, ensureClientBuilt } from './build-client.js'

test('building the client at start leaves NODE_ENV as it was (vite sets it to production, which turned the demo accounts off)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'resdraft-build-'))
  try {
    mkdirSync(join(root, 'client'))
    writeFileSync(join(root, 'client', 'index.html'), '<!doctype html><title>t</title><script type="module" src="./main.js"></script>')
    writeFileSync(join(root, 'client', 'main.js'), 'document.title = "built"\n')
    const clientDir = JSON.stringify(join(root, 'client'))
    // like the project's vite.config.ts: a plugin sets the root, since the server's inline root would win over the config's
    writeFileSync(join(root, 'vite.config.ts'), `export default { plugins: [{ name: 'root', config: () => ({ root: ${clientDir} }) }], logLevel: 'silent', build: { outDir: ${JSON.stringify(join(root, 'dist'))}, emptyOutDir: true } }\n`)
    const before = process.env.NODE_ENV
    assert.equal(clientIsStale(root), true)
    assert.equal(await ensureClientBuilt(root, () => {}), 'built')
    assert.equal(process.env.NODE_ENV, before)
    assert.equal(clientIsStale(root), false)
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
