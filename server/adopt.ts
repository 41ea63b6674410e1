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
import { isLanguage, languageInfo } from '../schema/languages.js'
import { englishCount } from '../schema/counted.js'
import { proposalActionOf } from '../schema/proposal-action.js'
import { createVersion } from './documents.js'
import { olderBaseOf } from '../protocol/version-in-force.js'
import { createCheckpoint, writeContent } from './restore.js'
import type { Actor, DocumentMeta, Store, Version, VersionMeta } from './store/types.js'

/**
 * Why a text cannot be adopted as it stands: a bracket not settled, a
 * draft's heading where the resolution's number goes, or a proposal to
 * suppress the resolution (it holds no text to adopt).
 */
export class AdoptionError extends Error {
  constructor(message: string, readonly code: 'unresolved-brackets' | 'draft-heading' | 'suppression' = 'unresolved-brackets') { super(message); this.name = 'AdoptionError' }
}

/**
 * The text a proposal or committee draft brings to its resolution: its
 * resolution part, without the labels a flattened proposal carries as it
 * was written (`sourceLabel`, an overlay such as `د ب)` of the old label
 * struck beside the new: the resolution derives its labels, and keeps its
 * own fixed ones such as `1bis`); throws AdoptionError while a bracket is
 * unsettled, and for a proposal to suppress the resolution (SUP). A draft
 * new resolution (ADD) becomes a resolution of its own instead, once its
 * heading gives its number (`adoptedNewResolution`).
 */
export function adoptedText(doc: Node): Node {
  // its text is the resolution's heading and title only: adopted as the text in force, it would wipe it
  if (proposalActionOf(doc) === 'SUP') throw new AdoptionError('a proposal to suppress the resolution has no text to adopt: once agreed, the resolution is abrogated, not replaced', 'suppression')
  const text = resolutionPart(doc)
  const open = findBrackets(text).length
  if (open > 0) throw new AdoptionError(`${englishCount(open, 'square bracket')} ${open === 1 ? 'is' : 'are'} not settled: agree on one option of each before adopting the text`)
  const tr = new Transform(text)
  text.descendants((n, pos) => {
    if (n.attrs.sourceLabel) tr.setNodeAttribute(pos, 'sourceLabel', null)
    return !n.isTextblock
  })
  return tr.doc
}

/** The heading of a text (empty when it has none). */
function headingText(doc: Node): string {
  let heading = ''
  doc.forEach(n => { if (n.type.name === 'resolutionHeading') heading = n.textContent })
  return heading
}

/**
 * The text a draft new resolution (a proposal's ADD) brings as a resolution
 * of its own: as `adoptedText`, and its heading must name the resolution
 * (`RESOLUTION 99 (Geneva, 2028)`), not be the draft's (`DRAFT NEW
 * RESOLUTION [APT-1]`); throws AdoptionError otherwise.
 */
export function adoptedNewResolution(doc: Node): Node {
  const text = adoptedText(doc)
  const lang = String(doc.attrs.lang)
  const draft = isLanguage(lang) ? languageInfo(lang).draftHeading : ''
  const heading = headingText(text).trim()
  if (!heading || (draft && heading.startsWith(draft))) {
    throw new AdoptionError(`the heading is still the draft's ("${heading}"): give the resolution its number, place and year in the heading first`, 'draft-heading')
  }
  // the draft's bracketed number ([APT-1]) was its own; the resolution is numbered by its heading
  const tr = new Transform(text)
  text.forEach((n, pos) => { if (n.type.name === 'resolutionHeading' && n.attrs.number) tr.setNodeAttribute(pos, 'number', '') })
  return tr.doc
}

/**
 * The names of the version a text (a proposal or committee draft) was drafted
 * on and of its resolution's version in force (protocol/version-in-force.ts),
 * when the two differ: adopting the text would then undo what was adopted or
 * named since (a second proposal on the same text, adopted after the first).
 * Null when it was drafted on the version in force, or on none. `versions`:
 * the resolution's, oldest first (`Store.listVersions`).
 */
export async function olderBase(store: Store, text: DocumentMeta, versions: readonly VersionMeta[]): Promise<{ drafted: string; inForce: string } | null> {
  if (!text.baseVersionId) return null
  const older = olderBaseOf(versions, text.baseVersionId)
  if (!older) return null
  return { drafted: older.drafted?.name ?? (await store.getVersion(text.baseVersionId))?.name ?? text.baseVersionId, inForce: older.inForce.name }
}

/**
 * The title a resolution takes when version `name` is adopted: its title with
 * the name of the version that was in force put in place of it
 * (`Resolution 50 – Cybersecurity (Rev. Dubai, 2012)` → `… (Rev. Geneva, 2028)`),
 * so that the list of documents names the text in force. Null when the title
 * does not name the version in force (a title given by hand is kept), or
 * when the name is the same.
 */
export function adoptedTitle(title: string, inForce: string | null, name: string): string | null {
  if (!inForce || inForce === name) return null
  const at = title.lastIndexOf(inForce)
  return at < 0 ? null : title.slice(0, at) + name + title.slice(at + inForce.length)
}

/**
 * Makes `text` the live content of resolution `documentId` and names it
 * `name`; returns the checkpoint of the text replaced and the new version.
 * `beforeWriting` runs just before the text is written (an adoption's turn
 * confirmed: server/turns.ts `HeldTurn`); when it rejects nothing is written.
 */
export async function adoptText(store: Store, hocuspocus: Hocuspocus, documentId: string, text: Node, name: string, by: Actor, userId: string, beforeWriting?: () => Promise<void>): Promise<{ before: Version; version: Version }> {
  const before = await createCheckpoint(store, hocuspocus, documentId, { kind: 'before-adopting', version: name }, by)
  await writeContent(store, hocuspocus, documentId, text, userId, beforeWriting)
  const version = await createVersion(store, hocuspocus, documentId, name, by)
  return { before, version }
}
