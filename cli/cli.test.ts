/**
 * The `import` and `text` commands, through `main` with a capturing io, and
 * once through a real child process (`node bin/resdraft.mjs import ...`).
 */
import { strict as assert } from 'node:assert'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { resolutionFromJSON } from '../schema/check.js'
import { COMMANDS, main, type CommandTable } from './main.js'
import { runCli } from './testing.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const fixture = join(root, 'fixtures', 'apt-proposal-res50-ar.txt')
const tmp = mkdtempSync(join(tmpdir(), 'resdraft-cli-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

const run = runCli

test('import prints the document JSON and lists warnings as FILE:LINE: message', async () => {
  const { code, out, err } = await run('import', fixture)
  assert.equal(code, 0, err)
  const doc = resolutionFromJSON(JSON.parse(out))
  assert.equal(doc.attrs.lang, 'ar')
  const lines = err.trim().split('\n')
  assert.ok(lines.length > 0)
  const text = readFileSync(fixture, 'utf8').split('\n')
  for (const l of lines) {
    const m = /^(.+):(\d+): (.+)$/.exec(l)
    assert.ok(m, l)
    assert.equal(m[1], fixture)
    assert.ok(text[Number(m[2]) - 1]!.includes(m[3]!.split('"')[1]!), `${l} names a label on its line`)
  }
})

test('import --out writes the file; text prints derived labels by default and source labels on request', async () => {
  const json = join(tmp, 'apt.json')
  const imported = await run('import', fixture, '--out', json)
  assert.equal(imported.code, 0)
  assert.equal(imported.out, '')
  resolutionFromJSON(JSON.parse(readFileSync(json, 'utf8')))
  const derived = await run('text', json)
  assert.equal(derived.code, 0, derived.err)
  assert.ok(!derived.out.includes('د ب)\t') && derived.out.includes('\nد )\t'), 'derived labels by default')
  const source = await run('text', json, '--labels', 'source')
  assert.equal(source.code, 0)
  assert.ok(source.out.includes('\nد ب)\t') && source.out.includes('\n1011\t'), 'labels as found')
  // the source form reads back to the same text
  const again = join(tmp, 'again.txt')
  writeFileSync(again, source.out)
  const round = await run('text', again, '--labels', 'source')
  assert.equal(round.out, source.out)
})

test('text accepts an importable .txt and passes on its warnings', async () => {
  const { code, out, err } = await run('text', fixture)
  assert.equal(code, 0)
  assert.ok(out.startsWith('الأصل: بالإنكليزية'))
  assert.match(err, /apt-proposal-res50-ar\.txt:\d+: /)
})

test('bad input exits 1 with a message naming the file (and line when known)', async () => {
  const missing = join(tmp, 'missing.json')
  let r = await run('text', missing)
  assert.equal(r.code, 1)
  assert.match(r.err, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read: no such file`))
  r = await run('import', join(tmp, 'missing.txt'))
  assert.equal(r.code, 1)

  const invalid = join(tmp, 'invalid.json')
  writeFileSync(invalid, '{"type": "resolution", ')
  r = await run('text', invalid)
  assert.equal(r.code, 1)
  assert.match(r.err, /invalid\.json.*not valid JSON/)

  const wrong = join(tmp, 'wrong.json')
  writeFileSync(wrong, JSON.stringify({ type: 'resolution', content: [{ type: 'paragraph' }] }))
  r = await run('text', wrong)
  assert.equal(r.code, 1)
  assert.match(r.err, /wrong\.json: Invalid resolution document/)

  const latin1 = join(tmp, 'latin1.txt')
  writeFileSync(latin1, Buffer.from([...Buffer.from('RESOLUTION 1\nR\xe9solution\n', 'latin1')]))
  r = await run('import', latin1)
  assert.equal(r.code, 1)
  assert.match(r.err, /latin1\.txt:2: the file is not valid UTF-8/)

  const headless = join(tmp, 'headless.txt')
  writeFileSync(headless, 'considering\na)\tthat;\n')
  r = await run('import', headless)
  assert.equal(r.code, 1)
  assert.match(r.err, /headless\.txt: no resolution heading/)
})

test('usage errors exit 2', async () => {
  for (const argv of [['import'], ['import', fixture, '--lang', 'xx'], ['import', fixture, '--bogus'], ['text', fixture, '--labels', 'weird'], ['import', 'a', 'b'], ['text']]) {
    const r = await run(...argv)
    assert.equal(r.code, 2, argv.join(' '))
    assert.match(r.err, /usage: resdraft/)
  }
})

test('the bin runs import in a child process', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'resdraft.mjs'), 'import', fixture, '--lang', 'ar'], { encoding: 'utf8', cwd: root })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(resolutionFromJSON(JSON.parse(r.stdout)).attrs.lang, 'ar')
  assert.match(r.stderr, /apt-proposal-res50-ar\.txt:\d+: label/)
  const bad = spawnSync(process.execPath, [join(root, 'bin', 'resdraft.mjs'), 'import', join(tmp, 'nope.txt')], { encoding: 'utf8', cwd: root })
  assert.equal(bad.status, 1)
})

test('the bin run as a user runs it (the file itself, as npm links it) passes its arguments whole and spares Node the extra CA certificates, which no command uses', () => {
  // Node 20 reads NODE_EXTRA_CA_CERTS at every start (about 38 ms here) and warns when the file cannot be read:
  // a command that makes no TLS connection should not pay for it, nor print the warning
  const spaced = join(tmp, "a proposal's text.txt")
  writeFileSync(spaced, readFileSync(fixture))
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NODE_EXTRA_CA_CERTS: join(tmp, 'no-such-certificates.pem') }
  const r = spawnSync(join(root, 'bin', 'resdraft.mjs'), ['import', spaced, '--lang', 'ar'], { encoding: 'utf8', cwd: tmp, env })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(resolutionFromJSON(JSON.parse(r.stdout)).attrs.lang, 'ar')
  assert.match(r.stderr, /a proposal's text\.txt:\d+: label/)
  assert.doesNotMatch(r.stderr, /extra certs|no-such-certificates/i, r.stderr)
})

test('help lists every command with its usage; a command that fails to load throws its real error', async () => {
  const help = await run('--help')
  assert.equal(help.code, 0)
  for (const name of Object.keys(COMMANDS)) assert.match(help.out, new RegExp(`^  resdraft ${name} `, 'm'), name)
  assert.doesNotMatch(help.out, /not available/)
  const loadError = new SyntaxError('Unexpected token in commands/broken.js')
  const broken: CommandTable = { ...COMMANDS, broken: () => Promise.reject(loadError) }
  await assert.rejects(main(['broken'], { out: () => {}, err: () => {} }, broken), e => e === loadError)
  await assert.rejects(main(['help'], { out: () => {}, err: () => {} }, broken), e => e === loadError)
  const r = await run('toString')
  assert.equal(r.code, 2)
  assert.match(r.err, /unknown command "toString"/)
})

test('a reader that stops early (resdraft compare … | head -1) ends the command quietly, without an EPIPE crash', () => {
  // `head -1` closes the pipe after the first line; the rest of the output must not raise an unhandled 'error' event
  const bin = join(root, 'bin', 'resdraft.mjs')
  const a = join(root, 'fixtures', 'res50-2012-ar.txt'), b = join(root, 'fixtures', 'res50-proposed-ar.txt')
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" compare "${a}" "${b}" --format json | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', cwd: root })
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled 'error' event/, r.stderr)
  assert.match(r.stderr, /status 0\b/)
})

test('a compare in a child process does not load Web Crypto: its ids are names, not secrets, and Node takes about 9 ms to load it at a command\'s start', () => {
  const watch = join(tmp, 'watch-modules.mjs')
  writeFileSync(watch, "process.on('exit', () => process.stderr.write(`\\nloaded: ${process.moduleLoadList.filter(m => m.includes('crypto')).join(' ')}\\n`))\n")
  const args = [join(root, 'bin', 'resdraft.mjs'), 'compare', join(root, 'fixtures', 'res50-2012-ar.txt'), join(root, 'fixtures', 'res50-proposed-ar.txt')]
  // a first run (re)builds the bundles when their sources changed, hashing them (node:crypto): not what is looked at here
  assert.equal(spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root }).status, 0)
  const r = spawnSync(process.execPath, ['--import', watch, ...args], { encoding: 'utf8', cwd: root })
  assert.equal(r.status, 0, r.stderr)
  assert.ok(r.stdout.length > 1000, 'the comparison is printed')
  const loaded = /loaded: (.*)/.exec(r.stderr)?.[1] ?? ''
  assert.doesNotMatch(loaded, /webcrypto|crypto\/random/, loaded)
})
