/**
 * `npm run backup -- FILE`: a backup of the embedded store of DATA_DIR
 * (default ./data) into FILE, while the server runs or not (backup.ts).
 * One line on stdout when done; one line on stderr and exit code 1 when not.
 */
import { backupEmbeddedStore } from './backup.js'
import { configFromEnv } from './config.js'

try {
  const dest = process.argv[2]
  if (!dest) throw new Error('usage: npm run backup -- FILE (the embedded store of DATA_DIR is copied into FILE)')
  const config = configFromEnv()
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump')
  const b = backupEmbeddedStore(config.dataDir, dest)
  console.log(`resdraft: backup written to ${b.file} (${(b.bytes / 1024).toFixed(0)} KiB: ${b.documents} documents, ${b.versions} versions, ${b.updates} updates in the log; integrity check ok)`)
} catch (e) {
  console.error(`resdraft: backup not taken: ${(e as Error).message.split('\n')[0]}`)
  process.exit(1)
}
