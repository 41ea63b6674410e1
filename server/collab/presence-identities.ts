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
 * What is remembered lives with the document's awareness (dropped when the
 * document is unloaded), the last MAX_REMEMBERED ids of each document.
 */
import type { Awareness } from 'y-protocols/awareness'

/** Ids remembered per document (the oldest are forgotten first). */
export const MAX_REMEMBERED = 10_000

const remembered = new WeakMap<Awareness, Map<number, unknown>>()

function remember(known: Map<number, unknown>, clientId: number, state: unknown): void {
  const user = (state as { user?: unknown } | null | undefined)?.user
  if (user === undefined) return
  // moved to the end: the most recently seen are kept
  known.delete(clientId)
  known.set(clientId, user)
  if (known.size > MAX_REMEMBERED) known.delete(known.keys().next().value!)
}

/** Starts remembering the identities of `awareness`'s client ids (once per awareness; call when the document is loaded). */
export function rememberIdentities(awareness: Awareness): void {
  if (remembered.has(awareness)) return
  const known = new Map<number, unknown>()
  remembered.set(awareness, known)
  for (const [id, state] of awareness.getStates()) remember(known, id, state)
  awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const id of added) remember(known, id, awareness.getStates().get(id))
    for (const id of updated) remember(known, id, awareness.getStates().get(id))
  })
}

/** The identity (`user`) `clientId` stands for: its state's, or the last it had before its state went; undefined when none is known. */
export function identityOf(awareness: Awareness, clientId: number): unknown {
  const current = (awareness.getStates().get(clientId) as { user?: unknown } | undefined)?.user
  return current !== undefined ? current : remembered.get(awareness)?.get(clientId)
}
