/**
 * Who each awareness client id of a document stands for. A participant's
 * client id is theirs for as long as their page keeps its document: when
 * their socket drops, their state is removed, and they come back with the
 * same id. Another user who announced a state for that id in between (it
 * was visible to everyone while the participant was there) took it over:
 * the participant was renamed everywhere, in their own editor too, and
 * their own states were refused (the eleventh probe). So an id keeps the
 * identity (the `user` of its state) it last had, after its state is gone:
 * the presence check (extensions/presence.ts) and the fan-out
 * (collab/fan-out.ts) ask `identityOf`, not the current state alone.
 *
 * What is remembered is kept per document name, across the document's
 * unloading and loading again (the twelfth probe: the first to open an
 * unloaded document could take over the id of the participant who had just
 * left it): the last MAX_REMEMBERED ids of each of the last MAX_DOCUMENTS
 * documents, MAX_REMEMBERED_IN_ALL in all, in this process (a restart
 * forgets them). What outlives a
 * restart is the document's attribution (stored with it, written by the
 * server only): a client id that wrote the document is registered under
 * its writer's delegation, and `writerDelegationOf` reads it, so that after
 * a restart a user of another delegation cannot claim a writer's id before
 * the writer is back (the thirteenth probe). A colleague of the same
 * delegation still could, and so could anyone claim the id of a participant
 * who only read: remembering identities in the store would close that.
 */
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { attributionMap, registeredClients } from './attribution-map.js'
import { presenceOf, samePresence } from '../../protocol/awareness.js'
import type { Role } from '../../protocol/api.js'

/** Ids remembered per document (the oldest are forgotten first). */
export const MAX_REMEMBERED = 10_000
/** Documents whose ids are remembered (those used least lately are forgotten first). */
export const MAX_DOCUMENTS = 1_000
/**
 * Ids remembered over all documents (the oldest of the documents used least lately are forgotten first):
 * every opening of a document by a page is an id of its own, and the two bounds above alone allowed ten
 * million, about a gigabyte (soak probe: 6,300 openings left 6,492 identities). 100,000 is some 15 MB.
 */
export const MAX_REMEMBERED_IN_ALL = 100_000

/**
 * Ids remembered per identity in one document (its oldest forgotten first): a user opening the document again and
 * again, as many fresh ids as she likes, forgets her own oldest ids, not anyone else's. With the per-document bound
 * alone, one account announcing 12,400 fresh ids in 20 s made the document forget an offline participant's id, and
 * the attacker could then write with it (a fuzzing helper; extensions/attribution.ts).
 */
export const MAX_REMEMBERED_PER_IDENTITY = 64

/** The ids remembered for one document, in the order last seen, and each identity's among them. */
class DocumentMemory {
  readonly ids = new Map<number, unknown>()
  private readonly byIdentity = new Map<string, Set<number>>()

  get size(): number { return this.ids.size }

  /** Remembers `id` as `user`'s, last seen now; returns how many ids that added (0 or 1) less those forgotten to keep the bounds. */
  add(id: number, user: unknown): number {
    let change = this.forget(id) ? -1 : 0
    const key = identityKey(user)
    let own = this.byIdentity.get(key)
    if (!own) this.byIdentity.set(key, own = new Set())
    this.ids.set(id, user)
    own.add(id)
    change++
    if (own.size > MAX_REMEMBERED_PER_IDENTITY && this.forget(own.values().next().value!)) change--
    if (this.ids.size > MAX_REMEMBERED && this.forget(this.ids.keys().next().value!)) change--
    return change
  }

  /** Forgets `id`; whether it was remembered. */
  forget(id: number): boolean {
    if (!this.ids.has(id)) return false
    const key = identityKey(this.ids.get(id))
    this.ids.delete(id)
    const own = this.byIdentity.get(key)
    own?.delete(id)
    if (own && own.size === 0) this.byIdentity.delete(key)
    return true
  }

  /** Forgets the id seen least lately. */
  forgetOldest(): void {
    const oldest = this.ids.keys().next()
    if (!oldest.done) this.forget(oldest.value)
  }
}

