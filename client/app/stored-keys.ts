/**
 * The keys of this browser's localStorage (or a stand-in) that start with a
 * prefix: what is kept per user or per document is found so.
 */

/** What `storedKeys` reads of a storage. */
export type KeyedStorage = Pick<Storage, 'key' | 'length'>

/** The keys of `storage` that start with `prefix` (none when the storage cannot be read). */
export function storedKeys(prefix: string, storage?: KeyedStorage | null): string[] {
  const keys: string[] = []
  try {
    const from = storage === undefined ? globalThis.localStorage : storage
    if (!from) return keys
    for (let i = 0; i < from.length; i++) {
      const key = from.key(i)
      if (key?.startsWith(prefix)) keys.push(key)
    }
  } catch { return [] }
  return keys
}
