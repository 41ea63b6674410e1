/**
 * The content last made of a few documents not loaded here, each by the end
 * of its stored update log (a new update, or a compaction, changes it):
 * reads of an unchanged document share one content. Bounded in count and
 * in the bytes of the update logs they were made from (a content takes
 * several times its encoded size): the sixth probe read thirty large
 * documents once each and the server kept 750 MB of their contents.
 */

/** A content made from a stored update log. */
interface StoredContent { readonly lastSeq: number; readonly count: number; readonly lang: string; readonly bytes: number; readonly json: unknown }

/** The contents kept, least recently made first. */
export class StoredContents {
  private readonly entries = new Map<string, StoredContent>()
  private bytes = 0

  /** At most `maxEntries` contents, made from at most `maxBytes` of update logs together. */
  constructor(private readonly maxEntries = 32, private readonly maxBytes = 24 * 1024 * 1024) {}

  /** The content kept for document `id` when it was made from the same log (`lastSeq`, `count`) in `lang`; else undefined. */
  get(id: string, lastSeq: number, count: number, lang: string): unknown {
    const known = this.entries.get(id)
    return known && known.lastSeq === lastSeq && known.count === count && known.lang === lang ? known.json : undefined
  }

  /** Keeps `json`, made from `bytes` of update log, dropping the oldest contents past the bounds (a log larger than them all is not kept). */
  set(id: string, lastSeq: number, count: number, lang: string, bytes: number, json: unknown): void {
    this.drop(id)
    if (bytes > this.maxBytes) return
    this.entries.set(id, { lastSeq, count, lang, bytes, json })
    this.bytes += bytes
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.drop(old)
    }
  }

  private drop(id: string): void {
    const known = this.entries.get(id)
    if (!known) return
    this.bytes -= known.bytes
    this.entries.delete(id)
  }
}
