/**
 * PostgreSQL's shared turns (postgres-turns.ts) on a schema of their own;
 * skipped, visibly, without DATABASE_URL.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { TurnBusyError, TurnLostError } from '../turns.js'
import { postgresTurns, TURNS_SQL } from './postgres-turns.js'

const url = process.env.DATABASE_URL
const schema = `resdraft_test_${Math.random().toString(36).slice(2, 10)}`
let pool: pg.Pool
before(async () => {
  if (!url) return
  pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` })
  await pool.query(`CREATE SCHEMA ${schema}`)
  await pool.query(TURNS_SQL)
})
after(async () => {
  if (!url) return
  await pool.query(`DROP SCHEMA ${schema} CASCADE`)
  await pool.end()
})

test('work asked together while another instance holds the turn is refused once it has waited waitMs, each counted from when it was asked, not one after the other', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  // nineteenth probe, two real instances: the instance holding a resolution's turn killed (-9), four namings of a version
  // sent to the other at once were answered 503 after 15.0, 30.0 and 45.1 s and 201 after 59.9 s (the lease out)
  await pool.query(`INSERT INTO turns (key, holder, until) VALUES ('versions:r1', 'a dead instance', now() + interval '60 seconds')`)
  const inTurn = postgresTurns(pool, { waitMs: 300 })
  let ran = 0
  const asked = performance.now()
  const answers = await Promise.all(Array.from({ length: 4 }, () => inTurn('versions:r1', async () => { ran++ }).then(
    () => ({ busy: false, after: performance.now() - asked }),
    (e: unknown) => ({ busy: e instanceof TurnBusyError, after: performance.now() - asked }))))
  assert.deepEqual(answers.map(a => a.busy), [true, true, true, true])
  assert.equal(ran, 0)
  const last = Math.max(...answers.map(a => a.after))
  assert.ok(last < 800, `every one refused within its wait: ${answers.map(a => Math.round(a.after)).join(', ')} ms`)
})

test('a turn whose lease ran out while its work stalled, and that another instance took, is lost: confirming it before writing rejects, and the work writes nothing', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  // nineteenth probe, two real instances: A took the turn and passed the check of the version in force, then its traffic to
  // PostgreSQL was held 62 s; B took the turn once A's lease had run out and adopted; A, let through, adopted too (201)
  const inTurn = postgresTurns(pool)
  let wrote = false
  const lost = inTurn('versions:r2', async turn => {
    await pool.query(`UPDATE turns SET holder = 'instance B', until = now() + interval '60 seconds' WHERE key = 'versions:r2'`)
    await turn.confirm()
    wrote = true
  })
  await assert.rejects(lost, TurnLostError)
  assert.equal(wrote, false)
  assert.equal((await pool.query(`SELECT holder FROM turns WHERE key = 'versions:r2'`)).rows[0]?.holder, 'instance B', "B's turn is left to B")
  await pool.query(`DELETE FROM turns WHERE key = 'versions:r2'`)
  // a lease run out that nobody took is lost too: another instance may be about to take it
  await assert.rejects(inTurn('versions:r3', async turn => {
    await pool.query(`UPDATE turns SET until = now() - interval '1 second' WHERE key = 'versions:r3'`)
    await turn.confirm()
  }), TurnLostError)
  // a turn still held is confirmed, with its lease renewed
  assert.equal(await inTurn('versions:r4', async turn => {
    await pool.query(`UPDATE turns SET until = now() + interval '1 second' WHERE key = 'versions:r4'`)
    await turn.confirm()
    return (await pool.query(`SELECT until > now() + interval '30 seconds' AS renewed FROM turns WHERE key = 'versions:r4'`)).rows[0]?.renewed
  }), true)
})

test('a confirmation that comes back after half a lease or more is a turn lost: the lease it renewed may be running out as it arrives', { skip: url ? false : 'DATABASE_URL not set' }, async () => {
  // a pool whose answers to the renewal come back late (the traffic held on its way back)
  const slow = { query: async (...args: Parameters<pg.Pool['query']>) => {
    const answer = await (pool.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args)
    if (String(args[0]).startsWith('UPDATE turns')) await new Promise(r => setTimeout(r, 120))
    return answer
  } } as unknown as pg.Pool
  const inTurn = postgresTurns(slow, { leaseSeconds: 0.2 })
  await assert.rejects(inTurn('versions:r5', async turn => { await turn.confirm() }), TurnLostError)
  const inLongerTurn = postgresTurns(slow, { leaseSeconds: 5 })
  assert.equal(await inLongerTurn('versions:r6', async turn => { await turn.confirm(); return 'written' }), 'written')
})
