/**
 * The service worker's script (dist/sw.js, client/offline-shell/) is served
 * as script, never from a cache without asking the server (a new build's
 * worker must reach every browser); a build without one answers 404 for
 * it, not the app's page (which the browser would refuse as a script).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startTestServer } from './test/helpers.js'

async function withDist(files: Record<string, string>, run: (url: string) => Promise<void>): Promise<void> {
  const distDir = mkdtempSync(join(tmpdir(), 'resdraft-dist-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(distDir, name), text)
  const server = await startTestServer({ distDir })
  try { await run(server.url) } finally { await server.close(); rmSync(distDir, { recursive: true, force: true }) }
}

test('/sw.js is served as script with no-cache; the page is still served for the app\'s addresses', async () => {
  await withDist({ 'index.html': '<!doctype html><title>resdraft</title>', 'sw.js': 'self.addEventListener("fetch", () => {})' }, async url => {
    const sw = await fetch(`${url}/sw.js`)
    assert.equal(sw.status, 200)
    assert.match(sw.headers.get('content-type') ?? '', /javascript/)
    assert.equal(sw.headers.get('cache-control'), 'no-cache')
    assert.match(await sw.text(), /addEventListener/)
    const page = await fetch(`${url}/`)
    assert.equal(page.status, 200)
    assert.match(await page.text(), /<title>resdraft<\/title>/)
  })
})

test('a build without a service worker answers 404 for /sw.js, not the page', async () => {
  await withDist({ 'index.html': '<!doctype html><title>resdraft</title>' }, async url => {
    const sw = await fetch(`${url}/sw.js`)
    assert.equal(sw.status, 404)
    assert.doesNotMatch(await sw.text(), /<title>/)
  })
})
