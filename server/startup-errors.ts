/**
 * What `npm start` says when the server cannot start: one line naming the
 * setting or the place at fault (DATA_DIR not writable, disk full, port in
 * use, a bad variable), instead of a raw EPERM or SqliteError stack.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from './config.js'

/** Creates DATA_DIR when needed and checks that a file can be written in it; throws a ConfigError naming it otherwise. */
export function prepareDataDir(dataDir: string): void {
  const probe = join(dataDir, `.write-test-${process.pid}`)
  try {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(probe, '')
    rmSync(probe, { force: true })
  } catch (e) {
    throw new ConfigError(`DATA_DIR ${dataDir} cannot be used: ${reasonOf(e as NodeJS.ErrnoException)}`)
  }
}

function reasonOf(e: { code?: string; message?: string }): string {
  switch (e.code) {
    case 'EACCES': case 'EPERM': return `writing there is not allowed (${e.code})`
    case 'EROFS': case 'SQLITE_READONLY': return `it is on a read-only file system (${e.code})`
    case 'ENOSPC': case 'SQLITE_FULL': case 'EDQUOT': return `the disk is full (${e.code})`
    case 'ENOTDIR': case 'EEXIST': return `a file stands where a directory is needed (${e.code})`
    case 'ENOENT': return `a parent directory does not exist and cannot be created (${e.code})`
    default: return firstLine(e.message ?? String(e)) + (e.code ? ` (${e.code})` : '')
  }
}

const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 300)

/** One line describing why the server could not start (`dataDir`: where the store lives). */
export function describeStartupError(err: unknown, dataDir: string): string {
  const e = (err ?? {}) as { code?: string; message?: string; port?: number; name?: string }
  if (err instanceof ConfigError) return firstLine(err.message)
  switch (e.code) {
    case 'SQLITE_FULL': case 'ENOSPC': case 'EDQUOT': return `the disk holding ${dataDir} is full (${e.code})`
    case 'SQLITE_READONLY': case 'EROFS': return `${dataDir} is read-only (${e.code})`
    case 'SQLITE_CANTOPEN': return `the database in ${dataDir} cannot be opened (${e.code})`
    case 'SQLITE_CORRUPT': case 'SQLITE_NOTADB': return `the database in ${dataDir} is damaged or not a database (${e.code})`
    case 'EACCES': case 'EPERM': return `${dataDir}: not allowed (${e.code}: ${firstLine(e.message ?? '')})`
    case 'EADDRINUSE': return `port ${e.port ?? ''} is already in use (set PORT to another one)`
    case 'ECONNREFUSED': return `the database or Redis server refused the connection (${firstLine(e.message ?? '')})`
  }
  return `${e.name ?? 'Error'}: ${firstLine(e.message ?? String(err))}`
}
