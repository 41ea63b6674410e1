/**
 * Where each unit (units.ts) stands in its document: its parent unit and its
 * slot there, the number of the parent's own text blocks (heading,
 * paragraphs, notes) that come before it, as the new version reads (a block
 * wholly deleted in a revision document does not count). A committee draft
 * (committee-draft.ts) puts each unit it takes back under its parent at
 * that slot, so that a provision's paragraph after its items stays after them.
 */
import type { Node } from 'prosemirror-model'
import { nodeOnSide } from '../diff/accept-reject.js'

/** A unit's parent (null at the top of the document) and slot among the parent's own blocks. */
export interface UnitPlace {
  readonly parent: Node | null
  readonly slot: number
}

const CONTAINERS = new Set(['preambularSection', 'operativeSection', 'part', 'annex'])
const OWN_BLOCKS = new Set(['sectionHeading', 'partTitle', 'annexHeading', 'annexTitle', 'paragraph', 'note'])

/** True for a node that is one of its parent unit's own text blocks (not a unit of its own). */
export function isOwnBlock(node: Node): boolean {
  return OWN_BLOCKS.has(node.type.name)
}

/** The place of every section, part, annex, provision and item of a (revision) document, by node. */
export function unitPlaces(doc: Node): Map<Node, UnitPlace> {
  const places = new Map<Node, UnitPlace>()
  const walk = (parent: Node) => {
    let slot = 0
    parent.forEach(c => {
      if (isOwnBlock(c)) { if (nodeOnSide(c, 'new')) slot++; return }
      if (CONTAINERS.has(c.type.name) || c.type.name === 'provision' || c.type.name === 'item') {
        places.set(c, { parent: parent === doc ? null : parent, slot })
        walk(c)
      }
    })
  }
  walk(doc)
  return places
}
