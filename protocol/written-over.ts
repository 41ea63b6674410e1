/**
 * A version written over a document's text: a restore or an adoption
 * (server/restore.ts) makes the live text the version's in one change,
 * relayed to every page like any other.
 *
 * Words typed since the version are dropped by it on purpose. A page that
 * typed some must not put them back, as it puts back its words that a
 * collaborator's move deleted or left in another provision
 * (client/editor/moved-words.ts): to the page the two look alike, a
 * provision rewritten or deleted while its id stands elsewhere. So the
 * change records, in the same transaction, what the text it replaced held:
 * the document's state vector then, in the `rewrite` root (shared-doc.ts;
 * only the server writes it). A page leaves a word alone when a change
 * that wrote a version over the text knew it (`knownToRewrite`). Words it
 * did not know (typed offline, or in flight) are the page's to keep, as any
 * change made beside another is. Each write replaces the record before it:
 * a later write knew all an earlier one did (the server's state only
 * grows), so a page that hears of several at once needs only the last.
 */
import type { Node } from 'prosemirror-model'
import { updateYFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { FRAGMENT, REWRITE } from './shared-doc.js'

/** The key of the `rewrite` root under which the last write's state vector stands. */
const KNOWN = 'known'

/** Writes `node` over the text of `doc`, recording what the text held (see the module comment), in one transaction. */
export function writeOver(doc: Y.Doc, node: Node): void {
  doc.transact(() => {
    doc.getMap(REWRITE).set(KNOWN, Y.encodeStateVector(doc))
    updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, { mapping: new Map(), isOMark: new Map() } as never)
  })
}

/**
 * When `tr` wrote a version over the text (made here or received): whether
 * that write knew the character of Yjs id (`client`, `clock`); otherwise
 * null. A record that cannot be read knows nothing.
 */
export function knownToRewrite(tr: Y.Transaction): ((client: number, clock: number) => boolean) | null {
  const root = tr.doc.share.get(REWRITE)
  if (!root || !tr.changed.get(root)?.has(KNOWN)) return null
  const record = tr.doc.getMap(REWRITE).get(KNOWN)
  let known: Map<number, number>
  try { known = record instanceof Uint8Array ? Y.decodeStateVector(record) : new Map() } catch { known = new Map() }
  return (client, clock) => clock < (known.get(client) ?? 0)
}
