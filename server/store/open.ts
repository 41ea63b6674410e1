/** Picks the backend from the configuration. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { openSqliteStore } from './sqlite.js'
import type { Store } from './types.js'

/** The embedded store's file in a data directory. */
export function embeddedStoreFile(dataDir: string): string { return join(dataDir, 'resdraft.sqlite') }

/** Where to persist: PostgreSQL when a URL is given, otherwise SQLite in `dataDir`. */
export interface StoreLocation {
  dataDir: string
  databaseUrl?: string | undefined
  databaseSchema?: string | undefined
}

/** Where the store reports trouble that is not a failed call (PostgreSQL dropping a connection). */
export interface StoreReporter {
  warn(message: string, fields?: Record<string, unknown>): void
}

/** Opens the configured store. */
export async function openStore(where: StoreLocation, reporter?: StoreReporter): Promise<Store> {
  // pg is loaded only when used
  if (where.databaseUrl) {
    return (await import('./postgres.js')).openPostgresStore(where.databaseUrl, {
      schema: where.databaseSchema,
      onConnectionLost: e => reporter?.warn('PostgreSQL dropped a connection; the next query opens a new one', { error: e.message })
    })
  }
  mkdirSync(where.dataDir, { recursive: true })
  return openSqliteStore(embeddedStoreFile(where.dataDir))
}
