/**
 * What this browser keeps of a user's documents, erased when she signs out:
 * a conference's machines are shared, and the copy of each document she
 * opened (client/editor/browser-copy.ts: the whole proposal, in IndexedDB)
 * and its remembered details (remembered-details.ts: title, delegations)
 * could be read by the next person with the browser's tools; the ids of
 * her pages on it (client/editor/own-clients.ts) go with them. Before the
 * sign-out, the copies that may hold changes the server has not
 * acknowledged (client/editor/unsent-marks.ts) are named, so that she can
 * stay and send them: erased, they would be nowhere else.
 *
 * A sign-out is remembered (localStorage) from the moment it is asked of the
 * server until its erasing is done: the server closes the session's
 * sockets as it ends it, and the editor then reloads the page (as for any
 * change of rights), which may come before the answer. The next start of
 * the app, finding nobody signed in, finishes it (`finishSignOut`).
 */
import { copiesNamed, deleteCopy, hasCopy, userCopyPrefix } from '../editor/browser-copy.js'
import { copiesWithUnsent, forgetUnsentMarks } from '../editor/unsent-marks.js'
import { clientsRecordKey } from '../editor/own-clients.js'
import { forgetDetails, rememberedDetails } from './remembered-details.js'
import { storedKeys } from './stored-keys.js'

/** A document whose copy may hold changes the server has not acknowledged: its id, and its title where one is remembered. */
export interface UnsentDocument { id: string; title: string | null }

/** The documents whose copy, kept for the user `userId`, may hold changes the server has not acknowledged (a mark on a copy no longer held counts for nothing). */
export async function documentsWithUnsent(userId: string): Promise<UnsentDocument[]> {
  const prefix = userCopyPrefix(userId)
  const held = await Promise.all(copiesWithUnsent(prefix).map(async name => await hasCopy(name) ? name : null))
  return held.filter((name): name is string => name !== null).map(name => {
    const id = name.slice(prefix.length)
    return { id, title: rememberedDetails(userId, id)?.title ?? null }
  })
}

/**
 * Erases what this browser keeps of the user `userId`'s documents: their
 * copies, the details remembered, the marks of unsent changes; those of the
 * documents in `keep` (whose unsent changes she keeps for her next sign-in
 * here) stay. What is in localStorage goes at once; a copy still open (the
 * page being left) is deleted once the page closes it.
 */
export async function eraseTraces(userId: string, keep: readonly string[] = []): Promise<void> {
  const prefix = userCopyPrefix(userId)
  const kept = new Set(keep.map(id => `${prefix}${id}`))
  // the copies of the documents whose details are remembered (every document the user opened here), and of those marked
  const names = new Set(forgetDetails(userId, keep).map(id => `${prefix}${id}`))
  for (const name of copiesWithUnsent(prefix)) if (!kept.has(name)) names.add(name)
  forgetUnsentMarks(prefix, name => !kept.has(name))
  forgetClientRecords(userId, keep)
  const erasing = [...names].map(deleteCopy)
  // and any other copy of hers the browser lists (it may take a while to answer while a copy is being closed)
  const listed = await Promise.race([copiesNamed(prefix), new Promise<string[]>(resolve => setTimeout(() => resolve([]), LISTING_WAIT_MS))])
  for (const name of listed) if (!kept.has(name) && !names.has(name)) erasing.push(deleteCopy(name))
  await Promise.all(erasing)
}

/** Forgets the Yjs client ids of the user's earlier pages (client/editor/own-clients.ts), but for the documents in `keep`. */
function forgetClientRecords(userId: string, keep: readonly string[]): void {
  const prefix = clientsRecordKey(userId, '')
  try {
    for (const key of storedKeys(prefix)) if (!keep.includes(key.slice(prefix.length))) localStorage.removeItem(key)
  } catch { /* storage refused */ }
}

/** Where a sign-out under way is remembered: the user's id and the documents whose unsent changes she keeps. */
const SIGNING_OUT = 'resdraft.signingOut'

/** Remembers that the user `userId` is signing out, keeping the documents in `keep`. */
export function signingOut(userId: string, keep: readonly string[]): void {
  try { localStorage.setItem(SIGNING_OUT, JSON.stringify({ userId, keep })) } catch { /* storage refused: erased only if the page stays */ }
}

/** Forgets a sign-out the server did not take (out of reach): the user stays signed in, with all she keeps. */
export function signOutAbandoned(): void {
  try { localStorage.removeItem(SIGNING_OUT) } catch { /* storage refused */ }
}

/** Erases the traces of the sign-out under way, if any (the server has answered that nobody is signed in), and forgets it. */
export async function finishSignOut(): Promise<void> {
  let pending: unknown
  try {
    pending = JSON.parse(localStorage.getItem(SIGNING_OUT) ?? 'null')
    localStorage.removeItem(SIGNING_OUT)
  } catch { return }
  const p = pending as { userId?: unknown; keep?: unknown } | null
  if (!p || typeof p.userId !== 'string' || !Array.isArray(p.keep)) return
  await eraseTraces(p.userId, p.keep.filter((id): id is string => typeof id === 'string'))
}

/** How long the erasing waits for the browser to list its databases, ms. */
const LISTING_WAIT_MS = 3000
