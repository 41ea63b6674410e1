/**
 * Who is in the document: each participant's awareness state carries
 * `user: {name, color, delegation}`; collaborators' cursors and selections
 * are drawn in their delegation's colour with their name and delegation.
 */
import type { Awareness } from 'y-protocols/awareness'

/** What a participant shares about themselves. */
export interface PresenceUser { name: string; color: string; delegation: string }

const DELEGATION_COLOURS: Record<string, string> = {
  APT: '#1565c0', ARB: '#2e7d32', CEPT: '#6a1b9a', EUR: '#6a1b9a', CITEL: '#c62828', IAP: '#c62828',
  ATU: '#ef6c00', AFCP: '#ef6c00', RCC: '#00838f', Secretariat: '#5d4037', TSB: '#5d4037'
}

/** The colour of a delegation (a stable hue for delegations not in the table). */
export function delegationColour(delegation: string): string {
  const known = DELEGATION_COLOURS[delegation] ?? DELEGATION_COLOURS[delegation.toUpperCase()]
  if (known) return known
  let h = 0
  for (const c of delegation) h = (h * 31 + c.charCodeAt(0)) % 360
  return `hsl(${h} 60% 38%)`
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
    const user = (state as { user?: PresenceUser }).user
    if (user?.name) out.push({ clientId, user, self: clientId === awareness.clientID })
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
      chip.append(dot, `${user.name} (${user.delegation})`)
      return chip
    }))
  }
  render()
  awareness.on('change', render)
  return () => awareness.off('change', render)
}
