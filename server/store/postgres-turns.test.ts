/**
 * PostgreSQL's shared turns (postgres-turns.ts) on a schema of their own;
 * skipped, visibly, without DATABASE_URL.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { TurnBusyError } from '../turns.js'
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
