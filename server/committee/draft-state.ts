/**
 * The first Yjs state of a committee draft (docs/committee-draft.md): the
 * base written by one server client, then each step of the draft (the
 * versions taken from one group of sources) written over it with
 * y-prosemirror's `updateYFragment` under a Yjs client of its own, which
 * the `attribution` root registers to the step's sources together with
 * the step's deletions. The proposals' changes thus carry their sources in
 * the live document exactly as a delegation's typing does.
 */
import { randomInt } from 'node:crypto'
import type { Node } from 'prosemirror-model'
import { updateYFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { formatSources, parseSources } from '../../schema/brackets.js'
import { resolutionFromJSON } from '../../schema/check.js'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { jsonFromYDoc } from '../collab/content.js'
import type { PreparedContent } from '../documents.js'
import { attributionMap, recordDeletions, registerClients, type DeleteSet } from '../collab/attribution-map.js'

/** One step of a committee draft: the document once the versions of `sources` are taken (compile/committee-draft.ts). */
export interface DraftStep {
  /** The sources, `['APT', 'ARB']` (or as written, `"APT, ARB"`); none for the step adding the brackets. */
  readonly sources: string | readonly string[]
  readonly doc: Node
}

/** The sources of a step as one description (`"APT, ARB"`). */
export function sourcesText(sources: string | readonly string[]): string {
  return typeof sources === 'string' ? formatSources(parseSources(sources)) : formatSources(sources)
}

/** A fresh Yjs client id (31 bits, as Yjs makes them) not in `used`. */
function freshClient(used: Set<number>): number {
  let id: number
  do id = randomInt(1, 2 ** 31 - 1); while (used.has(id))
  used.add(id)
  return id
}

const write = (doc: Y.Doc, node: Node) => updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, { mapping: new Map(), isOMark: new Map() } as never)

/**
 * A Y.Doc holding the base and every step, with its attribution; then
 * `final` when given and different from the last step (bracket scaffolding
 * no source proposed: written by the base's client). The caller destroys it.
 */
export function committeeDraftYDoc(base: Node, steps: readonly DraftStep[], final?: Node): Y.Doc {
  const doc = new Y.Doc()
  const used = new Set<number>()
  const attribution = attributionMap(doc)
  const server = freshClient(used)
  const baseClient = freshClient(used)
  const as = (client: number, f: () => void) => { doc.clientID = client; doc.transact(f) }
  as(baseClient, () => write(doc, base))
  as(server, () => registerClients(attribution, '', [baseClient]))
  for (const step of steps) {
    const client = freshClient(used)
    let deleted: DeleteSet | null = null
    const capture = (tr: Y.Transaction) => { deleted = tr.deleteSet }
    doc.on('afterTransaction', capture)
    try { as(client, () => write(doc, step.doc)) } finally { doc.off('afterTransaction', capture) }
    const sources = sourcesText(step.sources)
    as(server, () => {
      if (Y.getState(doc.store, client) > 0) registerClients(attribution, sources, [client])
      if (deleted) recordDeletions(attribution, sources, deleted)
    })
  }
  const last = steps.length ? steps[steps.length - 1]!.doc : base
  if (final && !final.eq(last)) as(baseClient, () => write(doc, final))
  return doc
}

/**
 * A committee draft's first update and canonical JSON, checked against the
 * schema (throws ResolutionCheckError); plain data, so a worker thread can
 * make it (server/work/jobs.ts).
 */
export function committeeDraftContent(base: Node, steps: readonly DraftStep[], final?: Node): PreparedContent {
  const lang = String(base.attrs.lang)
  const doc = committeeDraftYDoc(base, steps, final)
  try {
    const canonical = jsonFromYDoc(doc, lang)
    resolutionFromJSON(canonical)
    return { update: Y.encodeStateAsUpdate(doc), canonical, lang }
  } finally { doc.destroy() }
}
