/**
 * A page sends the server its own presence only, not every other page's
 * back again.
 *
 * HocuspocusProvider sends an awareness message for every change of its
 * awareness, the ones it received from the server included, and y-protocols
 * drops every remote state unrenewed for 30 s with a change of its own,
 * which the provider sent too. The server ignores presence a page sends for
 * another page's id (server/extensions/presence.ts), so every such echo was
 * work for nothing: each page's change came back from each of the other
 * pages, n² messages for n pages. When a hundred pages came back from a
 * network drop together, their echoes passed the message rates of the
 * accounts they shared, and the pages took over 40 s to be acknowledged.
 *
 * So only changes that include this page's own state are sent, and of them
 * only that state.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'

/** The changed client ids of an awareness update, as y-protocols reports them. */
interface AwarenessChange { added: number[]; updated: number[]; removed: number[] }
type AwarenessHandler = (change: AwarenessChange, origin: unknown) => void

/** The changes of `change` that are of client `own` (empty lists for the others). */
export function ownChange(change: AwarenessChange, own: number): AwarenessChange {
  const mine = (ids: number[]) => ids.filter(id => id === own)
  return { added: mine(change.added), updated: mine(change.updated), removed: mine(change.removed) }
}

/** Makes `provider` send only this page's own presence (see the module comment). */
export function sendOwnPresenceOnly(provider: HocuspocusProvider): void {
  const awareness = provider.awareness
  // the provider's own handler, under the name its detach() and destroy() take it off by (Hocuspocus 3)
  const held = provider as unknown as { boundAwarenessUpdateHandler?: AwarenessHandler }
  const send = held.boundAwarenessUpdateHandler
  if (!awareness || typeof send !== 'function') return
  const own: AwarenessHandler = (change, origin) => {
    const mine = ownChange(change, awareness.clientID)
    if (mine.added.length + mine.updated.length + mine.removed.length > 0) send(mine, origin)
  }
  awareness.off('update', send)
  held.boundAwarenessUpdateHandler = own
  awareness.on('update', own)
}
