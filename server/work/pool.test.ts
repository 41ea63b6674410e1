import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { IMPORT_LIMITS } from '../../schema/text/index.js'
import { DEFAULT_WORK_MEMORY_MB, WorkBusyError, WorkError, WorkMemoryError, WorkPool, WorkTimeoutError } from './pool.js'

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

test('a job past the memory limit is stopped with a clear error, its worker replaced, and the next job runs; the server\'s own memory is untouched', async () => {
  const small = new WorkPool({ size: 1, queue: 1, timeoutMs: 60_000, memoryMb: 128 })
  try {
    const rss = process.memoryUsage().rss
    await assert.rejects(small.run('hold', { mb: 4096 }), (e: unknown) => e instanceof WorkMemoryError && /128 MB/.test((e as Error).message))
    assert.ok(process.memoryUsage().rss - rss < 512 * 1024 * 1024, 'the worker\'s heap was stopped near its limit')
    assert.equal((await small.run('hold', { mb: 16 })).held, 16)
    assert.equal((await small.run('spin', { ms: 1 })).spun > 0, true)
  } finally { await small.close() }
})

test('the largest text import the limits admit, and its comparison with an edited copy, run in a quarter of the default memory', async () => {
  const quarter = new WorkPool({ size: 1, queue: 1, timeoutMs: 120_000, memoryMb: DEFAULT_WORK_MEMORY_MB / 4 })
  try {
    // as many provisions as admitted, of words varied enough to keep the text (about 5,000,000 characters: the body's limit) apart
    const provision = (i: number, edit: number) => Array.from({ length: 330 }, (_, k) => `w${(i * 7 + k * (k % 9 === 0 ? edit : 1)) % 997}`).join(' ')
    const text = (edit: number) => head + Array.from({ length: IMPORT_LIMITS.provisions }, (_, i) => `${i + 1}\tthat ${provision(i, edit)};`).join('\n')
    assert.ok(text(1).length > 4_500_000 && text(1).length <= 5_000_000, String(text(1).length))
    const a = await quarter.run('import-text', { text: text(1), lang: 'en' })
    const b = await quarter.run('import-text', { text: text(3), lang: 'en' })
    const c = await quarter.run('compare', { old: { json: a.content.canonical }, new: { json: b.content.canonical }, ignoreRenumbering: false })
    const counts = (JSON.parse(new TextDecoder().decode(c.bytes)) as { summary: { counts: { NOC: number; MOD: number; SUP: number } } }).summary.counts
    assert.equal(counts.NOC + counts.MOD + counts.SUP, IMPORT_LIMITS.provisions)
  } finally { await quarter.close() }
})

test('one user cannot hold the whole pool: past their share a job of theirs is refused at once, another user\'s still queues', async () => {
  const shared = new WorkPool({ size: 1, queue: 8, timeoutMs: 10_000, perOwner: 2 })
  try {
    const first = shared.run('spin', { ms: 400 }, 'reviewer')
    const second = shared.run('spin', { ms: 1 }, 'reviewer')
    await assert.rejects(shared.run('spin', { ms: 1 }, 'reviewer'), (e: unknown) => e instanceof WorkBusyError && /your own/.test((e as Error).message))
    const other = shared.run('spin', { ms: 1 }, 'drafter')
    await Promise.all([first, second, other])
    assert.ok((await shared.run('spin', { ms: 1 }, 'reviewer')).spun > 0, 'their share is theirs again once their jobs are done')
  } finally { await shared.close() }
})

test('a waiting job of a user who has had little of the workers runs before one of a user who has had much: an export waits for one compile, not for every compile queued', async () => {
  const shared = new WorkPool({ size: 1, queue: 8, timeoutMs: 10_000, perOwner: 2 })
  try {
    const finished: string[] = []
    const heavy = shared.run('spin', { ms: 300 }, 'reviewer').then(() => finished.push('reviewer 1'))
    const heavyAgain = shared.run('spin', { ms: 300 }, 'reviewer').then(() => finished.push('reviewer 2'))
    await new Promise(r => setTimeout(r, 50))
    const light = shared.run('spin', { ms: 1 }, 'drafter').then(() => finished.push('drafter'))
    await Promise.all([heavy, heavyAgain, light])
    assert.deepEqual(finished, ['reviewer 1', 'drafter', 'reviewer 2'])
  } finally { await shared.close() }
})

test('the last free worker is kept for a user with nothing running: one user\'s second long job waits, another user\'s job starts at once', async () => {
  const shared = new WorkPool({ size: 2, queue: 8, timeoutMs: 10_000, perOwner: 2 })
  try {
    // both workers started first: a worker is started when first needed, which on a busy machine took longer than the
    // first long job (CI once saw the reviewer's job end before the drafter's worker was up)
    await Promise.all([shared.run('spin', { ms: 1 }, 'warm-up 1'), shared.run('spin', { ms: 1 }, 'warm-up 2')])
    const finished: string[] = []
    const heavy = shared.run('spin', { ms: 400 }, 'reviewer').then(() => finished.push('reviewer 1'))
    const heavyAgain = shared.run('spin', { ms: 400 }, 'reviewer').then(() => finished.push('reviewer 2'))
    await new Promise(r => setTimeout(r, 50))
    assert.deepEqual(shared.load, { running: 1, waiting: 1 }, 'her second job waits for her first')
    const light = shared.run('spin', { ms: 1 }, 'drafter').then(() => finished.push('drafter'))
    await light
    assert.deepEqual(finished, ['drafter'], 'the other user\'s job ran at once, on the kept worker')
    await Promise.all([heavy, heavyAgain])
    assert.deepEqual(finished, ['drafter', 'reviewer 1', 'reviewer 2'])
  } finally { await shared.close() }
})

test('a waiting job another user waits for too (a comparison both asked for) starts when either may start one: joining it costs no wait behind the first user\'s work', async () => {
  const shared = new WorkPool({ size: 2, queue: 8, timeoutMs: 10_000, perOwner: 2 })
  try {
    // both workers started first (see the test before)
    await Promise.all([shared.run('spin', { ms: 1 }, 'warm-up 1'), shared.run('spin', { ms: 1 }, 'warm-up 2')])
    const finished: string[] = []
    const long = shared.run('spin', { ms: 600 }, 'reviewer').then(() => finished.push('reviewer\'s long job'))
    const comparison = shared.run('spin', { ms: 1 }, 'reviewer')
    await new Promise(r => setTimeout(r, 50))
    assert.deepEqual(shared.load, { running: 1, waiting: 1 }, 'her comparison waits for her long job (the last worker is kept)')
    shared.alsoFor(comparison, 'drafter')
    await comparison.then(() => finished.push('comparison'))
    assert.deepEqual(finished, ['comparison'], 'it ran at once, as the drafter\'s own would have')
    await long
    // joining a job that has run, or one that is not the pool's, does nothing
    shared.alsoFor(comparison, 'drafter')
    shared.alsoFor(Promise.resolve(), 'drafter')
    assert.deepEqual(shared.load, { running: 0, waiting: 0 })
  } finally { await shared.close() }
})
