/**
 * The stateless message that tells a page whether its changes reach the
 * users of the other server instances (server/collab/fan-out.ts sends it
 * when Redis fails and when it is back; client/editor/collab.ts shows it in
 * the connection status). Changes made meanwhile are kept, and merge when
 * Redis is back.
 */

/** What the message says. */
export interface FanOutNotice {
  type: 'fan-out'
  /** False while this instance cannot share changes with the others. */
  shared: boolean
}

/** The message for `shared`. */
export function fanOutNotice(shared: boolean): string {
  const notice: FanOutNotice = { type: 'fan-out', shared }
  return JSON.stringify(notice)
}

/** The notice in a stateless message's payload, or null when it is something else. */
export function readFanOutNotice(payload: string): FanOutNotice | null {
  let value: unknown
  try { value = JSON.parse(payload) } catch { return null }
  const v = value as Partial<FanOutNotice> | null
  return v && v.type === 'fan-out' && typeof v.shared === 'boolean' ? { type: 'fan-out', shared: v.shared } : null
}
