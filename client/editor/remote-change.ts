/**
 * Whether a transaction brings a collaborator's change: y-prosemirror marks
 * the transactions it makes from the shared document's updates.
 */
import type { Transaction } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'

/** True when `tr` carries a change that came from the shared document (another drafter's), not one made on this page. */
export function isRemote(tr: Transaction): boolean {
  return (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
}
