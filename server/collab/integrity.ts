/**
 * Whether a transaction integrated its items where they belong. Yjs
 * integrates an item whose first clocks the document already holds from the
 * middle: it links the rest after the struct holding the clock before,
 * while keeping the parent (and map key) it took from the item's origin. A
 * crafted update can so link a string of one Y.XmlText into an element's
 * attributes or another text: the document's own view hides it, but its
 * text lengths are wrong and a replica built from its encoded state differs
 * (an attribute changed, text moved). Validation refuses an update after
 * which an item it integrated has a neighbour in another parent or under
 * another map key.
 */
import * as Y from 'yjs'

/** The items `tr` integrated whose left or right neighbour sits in another parent or under another map key (call before Yjs merges items, e.g. on `beforeObserverCalls`). */
export function misplacedItems(tr: Y.Transaction): Y.Item[] {
  const out: Y.Item[] = []
  const misplaced = (item: Y.Item, other: Y.Item | null) => other instanceof Y.Item && (other.parent !== item.parent || other.parentSub !== item.parentSub)
  tr.afterState.forEach((after, client) => {
    const before = tr.beforeState.get(client) ?? 0
    if (after <= before) return
    const structs = tr.doc.store.clients.get(client)
    if (!structs) return
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
      const s = structs[i]!
      if (s instanceof Y.Item && s.parent !== null && (misplaced(s, s.left) || misplaced(s, s.right))) out.push(s)
    }
  })
  return out
}
