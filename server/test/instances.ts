/**
 * Server instances in child processes sharing one PostgreSQL schema and one
 * Redis prefix, both made for the test and removed after it, with documents
 * stored before they start (scale-out, fan-out outage and presence tests).
 * Without DATABASE_URL and REDIS_URL the test is skipped, visibly.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dropPostgresSchema, openPostgresStore } from '../store/postgres.js'
import type { DocumentMeta } from '../store/types.js'
import { spawnServer, stopServer, type ChildServer } from './child.js'
import { createDocument, type NewDocument } from '../documents.js'
import { sampleJSON, type Client } from './helpers.js'

/** Instances started for a test, and what they share. */
export interface SharedInstances {
  servers: ChildServer[]
  /** The documents stored before the instances started (delegations APT and ARB, not shared). */
  documents: DocumentMeta[]
  /** Clients to close with the instances. */
  clients: Client[]
  /** Closes the clients, kills the instances, drops the schema, removes the data directory. */
  close(): Promise<void>
}

/** Options of `sharedInstances`. */
export interface InstancesOptions {
  /** How many instances (default 2). */
  count?: number
  /** How many documents to store first (default 1). */
  documents?: number
  /** The Redis URL instance `k` is given (default REDIS_URL: a test may put a proxy in front of one). */
  redisUrlOf?: (k: number, redisUrl: string) => string
  /** More environment variables of every instance. */
  env?: Record<string, string>
  /** The stored documents' kind and delegations (default: resolutions of APT and ARB, no invitations). */
  document?: Pick<NewDocument, 'kind' | 'delegations' | 'invitedCosponsors'>
}

/** Starts the instances, or skips the test (`t.skip`) and gives null without PostgreSQL and Redis. */
export async function sharedInstances(t: { skip(message: string): void }, options: InstancesOptions = {}): Promise<SharedInstances | null> {
  const databaseUrl = process.env.DATABASE_URL
  const redisUrl = process.env.REDIS_URL
  if (!databaseUrl || !redisUrl) { t.skip(`${!databaseUrl ? 'DATABASE_URL' : 'REDIS_URL'} not set`); return null }
  const schema = `resdraft_instances_${Math.random().toString(36).slice(2, 10)}`
  const dataDir = mkdtempSync(join(tmpdir(), 'resdraft-instances-'))
  const setup = await openPostgresStore(databaseUrl, { schema })
  const documents = await Promise.all(Array.from({ length: options.documents ?? 1 }, () =>
    createDocument(setup, { title: 'Test', delegations: ['APT', 'ARB'], shared: false, ...options.document }, sampleJSON(), null)))
  await setup.close()
  const env = { ...options.env, DATA_DIR: dataDir, PORT: '0', SESSION_SECRET: `${schema}-secret`, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_PREFIX: schema }
  const servers = await Promise.all(Array.from({ length: options.count ?? 2 }, (_, k) => spawnServer({ ...env, REDIS_URL: options.redisUrlOf?.(k, redisUrl) ?? redisUrl })))
  const clients: Client[] = []
  return {
    servers, documents, clients,
    async close() {
      for (const c of clients) c.destroy()
      await Promise.all(servers.map(s => stopServer(s, 'SIGKILL')))
      await dropPostgresSchema(databaseUrl, schema)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
