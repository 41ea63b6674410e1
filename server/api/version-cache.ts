/**
 * Versions are immutable, so what the API makes of one is kept for the
 * versions read lately, one copy for every request: the answer of
 * `GET /api/versions/:id` as bytes (made from the stored JSON text, never
 * parsed and written again), and the parsed content a comparison or a
 * compilation hands to a worker. The sixth probe's 200 concurrent reads of
 * a 5.8 MB version each parsed and wrote it on the event loop (15 s held);
 * requests arriving together now share one read of the store. A version not
 * kept is read and made into its answer on the event loop (22 ms for a
 * 9.8 MB version on the embedded store): a request that asks for one with a
 * payer pays that from its user's share, and is refused before the read
 * when the share is spent; one kept costs nothing.
 */
import type { Store, VersionMeta } from '../store/types.js'
import { withJSON, type PreparedAnswer } from '../http/prepared-answer.js'
import type { ContentPayer } from '../documents.js'

/** What is kept of one version. */
export interface CachedVersion {
  readonly meta: VersionMeta
  /** The answer of `GET /api/versions/:id`: the version with its `json`, as UTF-8 bytes, tagged by the version's id (it never changes). */
  readonly answer: PreparedAnswer
  /** The content as the JSON text it is stored as (for a worker to parse). */
  readonly jsonText: string
  /** The parsed content (parsed when first asked, kept with the entry; callers only read it). */
  json(): unknown
}

/** Versions kept at most, and their answers' bytes at most (the largest document is 8 MB). */
const MAX_ENTRIES = 16
const MAX_BYTES = 64 * 1024 * 1024

const caches = new WeakMap<Store, Map<string, Promise<CachedVersion | null>>>()

/**
 * A version of `store` (null when there is none), from what was kept or read
 * once for every request asking together; a read paid by `payer` when given
 * (asked first: its refusal is thrown before anything is read).
 */
export function cachedVersion(store: Store, id: string, payer?: ContentPayer): Promise<CachedVersion | null> {
  let cache = caches.get(store)
  if (!cache) caches.set(store, cache = new Map())
  const known = cache.get(id)
  if (known) {
    // most recently used last
    cache.delete(id)
    cache.set(id, known)
    return known
  }
  payer?.mayMake()
  const reading = read(store, id, payer)
  cache.set(id, reading)
  reading.then(v => { if (!v) cache.delete(id); else trim(cache) }, () => cache.delete(id))
  return reading
}

async function read(store: Store, id: string, payer: ContentPayer | undefined): Promise<CachedVersion | null> {
  // the time on the event loop: the embedded store reads while it is called, the answer is made after
  let started = performance.now()
  const reading = store.getVersionText(id)
  payer?.made(performance.now() - started)
  const stored = await reading
  if (!stored) return null
  const { jsonText, ...meta } = stored
  started = performance.now()
  const body = withJSON(JSON.stringify(meta), jsonText)
  payer?.made(performance.now() - started)
  let parsed: { value: unknown } | null = null
  return { meta, answer: { body, etag: `"version-${meta.id}"` }, jsonText, json: () => (parsed ??= { value: JSON.parse(jsonText) as unknown }).value }
}

/** Drops the least recently used versions past MAX_ENTRIES or MAX_BYTES. */
async function trim(cache: Map<string, Promise<CachedVersion | null>>): Promise<void> {
  let bytes = 0
  const sizes = new Map<string, number>()
  for (const [id, entry] of cache) { const v = await entry.catch(() => null); sizes.set(id, v?.answer.body.length ?? 0); bytes += v?.answer.body.length ?? 0 }
  for (const id of [...cache.keys()]) {
    if (cache.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break
    bytes -= sizes.get(id) ?? 0
    cache.delete(id)
  }
}
