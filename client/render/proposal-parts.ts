/**
 * A proposal's own parts (its cover, the `MOD APT/44A13/1` line and its
 * reasons) stand around the amended text; they are not part of it. Compared
 * with the text in force, which has none of them, they come out of the diff
 * engine as wholly inserted. Shown as such, the whole cover reads as a
 * proposed change: here they are shown as they stand instead.
 */
import type { Mark, Node } from 'prosemirror-model'
import { PROPOSAL_PARTS } from '../../schema/index.js'
import { revisionOf } from '../../schema/revision.js'

const isRevisionMark = (m: Mark, name: 'insertion' | 'deletion') => m.type.name === name

const newSideOnly = new WeakSet<Node>()

/** Whether `node` is a proposal part that `settleProposalParts` found on the new side only (a side-by-side view leaves the old column empty). */
export function isNewSideOnly(node: Node): boolean { return newSideOnly.has(node) }

/** Whether every inline node in `node` carries the mark `name` (false when it holds no inline content). */
function wholly(node: Node, name: 'insertion' | 'deletion'): boolean {
  let seen = 0
  let all = true
  node.descendants(n => {
    if (!n.isInline) return true
    seen++
    if (!n.marks.some(m => isRevisionMark(m, name))) all = false
    return false
  })
  return all && seen > 0
}

function withoutMark(node: Node, name: 'insertion'): Node {
  if (node.isText) return node.mark(node.marks.filter(m => !isRevisionMark(m, name)))
  const kids: Node[] = []
  node.forEach(c => kids.push(withoutMark(c, name)))
  return node.type.create(node.attrs, kids, node.isInline ? node.marks.filter(m => !isRevisionMark(m, name)) : node.marks)
}

/**
 * The revision document with a proposal part present on one side only shown
 * as it stands: on the new side only (a proposal against the text in force),
 * unmarked; on the old side only, left out. A part on both sides (two
 * versions of one proposal) keeps its marks. Returns `revision` itself when
 * nothing changes.
 */
export function settleProposalParts(revision: Node): Node {
  let changed = false
  const kids: Node[] = []
  revision.forEach(child => {
    if (!PROPOSAL_PARTS.has(child.type.name)) { kids.push(child); return }
    // the MOD line has no text to mark: its revision record says which versions hold it
    if (child.isLeaf) {
      const status = revisionOf(child)?.status
      if (status === 'suppressed') { changed = true; return }
      if (status === 'added') { changed = true; const plain = child.type.create({ ...child.attrs, revision: null }); newSideOnly.add(plain); kids.push(plain); return }
      kids.push(child)
      return
    }
    if (wholly(child, 'deletion')) { changed = true; return }
    if (wholly(child, 'insertion')) { changed = true; const plain = withoutMark(child, 'insertion'); newSideOnly.add(plain); kids.push(plain); return }
    kids.push(child)
  })
  return changed ? revision.type.create(revision.attrs, kids, revision.marks) : revision
}
