/**
 * Adopting a text as the resolution's new version in force: a proposal or
 * committee draft that amends a resolution, once agreed, becomes the
 * resolution's live text and is named as its version ("Rev. Geneva, 2028"),
 * the text in force that the next cycle's proposals amend. What it brings is
 * the resolution's part of it: a proposal's cover, MOD line and reasons stay
 * behind, and a square bracket not yet settled stops it. As with a restore,
 * the text it replaces is kept as an automatic checkpoint first, and the new
 * text is written as one change everyone who has it open receives.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { resolutionPart } from '../export/base-check.js'
import { findBrackets } from '../schema/brackets.js'
import { createVersion } from './documents.js'
import { createCheckpoint, writeContent } from './restore.js'
import type { Actor, Store, Version } from './store/types.js'

/** Why a text cannot be adopted as it stands. */
export class AdoptionError extends Error {
  constructor(message: string) { super(message); this.name = 'AdoptionError' }
}

/**
 * The text a proposal or committee draft brings to its resolution: its
 * resolution part, without the labels a flattened proposal carries as it
 * was written (`sourceLabel`, an overlay such as `د ب)` of the old label
 * struck beside the new: the resolution derives its labels, and keeps its
 * own fixed ones such as `1bis`); throws AdoptionError while a bracket is
 * unsettled.
 */
export function adoptedText(doc: Node): Node {
  const text = resolutionPart(doc)
  const open = findBrackets(text).length
  if (open > 0) throw new AdoptionError(`${open} square bracket(s) are not settled: agree on one option of each before adopting the text`)
  const tr = new Transform(text)
  text.descendants((n, pos) => {
    if (n.attrs.sourceLabel) tr.setNodeAttribute(pos, 'sourceLabel', null)
    return !n.isTextblock
  })
  return tr.doc
}

/** Makes `text` the live content of resolution `documentId` and names it `name`; returns the checkpoint of the text replaced and the new version. */
export async function adoptText(store: Store, hocuspocus: Hocuspocus, documentId: string, text: Node, name: string, by: Actor, userId: string): Promise<{ before: Version; version: Version }> {
  const before = await createCheckpoint(store, hocuspocus, documentId, { kind: 'before-adopting', version: name }, by)
  await writeContent(store, hocuspocus, documentId, text, userId)
  const version = await createVersion(store, hocuspocus, documentId, name, by)
  return { before, version }
}
