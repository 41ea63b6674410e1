/**
 * The document list's reading of the store (run: node --import tsx bench/list.bench.ts).
 *
 * Every `GET /api/documents` lists the documents and asks each one's newest
 * named version (`newestVersions`, over every version and automatic
 * checkpoint). On SQLite both are synchronous: they hold the event loop.
 * An assembly's store is made here: 2,000 documents, each with 25 versions
 * (one named, four checkpoints, in turn) of an 8 KB text. The two reads are
 * timed with the covering index `versions_newest` the store makes, and the
 * baseline is the same query on a copy of the store without that index
 * (the versions' rows read whole). Figures are printed, not asserted.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { newestVersionsQuery } from '../server/store/rows.js'
import { openSqliteStore } from '../server/store/sqlite.js'

const DOCUMENTS = 2000
const VERSIONS = 25
const dir = mkdtempSync(join(tmpdir(), 'resdraft-list-bench-'))
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }
try {
  const file = join(dir, 'store.sqlite')
  await openSqliteStore(file).close()
  const db = new Database(file)
  const text = JSON.stringify({ type: 'resolution', content: 'ب'.repeat(4000) })
  const doc = db.prepare(`INSERT INTO documents (id, title, lang, kind, base_version_id, base_document_id, delegations, invited_cosponsors, shared, created_at, updated_at, updated_by, json)
    VALUES (?, ?, 'ar', 'proposal', 'v', 'r', '["APT"]', '[]', 0, ?, ?, NULL, ?)`)
  const version = db.prepare('INSERT INTO versions (id, document_id, name, created_at, created_by, json) VALUES (?, ?, ?, ?, NULL, ?)')
  db.transaction(() => {
    for (let d = 0; d < DOCUMENTS; d++) {
      const at = new Date(Date.UTC(2026, 0, 1) + d * 60_000).toISOString()
      doc.run(`doc-${d}`, `Proposal ${d}`, at, at, text)
      for (let v = 0; v < VERSIONS; v++) version.run(`doc-${d}-v${v}`, `doc-${d}`, v % 5 === 0 ? `Named ${v}` : `⟲ checkpoint ${v}`, new Date(Date.UTC(2026, 0, 1) + d * 60_000 + v).toISOString(), text)
    }
  })()
  db.close()
  const bare = join(dir, 'without-index.sqlite')
  copyFileSync(file, bare)
  const plain = new Database(bare)
  plain.exec('DROP INDEX versions_newest')
  const store = openSqliteStore(file)
  const query = newestVersionsQuery(() => '?')
  const listTimes: number[] = []
  const ours: number[] = []
  const baseline: number[] = []
  const ratios: number[] = []
  for (let k = 0; k < 11; k++) {
    let t0 = performance.now()
    await store.listDocuments()
    listTimes.push(performance.now() - t0)
    t0 = performance.now()
    const found = await store.newestVersions('⟲ ')
    const t = performance.now() - t0
    t0 = performance.now()
    const rows = plain.prepare(query).all(2, '⟲ ') as unknown[]
    const b = performance.now() - t0
    if (found.size !== DOCUMENTS || rows.length !== DOCUMENTS) throw new Error('every document has a named version')
    ours.push(t); baseline.push(b); ratios.push(b / t)
  }
  await store.close()
  plain.close()
  console.log(`store of ${DOCUMENTS} documents, ${DOCUMENTS * VERSIONS} versions and checkpoints (8 KB texts), SQLite; medians of 11 turns`)
  console.log(`documents listed: ${median(listTimes).toFixed(1)} ms`)
  console.log(`newest named versions: ${median(ours).toFixed(1)} ms from the covering index; ${median(baseline).toFixed(1)} ms without it (baseline); ratio ${median(ratios).toFixed(1)}x`)
} finally { rmSync(dir, { recursive: true, force: true }) }
