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
 * provision's first paragraph).
 *
 * Sections are matched by kind and heading, an id only adding weight; but
 * two lists of sections that pair up in place, each pair of one id and one
 * kind (not `other`), are aligned so by the scorer too, and read off here:
 * such a pair scores at least 3, any other pair at most 2 (scoring.ts), so
 * matching them all in place is the one best alignment. This is the common
 * case of a draft and its text in force (sectionsInPlace).
 *
 * Anything else (blocks without ids, sections whose ids or kinds differ in
 * place, ids in another order, a block whose id does not occur in the other
 * document on both sides) gives null: the scorer decides.
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
  if (sectionsInPlace(olds, news)) return olds.map((_, k) => ({ kind: 'match', oldIndex: k, newIndex: k }))
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
  const oldSide = idsOf(olds, start)
  const newSide = oldSide && idsOf(news, start)
  if (!oldSide || !newSide) return null
  const inOld = oldSide.set
  const inNew = newSide.set
  const oldList = oldSide.ids
  const newList = newSide.ids
  // blocks that could be paired with a block of another id: on one side only
  let freeOld = false
  let freeNew = false
  const deleted: AlignmentStep[] = []
  const inserted: AlignmentStep[] = []
  let i = start
  let j = start
  while (i < olds.length || j < news.length) {
    const o = i < olds.length ? oldList[i - start]! : null
    const n = j < news.length ? newList[j - start]! : null
    if (o !== null && o === n) {
      if (olds[i]!.type !== news[j]!.type) return null
      if (deleted.length > 0 || inserted.length > 0) {
        for (const d of deleted) steps.push(d)
        for (const d of inserted) steps.push(d)
        deleted.length = 0
        inserted.length = 0
      }
      steps.push({ kind: 'match', oldIndex: i++, newIndex: j++ })
    } else if (o !== null && !inNew.has(o)) {
      freeOld ||= !newIds.has(o)
      deleted.push({ kind: 'delete', oldIndex: i++ })
    } else if (n !== null && !inOld.has(n)) {
      freeNew ||= !oldIds.has(n)
      inserted.push({ kind: 'insert', newIndex: j++ })
    } else return null
    if (freeOld && freeNew) return null
  }
  for (const d of deleted) steps.push(d)
  for (const d of inserted) steps.push(d)
  return steps
}

/** Sections matched by kind and heading (scoring.ts). */
const SECTIONS = new Set(['preambularSection', 'operativeSection'])

/**
 * Whether two lists are sections that pair up in place: as many on both
 * sides, each pair of one type, one id (distinct within the list) and one
 * kind other than `other`.
 */
function sectionsInPlace(olds: readonly Node[], news: readonly Node[]): boolean {
  if (olds.length === 0 || olds.length !== news.length) return false
  const seen = new Set<string>()
  for (let k = 0; k < olds.length; k++) {
    const o = olds[k]!
    const n = news[k]!
    const id = o.attrs.id as string | undefined
    const kind = o.attrs.kind as string | undefined
    if (o.type !== n.type || !SECTIONS.has(o.type.name) || !id || id !== n.attrs.id || seen.has(id)) return false
    if (kind === 'other' || kind !== n.attrs.kind) return false
    seen.add(id)
  }
  return true
}

/**
 * The ids of `list` from `start`, in order and as a set, or null when a
 * block there has none or is not aligned by id alone (or two have the same).
 */
function idsOf(list: readonly Node[], start: number): { ids: string[]; set: Set<string> } | null {
  const set = new Set<string>()
  const ids: string[] = []
  for (let k = start; k < list.length; k++) {
    const node = list[k]!
    const id = node.attrs.id as string | undefined
    if (!id || !BY_ID.has(node.type.name) || set.has(id)) return null
    set.add(id)
    ids.push(id)
  }
  return { ids, set }
}
