/** Picks the backend from the configuration. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { openSqliteStore } from './sqlite.js'
import type { Store } from './types.js'

/** Where to persist: PostgreSQL when a URL is given, otherwise SQLite in `dataDir`. */
export interface StoreLocation {
  dataDir: string
  databaseUrl?: string | undefined
  databaseSchema?: string | undefined
}

/** Opens the configured store. */
export async function openStore(where: StoreLocation): Promise<Store> {
  // pg is loaded only when used
  if (where.databaseUrl) return (await import('./postgres.js')).openPostgresStore(where.databaseUrl, { schema: where.databaseSchema })
  mkdirSync(where.dataDir, { recursive: true })
  return openSqliteStore(join(where.dataDir, 'resdraft.sqlite'))
}
