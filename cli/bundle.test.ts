/**
 * The prebuilt command (bin/cli-bundle.mjs): the bundle is rebuilt whenever
 * any input's content changes (and only then), and the bundled command
 * behaves exactly like the sources.
 */
import { strict as assert } from 'node:assert'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { loadBundle } from '../bin/bundle-loader.mjs'
import { CLI_BUNDLE, ensureBundle, staleReason } from '../bin/cli-bundle.mjs'
import { main } from './main.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const tmp = mkdtempSync(join(tmpdir(), 'resdraft-bundle-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

test('a bundle is rebuilt when an input changes, not when it is only touched, and never runs stale code', async () => {
  const project = join(tmp, 'project')
  const opts = { root: project, entry: 'entry.ts', outDir: join(project, '.cache'), external: [], extraInputs: ['settings.json'] }
  const write = (file: string, text: string) => { const p = join(project, file); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text) }
  write('entry.ts', "import { value } from './lib/dep.js'\nexport const answer: number = value * 2\n")
  write('lib/dep.ts', 'export const value: number = 1\n')
  write('settings.json', '{}')
  const answer = async () => {
    const bundle = await ensureBundle(opts)
    assert.equal(bundle, join(project, '.cache', 'entry.cjs'))
    return (loadBundle(join(project, '.cache'), 'entry') as { answer: number }).answer
  }
  assert.equal(staleReason(opts), 'no bundle built yet')
  assert.equal(await answer(), 2)
  assert.equal(staleReason(opts), null)
  const built = statSync(join(project, '.cache', 'entry.cjs')).mtimeMs

  // touched (a checkout, an editor saving the same text): fresh, not rebuilt
  const later = new Date(Date.now() + 5000)
  utimesSync(join(project, 'lib/dep.ts'), later, later)
  assert.equal(staleReason(opts), null)
  assert.equal(statSync(join(project, '.cache', 'entry.cjs')).mtimeMs, built)

  // the same size, other content: rebuilt before it runs
  write('lib/dep.ts', 'export const value: number = 7\n')
  assert.equal(staleReason(opts), 'lib/dep.ts changed')
  assert.equal(await answer(), 14)
  // an input of the build that is not bundled
  write('settings.json', '{"x":1}')
  assert.equal(staleReason(opts), 'settings.json changed')
  await answer()
  // an input gone
  write('entry.ts', 'export const answer: number = 3\n')
  assert.equal(await answer(), 3)
  rmSync(join(project, 'settings.json'))
  assert.equal(staleReason(opts), 'settings.json is gone')
  // the bundle itself altered
  write('settings.json', '{}')
  await answer()
  writeFileSync(join(project, '.cache', 'entry.cjs'), 'exports.answer = 666\n')
  assert.equal(staleReason(opts), 'bundle changed')
  assert.equal(await answer(), 3)
})

interface Manifest { build: string; inputs: Record<string, unknown>; bundles: Record<string, { size: number; inputs: string[] }> }
const readManifest = () => JSON.parse(readFileSync(join(CLI_BUNDLE.outDir, 'manifest.json'), 'utf8')) as Manifest

test('the resdraft bundles hold every command, one bundle per command, and are fresh after a run', async () => {
  const bundle = await ensureBundle()
  assert.ok(bundle, 'esbuild builds the bundle here')
  assert.equal(staleReason(), null)
  const manifest = readManifest()
  const commands = readdirSync(join(root, 'cli', 'commands')).filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  for (const f of ['cli/main.ts', 'cli/document-file.ts', ...commands.map(f => `cli/commands/${f}`), 'schema/check.ts', 'diff/compare.ts', 'bin/cli-bundle.mjs', 'bin/bundle-loader.mjs', 'package.json']) {
    assert.ok(f in manifest.inputs, `${f} is an input of the bundles`)
  }
  assert.ok(!Object.keys(manifest.inputs).some(f => f.includes('playwright-core')), 'playwright-core is loaded only to print')
  // the dispatcher holds no command; each command's bundle holds what it runs and no other command's code
  assert.deepEqual(Object.keys(manifest.bundles).sort(), ['main', ...commands.map(f => `commands/${f.slice(0, -3)}`)].sort())
  // (schema/counted.ts, which says "3 commands failed", imports nothing)
  assert.ok(!manifest.bundles.main!.inputs.some(f => f.startsWith('cli/commands/') || (f.startsWith('schema/') && f !== 'schema/counted.ts')), 'main.cjs is the dispatcher alone')
  const compare = manifest.bundles['commands/compare']!.inputs
  assert.ok(compare.includes('diff/compare.ts') && compare.includes('cli/commands/compare.ts'))
  for (const unused of ['export/', 'compile/', 'cli/commands/proposal.ts', 'node_modules/saxes/', 'node_modules/fflate/', 'node_modules/prosemirror-view/']) {
    assert.ok(!compare.some(f => f.includes(unused)), `the compare command's bundle holds no ${unused}`)
  }
})

test('a command run leaves a code cache for the bundles it ran, named by their build, which later runs use', () => {
  const run = (env: Record<string, string> = {}) => spawnSync(process.execPath, [join(root, 'bin', 'resdraft.mjs'), 'compare', join(root, 'fixtures', 'res50-2012-ar.txt'), join(root, 'fixtures', 'res50-proposed-ar.txt'), '--format', 'summary'], { encoding: 'utf8', cwd: root, env: { ...process.env, ...env } })
  const first = run()
  assert.equal(first.status, 0, first.stderr)
  const { build } = readManifest()
  const caches = () => readdirSync(join(CLI_BUNDLE.outDir, 'v8')).filter(f => !f.endsWith('.tmp'))
  for (const name of ['main', 'commands+compare']) {
    assert.ok(caches().some(f => f.startsWith(`${name}-${build}-`)), `${name} has a code cache of build ${build}`)
  }
  assert.ok(caches().every(f => f.includes(`-${build}-`)), 'no cache of another build is kept')
  // the loader says whether V8 took each cache (RESDRAFT_DEBUG); other test files may run the bin at the same
  // time and write caches of their own, so the files' times cannot tell
  const second = run({ RESDRAFT_DEBUG: '1' })
  assert.equal(second.stdout, first.stdout)
  for (const name of ['main', 'commands/compare']) assert.match(second.stderr, new RegExp(`code cache of ${name}: accepted`), second.stderr)
})

test('the bin (the bundle) gives what the sources give, output and exit code, for every command', async () => {
  const fixture = (name: string) => join(root, 'fixtures', name)
  const cases: string[][] = [
    ['compare', fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt')],
    ['compare', fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt'), '--format', 'flat'],
    ['compare', fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt'), '--format', 'summary'],
    ['text', fixture('apt-proposal-res50-ar.txt')],
    ['text', fixture('res1-2016-en.txt'), '--labels', 'source'],
    ['proposal', fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt'), '--id', 'APT/44A13/1', '--date', '2016-08-01T10:00:00Z', '--format', 'html', '--out', join(tmp, 'p.html')],
    ['compare', fixture('res50-2012-ar.txt')],
    ['text', join(tmp, 'missing.json')],
    ['--help']
  ]
  for (const argv of cases) {
    let out = '', err = ''
    const code = await main(argv, { out: t => { out += t }, err: t => { err += t } })
    const r = spawnSync(process.execPath, [join(root, 'bin', 'resdraft.mjs'), ...argv], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 })
    assert.equal(r.status, code, `${argv.join(' ')}: ${r.stderr}`)
    assert.equal(r.stdout, out, argv.join(' '))
    assert.equal(r.stderr, err, argv.join(' '))
  }
})
