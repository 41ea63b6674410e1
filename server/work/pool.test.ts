import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { IMPORT_LIMITS } from '../../schema/text/index.js'
import { WorkBusyError, WorkError, WorkPool, WorkTimeoutError } from './pool.js'

const pool = new WorkPool({ size: 1, queue: 1, timeoutMs: 4000 })
after(() => pool.close())

const head = 'RESOLUTION 50 (Rev. Dubai, 2012)\nCybersecurity\nThe World Telecommunication Standardization Assembly (Dubai, 2012),\nresolves\n'

test('a text import runs in the worker and comes back as JSON with its warnings', async () => {
  const r = await pool.run('import-text', { text: head + '1\tthat a;\n2\tthat b;\n', lang: 'en' })
  assert.equal((r.content.canonical as { type: string }).type, 'resolution')
  assert.ok(r.content.update instanceof Uint8Array && r.content.update.length > 100)
  assert.deepEqual(r.warnings, [])
})

test('the importer\'s errors come back by name with their limit and line', async () => {
  await assert.rejects(pool.run('import-text', { text: head + '1\tthat a;\n'.repeat(IMPORT_LIMITS.provisions + 1) }),
    (e: unknown) => e instanceof WorkError && e.name === 'ImportLimitError' && e.limit === 'provisions' && e.line === IMPORT_LIMITS.provisions + 5)
  await assert.rejects(pool.run('import-text', { text: 'no heading here' }), (e: unknown) => e instanceof WorkError && e.name === 'ImportError')
})

test('a job past the time limit is stopped, its worker replaced, and the next job runs', async () => {
  const started = Date.now()
  await assert.rejects(pool.run('spin', { ms: 60_000 }), (e: unknown) => e instanceof WorkTimeoutError)
  assert.ok(Date.now() - started < 30_000)
  assert.equal((await pool.run('spin', { ms: 1 })).spun > 0, true)
})

test('past the queue bound a job is refused at once; waiting jobs run in turn', async () => {
  const running = pool.run('spin', { ms: 300 })
  const waiting = pool.run('spin', { ms: 1 })
  await assert.rejects(pool.run('spin', { ms: 1 }), (e: unknown) => e instanceof WorkBusyError)
  await Promise.all([running, waiting])
  assert.deepEqual(pool.load, { running: 0, waiting: 0 })
})
