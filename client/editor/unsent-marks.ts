/**
 * Which of this browser's copies of documents (browser-copy.ts) may hold
 * changes the server has not acknowledged yet: signing out erases the
 * user's copies (a conference's machine is shared, and a copy holds the
 * whole proposal), and asks first when one may still hold words that are
 * nowhere else.
 *
 * Each page marks its copy while it has changes the server has not
 * acknowledged: a localStorage key `resdraft:unsent:<copy name>:<page id>`
 * holding the time of the page's last change. The page takes its mark away
 * once the server has acknowledged every change. A page closed before that
 * leaves its mark; its words wait in the copy, and the next page that reads
 * the copy sends them in its sync. Once that page has every change
 * acknowledged, it reads the copy again: when the copy holds nothing the
 * page lacks (so nothing the server lacks), the marks of changes made
 * before that reading go (`RECORD_SLACK_MS` before, the time a change takes
 * to reach the copy), not those of pages that changed since. The copy is
 * read at most every `READ_AGAIN_MS` by one page.
 */

import { storedKeys } from '../app/stored-keys.js'

/** Where the marks are kept (localStorage in a browser; a stand-in in tests). */
export type MarkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>

const PREFIX = 'resdraft:unsent:'
/** How much older than a reading of the copy a mark must be to be taken for a change that reading saw, ms. */
export const RECORD_SLACK_MS = 250
/** How long a page waits before it reads the copy again for other pages' marks (the reading costs the whole copy), ms. */
export const READ_AGAIN_MS = 30_000

/** One page's marks on its copy. */
export interface UnsentMarks {
  /** The page changed the document (its change not acknowledged yet). */
  changed(now?: number): void
  /**
   * The server acknowledged every change of the page: its mark goes, and,
   * when other pages' marks stand on the copy, those older than a reading of
   * the copy by `copyAddsNothing` that finds nothing the page lacks.
   */
  acknowledged(copyAddsNothing: () => Promise<boolean>, now?: () => number): Promise<void>
}

function browserStorage(): MarkStorage | null {
  try { return globalThis.localStorage ?? null } catch { return null }
}

/** The copy a mark's key is on (the key ends with `:<page id>`). */
const copyOf = (key: string) => key.slice(PREFIX.length, key.lastIndexOf(':'))

/** The marks a page (`pageId`) keeps on the copy `copyName`. */
export function unsentMarks(copyName: string, pageId: string, storage: MarkStorage | null = browserStorage()): UnsentMarks {
  const own = `${PREFIX}${copyName}:${pageId}`
  let marked = false
  let lastRead = -Infinity
  return {
    changed(now = Date.now()) {
      if (!storage) return
      marked = true
      try { storage.setItem(own, String(now)) } catch { /* storage full or refused: signing out cannot tell */ }
    },
    async acknowledged(copyAddsNothing, now = Date.now) {
      if (!storage) return
      try {
        if (marked) storage.removeItem(own)
        marked = false
        const others = storedKeys(`${PREFIX}${copyName}:`, storage).filter(key => copyOf(key) === copyName)
        if (others.length === 0) return
        const readAt = now()
        if (readAt - lastRead < READ_AGAIN_MS) return
        lastRead = readAt
        if (!await copyAddsNothing()) return
        for (const key of others) {
          const at = Number(storage.getItem(key))
          if (Number.isFinite(at) && at < readAt - RECORD_SLACK_MS) storage.removeItem(key)
        }
      } catch { /* storage refused, or the copy unreadable: the marks stay, and signing out asks */ }
    }
  }
}

/** The names of the copies that may hold changes the server has not acknowledged, among those starting with `copyPrefix`. */
export function copiesWithUnsent(copyPrefix: string, storage: MarkStorage | null = browserStorage()): string[] {
  if (!storage) return []
  try {
    const names = new Set<string>()
    for (const key of storedKeys(`${PREFIX}${copyPrefix}`, storage)) names.add(copyOf(key))
    return [...names]
  } catch { return [] }
}

/** Takes away the marks on the copies starting with `copyPrefix` (erased) that `which` accepts (all by default). */
export function forgetUnsentMarks(copyPrefix: string, which: (copyName: string) => boolean = () => true, storage: MarkStorage | null = browserStorage()): void {
  if (!storage) return
  try {
    for (const key of storedKeys(`${PREFIX}${copyPrefix}`, storage)) if (which(copyOf(key))) storage.removeItem(key)
  } catch { /* storage refused */ }
}
