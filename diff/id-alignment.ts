/**
 * The alignment of two lists of sibling blocks that differ only by blocks
 * deleted, or only by blocks inserted, in documents aligned by id (the
 * common light edit: a provision struck, or one added, the others as they
 * were): read off the ids, without scoring any pair.
 *
 * It is the alignment the scorer's dynamic programme gives (align.ts,
 * scoring.ts), when it applies: there, a block with an id is matched only
 * by the block with the same id, unless neither block's id occurs in the
 * other document; with no such pair on both sides, every block whose id
 * stands in both lists is matched (each match scores the most a pair can),
 * and the others are deleted or inserted where they stand, deletions before
 * insertions between two matches. The first blocks of both lists may be
 * without id when they always match each other (a section's heading, a
 * provision's first paragraph). Anything else (blocks without ids, sections,
 * which are matched by heading, ids in another order, a block whose id does
 * not occur in the other document on both sides) gives null: the scorer
 * decides.
 */
import type { Node } from 'prosemirror-model'
import type { AlignmentStep } from './align.js'
import type { IdSet } from './scoring.js'

/** Types aligned by id alone when the documents share a lineage (scoring.ts). */
const BY_ID = new Set(['provision', 'item', 'part', 'annex'])
/** First blocks that always match the other first block of their type (scoring.ts: singletons). */
const FIRST = new Set(['sectionHeading', 'partTitle', 'annexHeading'])

/** The alignment of `olds` with `news` (children of a `parentType`), or null; see the module comment. */
export function idAlignment(parentType: string, olds: readonly Node[], news: readonly Node[], oldIds: IdSet, newIds: IdSet): AlignmentStep[] | null {
  const steps: AlignmentStep[] = []
  let start = 0
  const a = olds[0]
  const b = news[0]
  if (a && b && (!a.attrs.id || !b.attrs.id)) {
    if (a.type !== b.type || a.attrs.id || b.attrs.id) return null
    if (!FIRST.has(a.type.name) && parentType !== 'provision' && parentType !== 'item') return null
    steps.push({ kind: 'match', oldIndex: 0, newIndex: 0 })
    start = 1
  }
  const inOld = idsOf(olds, start)
  const inNew = idsOf(news, start)
  if (!inOld || !inNew) return null
  // blocks that could be paired with a block of another id: on one side only
  let freeOld = false
  let freeNew = false
  const deleted: AlignmentStep[] = []
  const inserted: AlignmentStep[] = []
  let i = start
  let j = start
  while (i < olds.length || j < news.length) {
    const o = olds[i]
    const n = news[j]
    if (o && n && o.attrs.id === n.attrs.id) {
      if (o.type !== n.type) return null
      steps.push(...deleted, ...inserted, { kind: 'match', oldIndex: i++, newIndex: j++ })
      deleted.length = 0
      inserted.length = 0
    } else if (o && !inNew.has(o.attrs.id as string)) {
      freeOld ||= !newIds.has(o.attrs.id as string)
      deleted.push({ kind: 'delete', oldIndex: i++ })
    } else if (n && !inOld.has(n.attrs.id as string)) {
      freeNew ||= !oldIds.has(n.attrs.id as string)
      inserted.push({ kind: 'insert', newIndex: j++ })
    } else return null
    if (freeOld && freeNew) return null
  }
  steps.push(...deleted, ...inserted)
  return steps
}

/** The ids of `list` from `start`, or null when a block there has none or is not aligned by id alone. */
function idsOf(list: readonly Node[], start: number): Set<string> | null {
  const ids = new Set<string>()
  for (let k = start; k < list.length; k++) {
    const node = list[k]!
    const id = node.attrs.id as string | undefined
    if (!id || !BY_ID.has(node.type.name) || ids.has(id)) return null
    ids.add(id)
  }
  return ids
}
