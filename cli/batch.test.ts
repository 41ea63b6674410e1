import { strict as assert } from 'node:assert'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { splitCommandLine } from './batch.js'
import { runCli } from './testing.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const OLD = join(root, 'fixtures', 'res50-2012-ar.txt')
const NEW = join(root, 'fixtures', 'res50-proposed-ar.txt')
const tmp = mkdtempSync(join(tmpdir(), 'resdraft-batch-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

const run = runCli

test('command lines split as a shell splits them, without expansion', () => {
  assert.deepEqual(splitCommandLine('compare a.txt  b.txt --format html'), ['compare', 'a.txt', 'b.txt', '--format', 'html'])
  assert.deepEqual(splitCommandLine(`proposal "my base.json" 'APT $1.json' --title "say \\"no\\"" a\\ b ''`), ['proposal', 'my base.json', 'APT $1.json', '--title', 'say "no"', 'a b', ''])
  assert.deepEqual(splitCommandLine('\tcompare\t"مقترح 1.txt"'), ['compare', 'مقترح 1.txt'])
  assert.throws(() => splitCommandLine('compare "a.txt b.txt'), /not closed/)
})

test('a batch runs every line in one process, each as the command alone would, and says which lines failed', async () => {
  const html = join(tmp, 'res 50.html')
  const summaryAlone = await run('compare', OLD, NEW, '--format', 'summary')
  const batch = join(tmp, 'batch.txt')
  writeFileSync(batch, [
    '# the Resolution 50 pair, three ways',
    `compare ${OLD} ${NEW} --format summary`,
    '',
    `compare ${OLD} ${NEW} --format html --out "${html}"`,
    `compare ${OLD} /no/such/file.txt`,
    `compare ${OLD} --format nonsense`,
    'batch other.txt',
    `compare "${OLD}`
  ].join('\n'))
  const r = await run('batch', batch)
  assert.equal(r.code, 2, 'the highest exit code of the lines (2: a usage error)')
  assert.equal(r.out, summaryAlone.out, 'the first line printed what the command alone prints')
  assert.ok(existsSync(html) && readFileSync(html, 'utf8').includes('<html'), 'the second wrote its file')
  assert.match(r.err, /no such file/)
  assert.match(r.err, /line 7: a batch cannot run another batch/)
  assert.match(r.err, /line 8: a quote \(\"\) is not closed/)
  assert.match(r.err, /4 of 6 commands failed, on lines 5, 6, 7, 8/)
})

test('a batch of good lines exits 0; an unreadable batch file is bad input', async () => {
  const batch = join(tmp, 'ok.txt')
  writeFileSync(batch, `compare ${OLD} ${NEW} --format summary\ncompare ${NEW} ${OLD} --format summary\n`)
  const ok = await run('batch', batch)
  assert.equal(ok.code, 0, ok.err)
  assert.equal(ok.err, '')
  const missing = await run('batch', join(tmp, 'none.txt'))
  assert.equal(missing.code, 1)
  assert.match(missing.err, /resdraft batch: .*none\.txt: cannot read/)
  assert.equal((await run('batch', 'a', 'b')).code, 2)
})

test('the prebuilt command reads a batch from standard input', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'resdraft.mjs'), 'batch'], { cwd: root, input: `compare ${OLD} ${NEW} --format summary\n`, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /MOD/)
})
