/**
 * Presence: what each participant's awareness state holds. The state has
 * two fields: `user` (who they are; the server sets it from the signed-in
 * session, so nobody can appear as someone else) and `cursor` (y-prosemirror's
 * selection as relative positions, or null). Anything else makes a state
 * malformed: the server drops it and clients skip it.
 */
import type { Role } from './api.js'
import { isPlainObject, isShortString } from './json.js'

/** Who a participant is, as shown beside their caret and in the participant list. */
export interface PresenceUser {
  name: string
  delegation: string
  role: Role
  /** CSS colour of the delegation (see `delegationColour`). */
  color: string
}

/** A participant's awareness state. */
export interface AwarenessState {
  user?: PresenceUser
  /** y-prosemirror's selection: relative positions as JSON. */
  cursor?: { anchor: unknown; head: unknown } | null
}

/** Largest awareness state accepted, as JSON, in UTF-16 code units. */
export const MAX_AWARENESS_STATE = 4096
/** Longest name or delegation shown. */
export const MAX_PRESENCE_FIELD = 200

const ROLES: ReadonlySet<string> = new Set<Role>(['drafter', 'secretariat', 'reviewer'])
const STATE_KEYS: ReadonlySet<string> = new Set(['user', 'cursor'])

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

/** The presence of a signed-in user. */
export function presenceOf(user: { name: string; delegation: string; role: Role }): PresenceUser {
  return { name: user.name, delegation: user.delegation, role: user.role, color: delegationColour(user.delegation) }
}

const isClock = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const isId = (v: unknown) => v === undefined || v === null || (isPlainObject(v) && isClock(v.client) && isClock(v.clock) && Object.keys(v).length === 2)
const POSITION_KEYS: ReadonlySet<string> = new Set(['type', 'tname', 'item', 'assoc'])

/** Whether `v` is a Yjs relative position as JSON (`Y.relativePositionToJSON`). */
function isRelativePosition(v: unknown): boolean {
  return isPlainObject(v) && isId(v.type) && isId(v.item) && (v.tname === undefined || v.tname === null || isShortString(v.tname, 100)) &&
    (v.assoc === undefined || (typeof v.assoc === 'number' && Number.isInteger(v.assoc))) && Object.keys(v).every(k => POSITION_KEYS.has(k))
}

/** What is wrong with a `user` field (null when well formed). */
export function presenceUserProblem(u: unknown): string | null {
  if (!isPlainObject(u)) return 'user must be an object'
  for (const k of ['name', 'delegation'] as const) if (!isShortString(u[k], MAX_PRESENCE_FIELD) || u[k] === '') return `user.${k} must be a non-empty string`
  if (typeof u.role !== 'string' || !ROLES.has(u.role)) return 'user.role must be a role'
  if (!isShortString(u.color, 64)) return 'user.color must be a string'
  for (const k of Object.keys(u)) if (!['name', 'delegation', 'role', 'color'].includes(k)) return `user has an unknown field "${k.slice(0, 40)}"`
  return null
}

/**
 * What is wrong with an awareness state (null when well formed). `null`
 * (a participant leaving) is well formed; `user` is optional here because a
 * fresh provider announces itself before the page sets it.
 */
export function awarenessStateProblem(state: unknown): string | null {
  if (state === null) return null
  if (!isPlainObject(state)) return 'state must be an object'
  for (const k of Object.keys(state)) if (!STATE_KEYS.has(k)) return `unknown field "${k.slice(0, 40)}"`
  if (state.user !== undefined) {
    const p = presenceUserProblem(state.user)
    if (p) return p
  }
  const cursor = state.cursor
  if (cursor !== undefined && cursor !== null && !(isPlainObject(cursor) && isRelativePosition(cursor.anchor) && isRelativePosition(cursor.head) && Object.keys(cursor).length === 2)) return 'cursor must be null or {anchor, head} relative positions'
  if (JSON.stringify(state).length > MAX_AWARENESS_STATE) return 'state is too large'
  return null
}

/** The participant shown for an awareness state, or null when the state is malformed or has no user. */
export function presenceUserOf(state: unknown): PresenceUser | null {
  if (awarenessStateProblem(state) !== null || !isPlainObject(state) || state.user === undefined) return null
  return state.user as PresenceUser
}

/** Whether two presences say the same. */
export function samePresence(a: PresenceUser, b: unknown): boolean {
  return isPlainObject(b) && a.name === b.name && a.delegation === b.delegation && a.role === b.role && a.color === b.color && Object.keys(b).length === 4
}
