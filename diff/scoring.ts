/**
 * Which sibling blocks of the two versions may stand for each other, and how
 * well: the scorer the aligner (align.ts) maximises.
 *
 * - Blocks of different types never match.
 * - Singleton blocks (a section's heading, a part's title, an annex's
 *   heading and title) always match their counterpart.
 * - The first paragraph of a provision or item always matches the other
 *   first paragraph: the provision *is* its first paragraph.
 * - Sections match by `kind`, then by heading similarity (sections of kind
 *   `other` need similar headings); a shared id adds weight.
 * - Provisions, items, parts and annexes match by id when the documents
 *   share a lineage (a node whose id has no counterpart may still match by
 *   content), otherwise by content similarity above a floor.
 * - Paragraphs and notes match by content similarity, with equal attributes.
 */
import type { Node } from 'prosemirror-model'
import { bagSimilarity, canReach, type WordBag } from './similarity.js'
import { sameSubtree, textOf } from './same-subtree.js'
import { attrNames } from './attr-names.js'

/** Similarity below which two provisions (or paragraphs) are not taken for versions of each other. */
export const MATCH_FLOOR = 0.4

/** A set of ids, as far as the scorer asks. */
export interface IdSet { has(id: string): boolean }

/** What a scorer needs to know about the comparison. */
export interface ScoringContext {
  readonly byId: boolean
  /** The ids of each version's identified blocks (outside text). */
  readonly oldIds: IdSet
  readonly newIds: IdSet
  readonly bagOf: (node: Node) => WordBag
  readonly headingBagOf: (section: Node) => WordBag
}

const SINGLETONS = new Set(['sectionHeading', 'partTitle', 'annexHeading', 'annexTitle', 'resolutionHeading', 'resolutionTitle'])
const SECTIONS = new Set(['preambularSection', 'operativeSection'])

function sameAttrs(a: Node, b: Node): boolean {
  for (const k of attrNames(a.type)) {
    const x = a.attrs[k]
    const y = b.attrs[k]
    if (x !== y && (typeof x !== 'object' || typeof y !== 'object' || JSON.stringify(x) !== JSON.stringify(y))) return false
  }
  return true
}

/** Scores a pair of children of a container of type `parentType`; null when they may not match. */
export function scoreBlocks(ctx: ScoringContext, parentType: string, a: Node, b: Node, firstOfBoth: boolean): number | null {
  if (a.type !== b.type) return null
  const name = a.type.name
  if (SINGLETONS.has(name)) return 1
  if (firstOfBoth && (parentType === 'provision' || parentType === 'item')) return 2
  if (SECTIONS.has(name)) {
    const sameId = a.attrs.id && a.attrs.id === b.attrs.id ? 2 : 0
    const heading = bagSimilarity(ctx.headingBagOf(a), ctx.headingBagOf(b))
    if (a.attrs.kind === b.attrs.kind && a.attrs.kind !== 'other') return 1 + heading + sameId
    if (a.attrs.kind === b.attrs.kind && heading >= 0.5) return heading + sameId
    return sameId ? sameId : null
  }
  if (a.attrs.id !== undefined && name !== 'footnote') {
    if (ctx.byId) {
      if (a.attrs.id === b.attrs.id) return 2
      if (ctx.newIds.has(a.attrs.id as string) || ctx.oldIds.has(b.attrs.id as string)) return null
    }
    return similarEnough(ctx.bagOf(a), ctx.bagOf(b))
  }
  if (!sameAttrs(a, b)) return null
  if (a.content.eq(b.content)) return 1.5
  return similarEnough(ctx.bagOf(a), ctx.bagOf(b))
}

/** The similarity of two bags when it reaches MATCH_FLOOR, else null. */
function similarEnough(a: WordBag, b: WordBag): number | null {
  if (!canReach(a, b, MATCH_FLOOR)) return null
  const sim = bagSimilarity(a, b)
  return sim >= MATCH_FLOOR ? sim : null
}

/** Cheap test that two blocks are the same (used to trim common prefixes and suffixes). */
export function sameBlock(ctx: ScoringContext, a: Node, b: Node): boolean {
  if (a === b) return true
  if (a.type !== b.type) return false
  if (a.attrs.kind !== b.attrs.kind) return false
  if (ctx.byId || a.attrs.id === undefined) return sameSubtree(a, b)
  return a.childCount === b.childCount && textOf(a) === textOf(b)
}
