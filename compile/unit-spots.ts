/**
 * Where a unit stands in the new version of a revision document (a compared
 * proposal, or a committee draft compared with the base): its identity (the
 * base key, or for an addition its kind and text), the unit before it, and
 * its text. The disposition finds a change in the draft by its spot.
 */
import type { Node } from 'prosemirror-model'
import { findBrackets } from '../schema/brackets.js'
import { sideText } from '../schema/revision.js'
import { documentUnits, type DocumentUnit, type UnitKind } from './units.js'

/** A block's text in the new version, footnotes as `^[text]` ('' for a block that only the old version has). */
export function newText(block: Node): string {
  let out = sideText(block, 'new')
  block.forEach(c => { if (!c.isText && !c.marks.some(m => m.type.name === 'deletion')) out += `^[${c.textContent}]` })
  return out
}

/**
 * A unit's place in the new version: the identity of the unit before it (and, when that is a section, its
 * heading; and the last base provision or item before it, additions skipped), and its text.
 */
export interface Spot { readonly previous: string | null; readonly previousHeading: string | null; readonly previousInText: string | null; readonly text: string }

/** The identity of a unit of a revision document: its base key (a moved-in unit: the key it moved from), else its text. */
export function identity(u: DocumentUnit): string {
  return u.baseKey !== null && u.status !== 'moved-from' ? u.baseKey : u.movedFromKey ?? addedIdentity(u)
}

/** The text of a unit's own blocks in the new version, one string. */
export const blocksText = (blocks: readonly Node[]) => blocks.map(newText).filter(t => t !== '').join('\u0002')

/** What an addition is compared by: its kind and new text. */
export const additionKey = (kind: UnitKind | undefined, blocks: readonly Node[]) => `+${kind}\u0001${blocksText(blocks)}`

/** The identity of an added unit: its kind and text (new version). */
export const addedIdentity = (u: DocumentUnit) => additionKey(u.kind, u.blocks)

/** Every unit of the new version of a revision document, by identity: the unit before it and its text. */
export function unitOrder(rev: Node, alias: ReadonlyMap<string, string> = new Map()): Map<string, Spot> {
  const out = new Map<string, Spot>()
  let previous: string | null = null
  let previousHeading: string | null = null
  let previousInText: string | null = null
  for (const u of documentUnits(rev)) {
    if (u.status === 'suppressed' || u.status === 'moved-from') continue
    const own = identity(u)
    const id = alias.get(own) ?? own
    out.set(own, { previous, previousHeading, previousInText, text: blocksText(u.blocks) })
    previous = id
    previousHeading = u.kind === 'section' ? addedIdentity(u) : null
    if ((u.kind === 'provision' || u.kind === 'item') && !id.startsWith('+')) previousInText = id
  }
  return out
}

/** In a draft, each later alternative of a provision-level bracket stands for the first (which holds the base id). */
export function alternativeAliases(draft: Node): Map<string, string> {
  const alias = new Map<string, string>()
  for (const b of findBrackets(draft)) {
    if (b.kind !== 'provision') continue
    const first = draft.nodeAt(b.positions[0]!)!.attrs.id as string
    for (const p of b.positions.slice(1)) alias.set(draft.nodeAt(p)!.attrs.id as string, first)
  }
  return alias
}

/**
 * Whether two spots are the same: the same text after the same unit (a section: the same one, or one under the
 * same heading, as a comparison may pair a section added with a base one), or (`inText`) after the same base
 * provision or item.
 */
export const sameSpot = (a: Spot | undefined, b: Spot, inText = false) => !!a && a.text === b.text &&
  (inText ? a.previousInText === b.previousInText : a.previous === b.previous || (a.previousHeading !== null && a.previousHeading === b.previousHeading))
