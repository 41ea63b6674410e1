/**
 * The seeded APT proposal on Resolution 50, as the server seeds it: the
 * 2012 text in force as base, and the proposed text carrying the APT
 * proposal's cover and `MOD APT/44A13/1` marker line (from the flattened
 * seed). For the export tests, the LibreOffice render and the look script.
 */
import { readFileSync } from 'node:fs'
import type { Node } from 'prosemirror-model'
import { resolutionSchema } from '../schema/index.js'
import { importText } from '../schema/text/index.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

/** Resolution 50 (Dubai, 2012) in Arabic and the APT proposal's draft with its cover and marker. */
export function aptProposalPair(): { readonly base: Node; readonly draft: Node } {
  const base = importText(fixture('res50-2012-ar.txt'), { lang: 'ar' }).doc
  const flattened = importText(fixture('apt-proposal-res50-ar.txt'), { lang: 'ar' }).doc
  const proposed = importText(fixture('res50-proposed-ar.txt'), { lang: 'ar' }).doc
  const front: Node[] = [], rest: Node[] = []
  flattened.forEach(c => { if (c.type.name === 'proposalHeader' || c.type.name === 'proposalMarker') front.push(c) })
  proposed.forEach(c => { if (c.type.name !== 'proposalHeader' && c.type.name !== 'proposalMarker') rest.push(c) })
  return { base, draft: resolutionSchema.nodes.resolution!.create(proposed.attrs, [...front, ...rest]) }
}
