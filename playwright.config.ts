/**
 * End-to-end tests of the browser client against the real server, started
 * fresh (new data directory, fixed port) for each run. Uses Debian's
 * Chromium when present (no browser downloads here), with the flags it
 * needs to start as root on a closed network. One worker: the machine is
 * small and the tests share one server.
 */
import { defineConfig } from '@playwright/test'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const port = Number(process.env.E2E_PORT ?? 5799)
const baseURL = `http://127.0.0.1:${port}`
const chromium = '/usr/bin/chromium'
// A fresh data directory per run; kept in the environment so that workers (which evaluate this file again) make no more.
const dataDir = process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'resdraft-e2e-'))

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1400, height: 1000 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(existsSync(chromium) ? { executablePath: chromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    }
  },
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `${baseURL}/api/health`,
    // a fresh embedded store every run: CI exports DATABASE_URL/REDIS_URL for the PostgreSQL and Redis tests, whose shared
    // schema would otherwise carry documents over from earlier runs
    env: { PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', DEMO_ACCOUNTS: '1', DATABASE_URL: '', REDIS_URL: '' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe'
  }
})
