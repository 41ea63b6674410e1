/**
 * Who is in the document: each participant's awareness state carries
 * `user: {name, delegation, role, color}` (protocol/awareness.ts; the server
 * sets it from the signed-in session); collaborators' cursors and selections
 * are drawn in their delegation's colour with their name and delegation.
 */
import type { Awareness } from 'y-protocols/awareness'
import { delegationColour, presenceOf, presenceUserOf } from '../../protocol/awareness.js'
import type { PresenceUser } from '../../protocol/awareness.js'

export { delegationColour, presenceOf }
export type { PresenceUser }

/** Whether y-prosemirror draws the cursor of `clientId` (not this client's own, nor a malformed state's). */
export function showCursorOf(selfId: number, clientId: number, state: unknown): boolean {
  return selfId !== clientId && presenceUserOf(state) !== null
}

/** Draws a collaborator's caret with a flag showing name and delegation. */
export function cursorBuilder(user: Partial<PresenceUser>): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'remote-caret'
  caret.style.borderColor = user.color ?? '#888'
  const flag = document.createElement('span')
  flag.className = 'remote-caret-flag'
  flag.style.backgroundColor = user.color ?? '#888'
  flag.textContent = user.delegation ? `${user.name ?? '?'} · ${user.delegation}` : user.name ?? '?'
  caret.append('\u2060', flag, '\u2060')
  return caret
}

/** Tints a collaborator's selection with their colour. */
export function selectionBuilder(user: Partial<PresenceUser>): { style: string; class: string } {
  return { style: `background-color: ${(user.color ?? '#888')}33`, class: 'remote-selection' }
}

/** Participants currently in the document (this client first), one entry per connection. */
export function participants(awareness: Awareness): { clientId: number; user: PresenceUser; self: boolean }[] {
  const out: { clientId: number; user: PresenceUser; self: boolean }[] = []
  awareness.getStates().forEach((state, clientId) => {
    const self = clientId === awareness.clientID
    // a malformed state (another client's bug, or a hostile one) is skipped, not shown half-way; this client's
    // own state is checked as it is sent, as JSON (y-prosemirror's cursor holds Yjs position objects until then)
    const user = presenceUserOf(self ? JSON.parse(JSON.stringify(state)) as unknown : state)
    if (user) out.push({ clientId, user, self })
  })
  return out.sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name))
}

/** Renders the participant list into `host` and keeps it current; returns a function that stops. */
export function mountPresenceList(host: HTMLElement, awareness: Awareness): () => void {
  const render = () => {
    host.replaceChildren(...participants(awareness).map(({ user, self }) => {
      const chip = document.createElement('li')
      chip.className = 'participant' + (self ? ' self' : '')
      chip.dataset.delegation = user.delegation
      const dot = document.createElement('span')
      dot.className = 'dot'
      dot.style.backgroundColor = user.color
      // a name in another script keeps its own direction; crowded, the name is shortened (styles: app.css), never
      // the delegation, and the whole is the tooltip
      const name = document.createElement('bdi')
      name.className = 'name'
      name.textContent = user.name
      const delegation = document.createElement('bdi')
      delegation.className = 'delegation'
      delegation.textContent = `(${user.delegation})`
      chip.title = `${user.name} (${user.delegation})`
      chip.append(dot, name, ' ', delegation)
      return chip
    }))
  }
  render()
  awareness.on('change', render)
  return () => awareness.off('change', render)
}
