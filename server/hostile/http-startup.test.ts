/**
 * Starting the server with a bad configuration: one clear line on stderr
 * and exit code 1, no stack trace, and nothing listening.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { describeStartupError } from '../startup-errors.js'

const main = new URL('../main.ts', import.meta.url).pathname

function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, HOST: '127.0.0.1', ...env }, encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stderr: r.stderr }
}

function assertOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n').filter(l => !/ExperimentalWarning|--trace-warnings/.test(l))
  assert.equal(lines.length, 1, stderr)
  assert.match(lines[0]!, pattern)
  assert.doesNotMatch(stderr, /\n\s+at /)
}

test('a bad PORT is refused with one line and exit code 1', () => {
  const r = start({ PORT: 'eighty' })
  assert.equal(r.status, 1, r.stderr)
  assertOneLine(r.stderr, /PORT.*"eighty"/)
})

test('a DATA_DIR that cannot be written is refused with one line and exit code 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-bad-data-'))
  const file = join(dir, 'a-file')
  writeFileSync(file, 'not a directory')
  try {
    for (const DATA_DIR of [file, join(file, 'below'), '/dev/null']) {
      const r = start({ PORT: '0', DATA_DIR })
      assert.equal(r.status, 1, r.stderr)
      assertOneLine(r.stderr, new RegExp(`DATA_DIR.*${DATA_DIR.replace(/[/.-]/g, '\\$&')}`))
    }
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('storage errors at start are described in one line (disk full, read-only, permissions, port in use)', () => {
  const sqlite = (code: string) => Object.assign(new Error('database or disk is full'), { name: 'SqliteError', code })
  const errno = (code: string) => Object.assign(new Error(`${code}: raw message`), { code, syscall: 'open', path: '/data/x' })
  assert.match(describeStartupError(sqlite('SQLITE_FULL'), '/data'), /disk holding \/data is full/)
  assert.match(describeStartupError(sqlite('SQLITE_READONLY'), '/data'), /read-only/)
  assert.match(describeStartupError(errno('ENOSPC'), '/data'), /full/)
  assert.match(describeStartupError(errno('EACCES'), '/data'), /not allowed/)
  assert.match(describeStartupError(errno('EROFS'), '/data'), /read-only/)
  assert.match(describeStartupError(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', port: 8080 }), '/data'), /port 8080 is already in use/)
  for (const m of ['database or disk is full', 'raw']) assert.ok(!describeStartupError(new Error(m), '/d').includes('\n'))
})
