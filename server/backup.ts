/**
 * A backup of the embedded store, taken while the server runs: SQLite's
 * `VACUUM INTO` writes a consistent snapshot of `DATA_DIR/resdraft.sqlite`
 * (every update acknowledged before it started; WAL writers are not held
 * up) into a new file, which is checked (`integrity_check`) before it is
 * given its name, so a file at `dest` is always a whole, sound backup.
 * `npm run backup -- FILE` (backup-cli.ts). To restore: stop the server, put
 * the file at `DATA_DIR/resdraft.sqlite` (removing any `-wal`/`-shm` beside
 * it), start the server. The session secret lives beside the store
 * (`DATA_DIR/session-secret`): without it, everyone signs in again.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { embeddedStoreFile } from './store/open.js'

/** What a backup holds. */
export interface BackupSummary {
  file: string
  bytes: number
  documents: number
  versions: number
  updates: number
}

/** A backup that cannot be taken (no store, a file already there, a directory missing): its message says which. */
export class BackupError extends Error {
  constructor(message: string) { super(message); this.name = 'BackupError' }
}

// better-sqlite3's databases stay referenced (see server/store/sqlite.ts: Node 24 aborts when one is collected)
const keep = new Set<object>()

function open(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, { readonly, fileMustExist: true })
  keep.add(db)
  return db
}

/** Writes a backup of the embedded store of `dataDir` to `dest` (which must not exist yet). */
export function backupEmbeddedStore(dataDir: string, dest: string): BackupSummary {
  const source = embeddedStoreFile(dataDir)
  const target = resolve(dest)
  if (!existsSync(source)) throw new BackupError(`no embedded store at ${source} (with DATABASE_URL, back up PostgreSQL with pg_dump)`)
  if (existsSync(target)) throw new BackupError(`${target} exists already: give a new file name`)
  if (!existsSync(dirname(target))) throw new BackupError(`the directory ${dirname(target)} does not exist`)
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  try {
    const db = open(source, false)
    try { db.prepare('VACUUM INTO ?').run(partial) } finally { db.close() }
    const copy = open(partial, true)
    let summary: Omit<BackupSummary, 'file' | 'bytes'>
    try {
      const check = copy.prepare('PRAGMA integrity_check').pluck().all() as string[]
      if (check.length !== 1 || check[0] !== 'ok') throw new BackupError(`the copy is not sound: ${check.slice(0, 3).join('; ')}`)
      const count = (table: string) => copy.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
      summary = { documents: count('documents'), versions: count('versions'), updates: count('updates') }
    } finally { copy.close() }
    renameSync(partial, target)
    return { file: target, bytes: statSync(target).size, ...summary }
  } catch (e) {
    rmSync(partial, { force: true })
    throw e
  }
}
