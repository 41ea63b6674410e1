/**
 * The Yjs client ids whose words a page answers for.
 *
 * Every page gets a new Yjs client id, but words typed offline outlive
 * their page: the browser keeps them (IndexedDB) and the next page on the
 * document sends them. If a collaborator's move deleted the provision they
 * were typed into meanwhile, that next page is the only one that can put
 * them back (moved-words.ts), so it answers for the ids of this browser's
 * earlier pages on the document as well as for its own: those no open page
 * holds.
 *
 * Each page records its id (localStorage, per user and document, the last
 * `REMEMBERED_CLIENTS`, as this browser's copy of the document is kept per
 * user: browser-copy.ts) and holds a Web Lock named after it while it is
 * open; a new page takes the locks of the recorded ids no page holds. Two
 * pages never answer for one id, so no words are put back twice. Without
 * Web Locks (a page not served over HTTPS or from localhost) a page
 * answers for its own id alone.
 */

/** How many client ids of earlier pages are remembered per user and document. */
export const REMEMBERED_CLIENTS = 20

/** The client ids a page answers for. */
export interface OwnClientIds {
  /** Whether `client` is this page's id, or an earlier page's this page took over. */
  has(client: number): boolean
  /** Settles once the earlier pages' ids free to take are taken. */
  readonly ready: Promise<void>
  /** Lets go of the ids (the page closes): a later page may take them. */
  release(): void
}

/** What `claimOwnClients` uses of the browser (a stand-in in tests). */
export interface OwnClientsEnvironment {
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null
  readonly locks: Pick<LockManager, 'request'> | null
}

/** The page's localStorage and Web Locks, where it has them. */
export function browserEnvironment(): OwnClientsEnvironment {
  let storage: Storage | null = null
  try { storage = globalThis.localStorage ?? null } catch { storage = null }
  const locks = (globalThis.navigator as Navigator | undefined)?.locks ?? null
  return { storage, locks }
}

/** Where the ids of the earlier pages of user `userId` on `documentId` are recorded. */
export const clientsRecordKey = (userId: string, documentId: string) => `resdraft:clients:user:${encodeURIComponent(userId)}:${documentId}`
const lockName = (documentId: string, client: number) => `resdraft:client:${documentId}:${client}`

/** The recorded ids under `key` (an unreadable record is none). */
function recorded(storage: OwnClientsEnvironment['storage'], key: string): number[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(key) ?? '[]')
    return Array.isArray(value) ? value.filter((c): c is number => Number.isSafeInteger(c)) : []
  } catch { return [] }
}

/** Claims the ids page `clientId` of the user whose id is `userId` answers for on `documentId` (see the module comment). */
export function claimOwnClients(userId: string, documentId: string, clientId: number, environment: OwnClientsEnvironment = browserEnvironment()): OwnClientIds {
  const { storage, locks } = environment
  const key = clientsRecordKey(userId, documentId)
  const held = new Set([clientId])
  const releases: (() => void)[] = []
  let released = false
  const earlier = recorded(storage, key).filter(c => c !== clientId)
  try { storage?.setItem(key, JSON.stringify([...earlier, clientId].slice(-REMEMBERED_CLIENTS))) } catch { /* storage full or refused: this page's id is not remembered */ }

  /** Takes the lock of `client` if no page holds it, and holds it until `release`. */
  const take = (client: number): Promise<boolean> => new Promise(resolve => {
    locks!.request(lockName(documentId, client), { ifAvailable: true }, lock => {
      if (!lock || released) { resolve(false); return undefined }
      resolve(true)
      return new Promise<void>(done => releases.push(done))
    }).catch(() => resolve(false))
  })

  const ready = locks === null ? Promise.resolve() : (async () => {
    await take(clientId)
    for (const client of earlier) if (await take(client)) held.add(client)
  })()

  return {
    has: client => held.has(client),
    ready,
    release() {
      released = true
      for (const done of releases.splice(0)) done()
    }
  }
}
