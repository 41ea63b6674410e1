/**
 * Turns shared by every instance on one PostgreSQL database: work under a
 * key (an adoption into a resolution reads which version is in force, then
 * writes the next) runs while no other instance, nor this one, runs work
 * under that key.
 *
 * A turn is a row of `turns` held for a while (a lease): taken by an insert
 * that only succeeds when the key is free or its lease has run out, given
 * back by deleting it. No connection is held while the work runs or while
 * a turn is waited for (a session's advisory lock would hold one of the
 * pool's few connections for the work's whole time, and waiters holding
 * the others would leave it none), and an instance that dies holding a
 * turn holds it no longer than its lease. Waiters ask again every few
 * tens of milliseconds, in no particular order between instances, in the
 * order asked within one (server/turns.ts), and give up `waitMs` after
 * they were asked: waiting behind this instance's own earlier work counts
 * (each waiter's wait began at its own turn here, so that of four namings
 * sent together while a killed instance's lease ran, the last was answered
 * after 45 s: the nineteenth probe).
 *
 * A lease can run out under work that stalls (its traffic to PostgreSQL
 * held up for a minute: the nineteenth probe's instance then adopted on a
 * state another instance had adopted over meanwhile). So work confirms its
 * turn just before it writes (`HeldTurn.confirm`): the lease is renewed if
 * this work still holds it, and the turn is lost (TurnLostError) when it
 * does not, or when the renewal's answer took half a lease or more to come
 * back (the lease it renewed may be running out as it arrives). What is
 * left is a pause of half a lease between the answer and the write, which
 * runs at once in the same process.
 */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { TurnBusyError, TurnLostError, Turns, type HeldTurn } from '../turns.js'

/** The table of turns (created with the store's tables). */
export const TURNS_SQL = 'CREATE TABLE IF NOT EXISTS turns (key TEXT PRIMARY KEY, holder TEXT NOT NULL, until TIMESTAMPTZ NOT NULL)'

/** How long a turn is held at most, s, by default: longer than any work taken in turns (an adoption takes well under a second). */
const LEASE_SECONDS = 60

/** Options of the shared turns. */
export interface PostgresTurnsOptions {
  /** Longest a turn is waited for, from when the work is asked, before it is refused with TurnBusyError, ms (default 15 s). */
  waitMs?: number
  /** How long a turn is held at most unless confirmed again, s (default 60). */
  leaseSeconds?: number
}

/** The `inTurn` of a PostgreSQL store on `pool`; see the module comment. */
export function postgresTurns(pool: pg.Pool, options: PostgresTurnsOptions = {}): <T>(key: string, work: (turn: HeldTurn) => Promise<T>) => Promise<T> {
  const waitMs = options.waitMs ?? 15_000
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS
  const here = new Turns()
  const take = async (key: string, holder: string): Promise<boolean> => (await pool.query(
    `INSERT INTO turns (key, holder, until) VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until WHERE turns.until < now()
     RETURNING holder`, [key, holder, leaseSeconds])).rowCount === 1
  /** The turn `holder` holds on `key`, as its work confirms it; see the module comment. */
  const held = (key: string, holder: string): HeldTurn => ({
    async confirm() {
      const asked = performance.now()
      const renewed = (await pool.query(
        'UPDATE turns SET until = now() + make_interval(secs => $3) WHERE key = $1 AND holder = $2 AND until > now() RETURNING holder',
        [key, holder, leaseSeconds])).rowCount === 1
      if (!renewed || performance.now() - asked >= leaseSeconds * 500) throw new TurnLostError(key)
    }
  })
  return (key, work) => {
    const deadline = Date.now() + waitMs
    return here.run(key, () => inSharedTurn(key, deadline, work))
  }

  /** Runs `work` once this instance holds `key`'s row, or refuses it when that is not so by `deadline`. */
  async function inSharedTurn<T>(key: string, deadline: number, work: (turn: HeldTurn) => Promise<T>): Promise<T> {
    const holder = randomUUID()
    while (!(await take(key, holder))) {
      if (Date.now() > deadline) throw new TurnBusyError(key)
      await new Promise(r => setTimeout(r, 20 + Math.random() * 30))
    }
    try { return await work(held(key, holder)) } finally {
      await pool.query('DELETE FROM turns WHERE key = $1 AND holder = $2', [key, holder]).catch(() => undefined)
    }
  }
}
