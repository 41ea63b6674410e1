#!/usr/bin/env node
// The one test command (`npm test`): type-check, unit and integration tests
// (Node's test runner, files *.test.ts beside their modules), then the
// Playwright browser tests in e2e/ when a Chromium is available.
// Services: tests that need PostgreSQL or Redis read DATABASE_URL / REDIS_URL
// and report themselves as skipped when those are unset.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const UNIT_DIRS = ['protocol', 'schema', 'fixtures', 'diff', 'compile', 'server', 'export', 'cli', 'client', 'bench']
const args = new Set(process.argv.slice(2))

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue
    const full = join(dir, name)
    if (statSync(full).isDirectory()) findTests(full, out)
    else if (name.endsWith('.test.ts')) out.push(full)
  }
  return out
}

function run(cmd, argv, opts = {}) {
  console.log(`\n$ ${cmd} ${argv.join(' ')}`)
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts })
  return r.status ?? 1
}

let failed = false
if (!args.has('--no-typecheck')) {
  // tsconfig.model.json: schema/, diff/, export/ (and protocol/) again without the DOM library
  for (const project of ['tsconfig.json', 'tsconfig.model.json']) {
    if (run('npx', ['tsc', '--noEmit', '-p', project]) !== 0) { failed = true; console.error(`type check (${project}) failed`) }
  }
}

// Tests that kill and restart server processes under load run alone, after the rest,
// so that a busy 2-core machine does not starve them.
const SERIAL = new Set(['server/durability.test.ts'])
const files = UNIT_DIRS.flatMap(d => findTests(join(root, d))).map(f => f.slice(root.length))
if (files.length === 0) { console.error('no unit tests found'); process.exit(1) }
const concurrency = process.env.TEST_CONCURRENCY ?? '2'
const parallel = files.filter(f => !SERIAL.has(f))
const serial = files.filter(f => SERIAL.has(f))
if (run(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...parallel]) !== 0) failed = true
if (serial.length && run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...serial]) !== 0) failed = true

if (!args.has('--no-e2e')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromium)) {
    console.log(`\nE2E: skipped (no Chromium at ${chromium}; install Debian's chromium package or set CHROMIUM_PATH)`)
  } else if (existsSync(join(root, 'e2e'))) {
    if (run('npx', ['playwright', 'test']) !== 0) failed = true
  }
}
process.exit(failed ? 1 : 0)