/** Who an identity is, as a key: a presence's name, delegation and role (its colour follows from the delegation). */
function identityKey(user: unknown): string {
  const u = user as { name?: unknown; delegation?: unknown; role?: unknown } | null
  return u && typeof u === 'object' ? `${String(u.name)}\u0000${String(u.delegation)}\u0000${String(u.role)}` : JSON.stringify(user) ?? ''
}

const byDocument = new Map<string, DocumentMemory>()
/** The ids of every memory in `byDocument`. */
let remembered = 0
const watched = new WeakSet<Awareness>()

/** The memory of `documentName`, made when missing, moved to the end (the most lately used are kept). */
function memoryOf(documentName: string): DocumentMemory {
  let known = byDocument.get(documentName)
  if (known) byDocument.delete(documentName)
  else known = new DocumentMemory()
  byDocument.set(documentName, known)
  if (byDocument.size > MAX_DOCUMENTS) forgetOldest(byDocument.keys().next().value!)
  return known
}

/** Forgets the oldest id of `documentName`, or all of them. */
function forgetOldest(documentName: string, all = true): void {
  const known = byDocument.get(documentName)
  if (!known) return
  if (all || known.size <= 1) { remembered -= known.size; byDocument.delete(documentName); return }
  known.forgetOldest()
  remembered--
}

function remember(documentName: string, clientId: number, state: unknown): void {
  const user = (state as { user?: unknown } | null | undefined)?.user
  if (user === undefined) return
  // the document's memory, as lately used (made again if it was forgotten while the document stayed loaded);
  // the id moved to the end: the most recently seen are kept
  remembered += memoryOf(documentName).add(clientId, user)
  while (remembered > MAX_REMEMBERED_IN_ALL) forgetOldest(byDocument.keys().next().value!, false)
}

/** How many ids are remembered, over all documents. */
export function rememberedIds(): number {
  return remembered
}

/** Starts remembering the identities of the client ids of `documentName`, loaded with `awareness` (call when it is loaded). */
export function rememberIdentities(documentName: string, awareness: Awareness): void {
  if (watched.has(awareness)) return
  watched.add(awareness)
  memoryOf(documentName)
  for (const [id, state] of awareness.getStates()) remember(documentName, id, state)
  awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const id of added) remember(documentName, id, awareness.getStates().get(id))
    for (const id of updated) remember(documentName, id, awareness.getStates().get(id))
  })
}

/** The identity (`user`) `clientId` stands for in `documentName`: its state's, or the last it had before its state went; undefined when none is known. */
export function identityOf(documentName: string, awareness: Awareness, clientId: number): unknown {
  const current = (awareness.getStates().get(clientId) as { user?: unknown } | undefined)?.user
  return current !== undefined ? current : byDocument.get(documentName)?.ids.get(clientId)
}

/**
 * Whether `clientId` stands in `documentName` for another participant than
 * the one `user` is (its identity, as `identityOf` knows it); undefined when
 * no identity is known for it.
 */
export function standsForAnother(documentName: string, awareness: Awareness, clientId: number, user: { name: string; delegation: string; role: Role }): boolean | undefined {
  const known = identityOf(documentName, awareness, clientId)
  return known === undefined ? undefined : !samePresence(presenceOf(user), known)
}

const writers = new WeakMap<Y.Doc, Map<number, string>>()
const watchedAttributions = new WeakSet<Y.Doc>()

/** The delegation `document`'s stored attribution registers `clientId` under (a client that wrote it), or undefined. */
export function writerDelegationOf(document: Y.Doc, clientId: number): string | undefined {
  let known = writers.get(document)
  if (!known) {
    const map = attributionMap(document)
    known = registeredClients(map)
    writers.set(document, known)
    // read again after the next change of the attribution (a new writer registered)
    if (!watchedAttributions.has(document)) { watchedAttributions.add(document); map.observeDeep(() => writers.delete(document)) }
  }
  return known.get(clientId)
}
