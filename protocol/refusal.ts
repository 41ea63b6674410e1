/**
 * How the server refuses a collaboration message, as both sides read it:
 * the client gets a stateless message `{"type":"refused","code","reason"}`
 * and then a close with the same code; the message is neither applied,
 * stored nor relayed (server/collab/refusal.ts sends it; the browser's
 * collaboration session, client/editor/collab.ts, stops and says why).
 */

/** Close code for an update that breaks the document model or is malformed. */
export const REFUSED_INVALID = 4400
/** Close code for a write from a read-only connection. */
export const REFUSED_READ_ONLY = 4403
/** Close code for a message over the size limit, or an update that would take the document past its size limit. */
export const REFUSED_TOO_LARGE = 4413
/** Close code for a connection sending too many messages (passing: the client may reconnect and send again). */
export const REFUSED_RATE = 4429
/**
 * Close code for a change that deletes text the server has not received yet
 * (passing, as HTTP's 425 Too Early: on its next socket the page's sync
 * sends that text and the deletion together; a change deleting text that
 * never comes, another delegation's next words, is refused again and again).
 */
export const REFUSED_TOO_EARLY = 4425

/** Whether a refusal is passing: the page keeps its changes and sends them again on its next socket (the others stop it). */
export function isPassingRefusal(code: number): boolean {
  return code === REFUSED_RATE || code === REFUSED_TOO_EARLY
}

/**
 * Close code of a socket the server closes because its user's rights on the
 * document changed (a co-sponsorship agreed, declined or withdrawn): the
 * page is opened again, as the user now may (server/extensions/access-changes.ts).
 */
export const ACCESS_CHANGED = 4001

/**
 * Close code of a socket the server closes because it could not store a
 * change its client sent (a full disk, the database away): the change was
 * neither applied nor acknowledged, the client keeps it and sends it again
 * on its next socket, and the page says its changes are not saved until the
 * server has stored them (server/extensions/persistence.ts, client/editor/collab.ts).
 */
export const STORE_FAILED = 1011

/** The largest collaboration message the server takes by default (`MAX_MESSAGE_BYTES`): a change over it is refused whole. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024

/**
 * The most characters the editor pastes at once. A paste is one change, sent
 * as one message; past the message limit the server would refuse it whole
 * and the editor would have to drop it. 200,000 characters of Arabic (two
 * bytes each in UTF-8) with the structure around them stay well under 1 MiB.
 */
export const MAX_PASTE_CHARACTERS = 200_000

/** The stateless message a refused client receives. */
export interface RefusalNotice {
  type: 'refused'
  code: number
  reason: string
}

/** The refusal notice in a stateless message's payload, or null when it is something else (or malformed). */
export function readRefusalNotice(payload: string): RefusalNotice | null {
  let value: unknown
  try { value = JSON.parse(payload) } catch { return null }
  const v = value as Partial<RefusalNotice> | null
  if (!v || v.type !== 'refused' || typeof v.code !== 'number' || typeof v.reason !== 'string') return null
  return { type: 'refused', code: v.code, reason: v.reason.slice(0, 500) }
}

/**
 * The reason an opening is refused with (authentication failed) when the
 * document is not loaded and its user's share of the server's time is
 * spent (loading one is work): the page tries again a moment later.
 */
export const SERVER_BUSY = 'busy'
