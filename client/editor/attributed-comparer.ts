/**
 * The live comparer of a committee draft: the draft against its base, each
 * insertion and deletion mark's `delegation` set to its sources by
 * `attribute` (protocol/attribution.ts `attributeRevision` over the live
 * Y.Doc), so the amendment view can colour and filter them by delegation.
 * A unit compared on its own while typing is not attributed (attribution
 * matches text blocks in document order, which a lone unit does not have):
 * its marks take the default colour until the whole comparison that follows
 * when typing pauses.
 */
import type { Node } from 'prosemirror-model'
import type { LiveComparer } from './amendment.js'

/** Wraps `inner` so that every revision it returns is attributed. */
export function attributedComparer(inner: LiveComparer, attribute: (revision: Node) => Node): LiveComparer {
  const safe = (revision: Node): Node => {
    try { return attribute(revision) } catch (e) { console.warn('attribution failed', e); return revision }
  }
  return {
    update(current) {
      const r = inner.update(current)
      return { ...r, doc: safe(r.doc) }
    },
    ...(inner.compareUnit ? { compareUnit: (rev, current, lang) => inner.compareUnit!(rev, current, lang) } : {}),
    ...(inner.compareOffThread ? { compareOffThread: async current => { const r = await inner.compareOffThread!(current); return { ...r, doc: safe(r.doc) } } } : {}),
    ...(inner.destroy ? { destroy: () => inner.destroy!() } : {})
  } satisfies LiveComparer
}
